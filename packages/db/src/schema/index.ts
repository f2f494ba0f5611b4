export * from './caravan';
export * from './companies';
export * from './matching';
export * from './programs';
export * from './tenants';
