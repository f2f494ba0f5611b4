export * from './caravan';
export * from './companies';
export * from './jobs';
export * from './kpi-rollups';
export * from './matching';
export * from './programs';
export * from './tenants';
