export const companyForm = {
  ja: { createTitle: '企業を登録' },
  en: { createTitle: 'Register a company' },
} as const;
