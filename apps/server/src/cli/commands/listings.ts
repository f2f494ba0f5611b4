import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../context';
import { resolveTenant, withRuntime } from '../context';
import { cliLocale, say, warn } from '../messages';

interface ImportFlags {
  org?: string;
  dryRun?: boolean;
}

async function runImport(file: string, flags: ImportFlags) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    warn({
      ja: `${file} を読めません (${code ?? 'error'})。`,
      en: `Cannot read ${file} (${code ?? 'error'}).`,
    });
    process.exit(2);
  }
  await withRuntime(async (_runtime, services) => {
    const tenant = await resolveTenant(services, flags.org);
    const result = await services.listings.importFile(
      systemActor(tenant.id, 'banso listings import'),
      bytes,
      { dryRun: flags.dryRun === true, locale: cliLocale() },
    );
    if (result.errors.length > 0) {
      for (const e of result.errors)
        warn({
          ja: `${file}:${e.line}: ${e.field}: ${e.message}`,
          en: `${file}:${e.line}: ${e.field}: ${e.message}`,
        });
      warn({
        ja: `${result.errors.length}件の誤りがあるため、何も取り込みませんでした。`,
        en: `${result.errors.length} errors: nothing was imported.`,
      });
      process.exitCode = 1;
      return;
    }
    say(
      result.dryRun
        ? {
            ja: `確認のみ: 新規 ${result.created}件、更新 ${result.updated}件（書き込みなし）。`,
            en: `Dry run: ${result.created} new, ${result.updated} updated (nothing written).`,
          }
        : {
            ja: `取り込みました: 新規 ${result.created}件、更新 ${result.updated}件。`,
            en: `Imported: ${result.created} new, ${result.updated} updated.`,
          },
    );
  });
}

/** `banso listings import FILE`: open patents and other seeds/needs from CSV or JSON. */
export function registerListingsCommands(program: Command) {
  program
    .command('listings')
    .description('Open patents (開放特許) and other seeds and needs / 開放特許・シーズ・ニーズ')
    .command('import')
    .description(
      'Import listings from CSV (UTF-8 or Shift_JIS, Japanese or English headings), JSON Lines or a JSON array; all or nothing, a re-import updates by id',
    )
    .argument('<file>', 'the file to import')
    .option('--dry-run', 'validate and count only, write nothing')
    .option('--org <code>', 'organisation code (optional when there is one)')
    .action((file: string, flags: ImportFlags) => runImport(file, flags));
}
