import pg from 'pg';
import { configDefaults, defineConfig } from 'vitest/config';

const TEST_PG_URL = process.env.BANSO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Three projects: `unit` (pure, fast), and the one integration suite run on
 * each driver (`int-pglite`, `int-postgres`). Without a reachable PostgreSQL
 * the postgres leg is left out with a notice, except under CI=true, where it
 * runs and fails.
 */
// Every test process, and every server a test starts, checks that no organisation transaction is
// opened inside another (packages/db/src/tenant-scope.ts): that would deadlock on PGlite.
process.env.BANSO_CHECK_TX_NESTING = '1';

const withPostgres = process.env.CI === 'true' || (await postgresReachable());
if (!withPostgres) {
  console.warn(
    '\n[banso] PostgreSQL not reachable: running the integration suite on PGlite only.\n',
  );
}

const intProject = (driver: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `int-${driver}`,
    include: ['apps/**/*.int.test.ts', 'packages/**/*.int.test.ts'],
    // Files about one driver only run in its project, so they are not reported as skipped in the
    // other: a backup moved between the drivers needs the PostgreSQL template, which only the
    // int-postgres globalSetup builds; the data-directory lock and the statistics task exist only for
    // the embedded one.
    exclude: [
      ...configDefaults.exclude,
      ...(driver === 'pglite'
        ? ['apps/server/src/features/backup/backup-cross-driver.int.test.ts']
        : [
            'apps/server/src/cli/server-hooks.int.test.ts',
            'apps/server/src/jobs/embedded-statistics.int.test.ts',
          ]),
    ],
    env: { BANSO_TEST_DRIVER: driver, TZ: 'Asia/Tokyo' },
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is WASM and single-connection: files run in parallel workers, tests inside a file in order.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
/** Under CI, each vitest run also writes a JSON report; .ci/run sums them into one closing line. */
const reportDir = process.env.BANSO_TEST_REPORT_DIR;

export default defineConfig({
  test: {
    reporters: reportDir
      ? [
          'default',
          ['json', { outputFile: `${reportDir}/vitest-${process.pid}-${Date.now()}.json` }],
        ]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['apps/**/*.test.ts', 'packages/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', 'apps/web/**'],
          env: { TZ: 'UTC' },
        },
      },
      {
        // Fiscal years are Japanese: date logic runs again with the process in Asia/Tokyo.
        extends: true,
        test: {
          name: 'unit-tokyo',
          include: ['packages/shared/src/ja/**/*.test.ts'],
          env: { TZ: 'Asia/Tokyo' },
        },
      },
      // The web app's component tests (React in happy-dom) have their own config beside the app.
      'apps/web/vitest.config.ts',
      intProject('pglite'),
      ...(withPostgres ? [intProject('postgres')] : []),
      {
        // Real user flows in Chromium against `banso serve` (see e2e/README.md). One file at a
        // time: each starts its own server and browser, and the machine has few cores.
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          env: { TZ: 'Asia/Tokyo' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
