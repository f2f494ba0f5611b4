import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table carries the tenant; every primary and unique key includes it (Citus-ready). */
export const tenantId = () => uuid('tenant_id').notNull();

export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
});

/** Optimistic concurrency: an update must name the version it read. */
export const version = () => integer('version').notNull().default(1);
