import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_ENCODINGS, IMPORT_FORMATS, IMPORT_MODES, type Localized } from '@banso/shared';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import { systemActor } from '../../context';
import type { ExportEncoding } from '../../features/companies/export/export-companies';
import { findBansoColumn } from '../../features/companies/import/banso-columns';
import type {
  ImportProgress,
  ImportRunResult,
} from '../../features/companies/import/import-companies';
import type { ImportOptions } from '../../features/companies/import/import-options';
import { resolveTenant, withRuntime } from '../context';
import { cliLocale, say, t, warn } from '../messages';

const PLAIN_PROGRESS_MS = 1000;
const ERRORS_SHOWN = 200;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const n = (value: number) => value.toLocaleString('en-US');

const PHASES: Record<ImportProgress['phase'], Localized> = {
  validate: { ja: '検証', en: 'validate' },
  write: { ja: '書込', en: 'write' },
};

const STATUSES: Record<ImportRunResult['status'], Localized> = {
  completed: { ja: '完了', en: 'completed' },
  dry_run: { ja: '検証のみ（書き込みなし）', en: 'dry run (nothing written)' },
  rejected: { ja: '取込中止（何も書き込んでいません）', en: 'rejected (nothing written)' },
  failed: { ja: '失敗', en: 'failed' },
  interrupted: { ja: '中断', en: 'interrupted' },
  running: { ja: '実行中', en: 'running' },
};

/**
 * Progress on stderr: a cli-progress bar (bytes read, rows) on a terminal, otherwise a plain line
 * at most once a second, naming the committed line so logs show where a resume would start.
 */
