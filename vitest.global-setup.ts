import { postgresReachable, prepareTemplate } from '@banso/db/testing';
import type { TestProject } from 'vitest/node';

/** Builds the migrated template database once for the integration project's driver. */
export default async function setup(project: TestProject) {
  const driver = project.config.env.BANSO_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
  if (driver === 'postgres' && !(await postgresReachable())) {
    throw new Error(
      'PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres). ' +
        'The PostgreSQL leg of the integration suite cannot run.',
    );
  }
  const { templates, teardown } = await prepareTemplate(driver);
  project.provide('bansoTestTemplates', templates);
  return teardown;
}
