import { createInterface } from 'node:readline/promises';
import type { Localized } from '@banso/shared';
import { t, warn } from './messages';

/**
 * Fills missing options by asking on a terminal; without a terminal (scripts,
 * CI) lists every missing option and exits 2.
 */
export async function requireOptions<K extends string>(
  given: Partial<Record<K, string | undefined>>,
  wanted: { key: K; flag: string; label: Localized; secret?: boolean }[],
): Promise<Record<K, string>> {
  const missing = wanted.filter((w) => !given[w.key]);
  const result = { ...given } as Record<K, string>;
  if (missing.length === 0) return result;
  if (!process.stdin.isTTY) {
    warn({ ja: '次のオプションが必要です:', en: 'These options are required:' });
    for (const m of missing) process.stderr.write(`  ${m.flag}  ${t(m.label)}\n`);
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    for (const m of missing) {
      result[m.key] = (await rl.question(`${t(m.label)}: `)).trim();
    }
  } finally {
    rl.close();
  }
  return result;
}
