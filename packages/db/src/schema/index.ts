export * from './caravan';
export * from './companies';
export * from './programs';
export * from './tenants';
