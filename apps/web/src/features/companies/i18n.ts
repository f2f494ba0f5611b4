export const companies = {
  ja: { title: '企業台帳' },
  en: { title: 'Companies' },
} as const;
