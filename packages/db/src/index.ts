export * from './client';
export * as schema from './schema/index';
export * from './schema/index';
export * from './sql-helpers';
export * from './statistics';
export * from './tenant-scope';
