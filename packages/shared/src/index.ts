export * from './contracts/auth';
export * from './contracts/common';
export * from './contracts/companies';
export * from './contracts/company-dto';
export * from './errors';
export * from './ja/index';
export * from './limits';
export * from './zod-field-errors';
