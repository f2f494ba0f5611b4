export * from './corporate-number';
export * from './date';
export * from './fiscal-year';
export * from './jsic';
export * from './kana';
export * from './lg-code';
export * from './municipalities';
export * from './wareki';
