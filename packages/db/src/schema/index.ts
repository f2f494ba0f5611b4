export * from './companies';
export * from './tenants';