function createProgress() {
  const tty = process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let phase: ImportProgress['phase'] | null = null;
  let lastPrint = 0;
  return {
    update(p: ImportProgress) {
      const rows = n(p.phase === 'write' ? p.inserted + p.updated + p.unchanged : p.rowsRead);
      if (tty) {
        if (phase !== p.phase) {
          bar?.stop();
          bar = new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: `${t(PHASES[p.phase])} |{bar}| {percentage}% | {read}/{size} MB | {rows} ${t({ ja: '行', en: 'rows' })}`,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.totalBytes, 0, { read: mb(0), size: mb(p.totalBytes), rows: '0' });
        }
        bar?.update(p.bytesRead, { read: mb(p.bytesRead), size: mb(p.totalBytes), rows });
      } else if (phase !== p.phase || Date.now() - lastPrint >= PLAIN_PROGRESS_MS) {
        lastPrint = Date.now();
        const pct = p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 100;
        const committed =
          p.phase === 'write'
            ? t({
                ja: ` 新規 ${n(p.inserted)} 更新 ${n(p.updated)} 変更なし ${n(p.unchanged)} 確定行 ${p.committedLine} (取込 ${p.importId})`,
                en: ` inserted ${n(p.inserted)} updated ${n(p.updated)} unchanged ${n(p.unchanged)} committed line ${p.committedLine} (import ${p.importId})`,
              })
            : '';
        process.stderr.write(
          `${t(PHASES[p.phase])} ${pct}% ${mb(p.bytesRead)}/${mb(p.totalBytes)} MB ${t({ ja: `${rows} 行`, en: `${rows} rows` })}${committed}\n`,
        );
      }
      phase = p.phase;
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

const fieldLabel = (field: string | undefined): string => {
  if (!field || field === '(row)') return t({ ja: '行', en: 'row' });
  if (field === '(file)') return t({ ja: 'ファイル', en: 'file' });
  const column = findBansoColumn(field);
  return column ? `${column.title} (${field})` : field;
};

function printResult(result: ImportRunResult) {
  say({
    ja: `取込結果: ${STATUSES[result.status].ja}`,
    en: `Import: ${STATUSES[result.status].en}`,
  });
  say({
    ja: `  形式 ${result.format} / 文字コード ${result.encoding} / 読込 ${n(result.rowsRead)} 行`,
    en: `  format ${result.format} / encoding ${result.encoding} / ${n(result.rowsRead)} rows read`,
  });
  say({
    ja: `  新規 ${n(result.inserted)} / 更新 ${n(result.updated)} / 変更なし ${n(result.unchanged)} / スキップ ${n(result.skipped)}`,
    en: `  inserted ${n(result.inserted)} / updated ${n(result.updated)} / unchanged ${n(result.unchanged)} / skipped ${n(result.skipped)}`,
  });
  if (result.id) say({ ja: `  取込ID ${result.id}`, en: `  import id ${result.id}` });
  if (result.errorCount === 0) return;
  say({ ja: `エラー ${n(result.errorCount)} 件:`, en: `${n(result.errorCount)} errors:` });
  for (const e of result.errors.slice(0, ERRORS_SHOWN)) {
    say({
      ja: `  ${e.line}行目 ${fieldLabel(e.field)}: ${e.message}`,
      en: `  line ${e.line} ${fieldLabel(e.field)}: ${e.message}`,
    });
  }
  if (result.errorCount > ERRORS_SHOWN) {
    say({
      ja: `  …ほか ${n(result.errorCount - ERRORS_SHOWN)} 件（取込記録に最初の1,000件があります）`,
      en: `  … and ${n(result.errorCount - ERRORS_SHOWN)} more (the import record keeps the first 1,000)`,
    });
  }
}

const resumeHint = (id: string, file: string): Localized => ({
  ja: `再開するには: banso companies import --resume ${id} ${file}`,
  en: `To resume: banso companies import --resume ${id} ${file}`,
});

function exitCodeOf(result: ImportRunResult): number {
  if (result.status === 'completed') return 0;
  if (result.status === 'dry_run') return result.errorCount > 0 ? 1 : 0;
  if (result.status === 'interrupted') return 130;
  return 1;
}

interface ImportFlags {
  org?: string;
  format: NonNullable<ImportOptions['format']>;
  encoding: NonNullable<ImportOptions['encoding']>;
  mode: NonNullable<ImportOptions['mode']>;
  dryRun?: boolean;
  municipality?: string;
  map?: string;
  resume?: string;
  batchSize?: string;
}

async function runImport(file: string, flags: ImportFlags): Promise<void> {
  const filePath = path.resolve(file);
  // Loaded on use, so `banso --help` stays fast.
  const { importCompaniesFromFile } = await import(
    '../../features/companies/import/import-companies'
  );
  const exitCode = await withRuntime(async (runtime, services) => {
    const tenant = await resolveTenant(services, flags.org);
    const actor = systemActor(tenant.id, 'cli');
    const progress = createProgress();
    const controller = new AbortController();
    let importId: string | null = null;
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(130);
      controller.abort();
      warn({
        ja: '中断します: 書き込み中のまとまりを確定してから停止します（もう一度 Ctrl-C で即時終了）。',
        en: 'Stopping after the batch being written (Ctrl-C again to quit at once).',
      });
    };
    process.on('SIGINT', onSigint);
    let result: ImportRunResult;
    try {
      result = await importCompaniesFromFile(
        runtime.deps,
        actor,
        filePath,
        {
          format: flags.format,
          encoding: flags.encoding,
          mode: flags.mode,
          dryRun: flags.dryRun ?? false,
          municipality: flags.municipality ?? null,
          mapping: flags.map ?? null,
          resume: flags.resume ?? null,
          locale: cliLocale(),
          signal: controller.signal,
          ...(flags.batchSize
            ? { batchSize: Math.max(1, Number.parseInt(flags.batchSize, 10) || 1000) }
            : {}),
        },
        (p) => {
          importId = p.importId ?? importId;
          progress.update(p);
        },
      );
    } catch (error) {
      progress.stop();
      if (importId) warn(resumeHint(importId, file));
      throw error;
    } finally {
      progress.stop();
      process.off('SIGINT', onSigint);
    }
    printResult(result);
    if (result.id && (result.status === 'interrupted' || result.status === 'failed'))
      warn(resumeHint(result.id, file));
    return exitCodeOf(result);
  });
  process.exitCode = exitCode;
}

async function runExport(flags: {
  org?: string;
  encoding: ExportEncoding;
  out?: string;
}): Promise<void> {
  const { exportCompaniesCsv } = await import('../../features/companies/export/export-companies');
  await withRuntime(async (runtime, services) => {
    const tenant = await resolveTenant(services, flags.org);
    const { chunks, stats } = exportCompaniesCsv(runtime.deps, systemActor(tenant.id, 'cli'), {
      encoding: flags.encoding,
    });
    if (flags.out) {
      // Written beside the target and renamed at the end, so a failed export leaves no half file.
      const partial = `${flags.out}.partial`;
      try {
        await pipeline(Readable.from(chunks), createWriteStream(partial));
        await rename(partial, flags.out);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    } else {
      for await (const chunk of chunks) {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }
    }
    warn({
      ja: `${n(stats.rows)} 社を書き出しました。`,
      en: `Exported ${n(stats.rows)} companies.`,
    });
    if (stats.substituted > 0) {
      warn({
        ja: `Shift_JIS にない ${n(stats.substituted)} 文字を同じ意味の文字に置き換えました（〜→～、−→－ など）。`,
        en: `Replaced ${n(stats.substituted)} characters that Shift_JIS lacks with their equivalents (〜→～, −→－ …).`,
      });
    }
    if (stats.unencodable > 0) {
      warn({
        ja: `Shift_JIS で表せない ${n(stats.unencodable)} 文字を「〓」にしました（例: ${stats.samples.join(' ')}）。UTF-8 で書き出すと失われません。`,
        en: `Wrote ${n(stats.unencodable)} characters that Shift_JIS cannot hold as 〓 (e.g. ${stats.samples.join(' ')}). Export in UTF-8 to keep them.`,
      });
    }
  });
}

/** `banso companies import` and `banso companies export`. */
export function registerCompaniesIoCommands(program: Command) {
  const companies =
    program.commands.find((c) => c.name() === 'companies') ??
    program.command('companies').description('Company registry / 企業台帳');

  companies
    .command('import')
    .description(
      'Import companies from a CSV file: Banso format or the 国税庁 corporate-number data / 企業の取込',
    )
    .argument('<file>', 'CSV file (UTF-8 or Shift_JIS)')
    .option('--org <code>', 'organisation code (optional when there is one)')
    .addOption(
      new Option('--format <format>', 'file format').choices(IMPORT_FORMATS).default('auto'),
    )
    .addOption(
      new Option('--encoding <encoding>', 'character encoding')
        .choices(IMPORT_ENCODINGS)
        .default('auto'),
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'atomic: any invalid row and nothing is imported; batches: skip invalid rows',
      )
        .choices(IMPORT_MODES)
        .default('atomic'),
    )
    .option('--dry-run', 'validate only and show what would change; write nothing')
    .option(
      '--municipality <code>',
      'only this region: 2-digit prefecture or 5/6-digit municipality code',
    )
    .option(
      '--map <mapping>',
      "column mapping for other files: '名称=会社名,法人番号=法人番号' or JSON",
    )
    .option('--resume <importId>', 'continue an interrupted import with the same file')
    .addOption(new Option('--batch-size <rows>', 'rows per transaction').hideHelp())
    .action((file: string, flags: ImportFlags) => runImport(file, flags));

  companies
    .command('export')
    .description('Export every company as a Banso CSV (kana order) / 企業の書き出し')
    .option('--org <code>', 'organisation code (optional when there is one)')
    .addOption(
      new Option('--encoding <encoding>', 'utf-8 (with BOM, for Excel) or shift_jis')
        .choices(['utf-8', 'shift_jis'])
        .default('utf-8'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action((flags: { org?: string; encoding: ExportEncoding; out?: string }) => runExport(flags));
}
