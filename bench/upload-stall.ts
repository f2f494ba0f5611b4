/**
 * How long one hostile upload stalls everyone else (issue 12.3): a `banso serve` on the embedded
 * database receives a 5 MB CSV whose header has 2.6 million one-letter columns while another client
 * asks GET /api/health every 20 ms; the longest health answer during the upload is the stall.
 * For one or more checkouts side by side (e.g. before and after the shape guard):
 *
 *   BANSO_BENCH_CHECKOUTS=/path/before,/path/after node --import tsx bench/upload-stall.ts
 *
 * Every server listens on 127.0.0.1 with its own temporary data directory.
 */
import path from 'node:path';
import { type BansoServer, printTable, startBansoServer } from './lib/banso-server';

const CHECKOUTS = (process.env.BANSO_BENCH_CHECKOUTS ?? process.cwd()).split(',');
const ROUNDS = Number(process.env.BANSO_BENCH_ROUNDS ?? 3);
const HOSTILE = `名称${',x'.repeat(2_600_000)}\n`;

/** One hostile upload with health probes beside it: the longest probe and the upload's answer. */
async function round(server: BansoServer) {
  let uploading = true;
  let longest = 0;
  const probes = (async () => {
    while (uploading) {
      const t0 = performance.now();
      await fetch(`${server.base}/api/health`);
      longest = Math.max(longest, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${server.base}/api/v1/companies/import?dryRun=true`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${server.token}` },
    body: HOSTILE,
  });
  await res.arrayBuffer();
  const uploadMs = performance.now() - t0;
  uploading = false;
  await probes;
  return { status: res.status, uploadMs, longest };
}

const rows: string[] = [];
for (const [i, checkout] of CHECKOUTS.entries()) {
  const server = await startBansoServer({
    checkout,
    driver: 'pglite',
    port: 3970 + i,
    name: `stall_${i}`,
  });
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const { status, uploadMs, longest } = await round(server);
      rows.push(
        `| ${path.basename(checkout)} | ${r + 1} | ${status} | ${uploadMs.toFixed(0)} | ${longest.toFixed(0)} |`,
      );
    }
  } finally {
    await server.stop();
  }
}
printTable(
  [
    'checkout',
    'round',
    'answer',
    'upload answered after (ms)',
    'longest health answer meanwhile (ms)',
  ],
  rows,
);
