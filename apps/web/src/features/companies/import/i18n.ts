export const companyImport = {
  ja: { title: 'CSV 取り込み' },
  en: { title: 'CSV import' },
} as const;
