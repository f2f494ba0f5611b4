import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { BackupError } from '../../features/backup/backup-error';
import { backupsDir, newBackupPath, rotateBackups } from '../../features/backup/backup-files';
import { configOrExit, withRuntime } from '../context';
import { say, t, warn } from '../messages';

const EMBEDDED_NOTE = `
With the embedded database (no DATABASE_URL) this cannot run while \`banso serve\`
runs on the same BANSO_DATA_DIR: the data-directory lock refuses it (exit 3).
Stop the server first; it writes a shutdown backup under <dataDir>/backups/ itself.
組み込みデータベースでは、同じデータディレクトリで banso serve が動いている間は実行できません（終了コード 3）。

Exit codes: 0 done, 1 refused or failed (nothing changed), 2 bad option or file, 3 data directory in use.`;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Prints a refused or failed backup/restore and exits 2 (file, options) or 1 (database). */
function exitWith(error: unknown): never {
  if (error instanceof BackupError) {
    warn(error.userMessage);
    process.exit(error.isInputError ? 2 : 1);
  }
  throw error;
}

const progress = (table: string, rows: number) => process.stderr.write(`  ${table}: ${rows}\n`);

async function confirmOnTerminal(): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await rl.question(
      t({
        ja: '復元先の全データ（全組織・全ユーザー・全企業）を削除してから復元します。続けるには restore と入力してください: ',
        en: 'This deletes ALL data of the target (every organisation, user and company) before restoring. Type restore to continue: ',
      }),
    );
    return answer.trim() === 'restore';
  } finally {
    rl.close();
  }
}

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description(
      'Write a portable SQL dump of the whole database / データベース全体をバックアップします',
    )
    .option(
      '--out <file>',
      'output file; gzip when it ends in .gz (default: <dataDir>/backups/banso-<time>-manual.sql.gz)',
    )
    .addHelpText(
      'after',
      `\nThe dump restores into PGlite or PostgreSQL alike (\`banso restore FILE\`).\nLogin sessions are not included.\n${EMBEDDED_NOTE}`,
    )
    .action(async (opts: { out?: string }) => {
      const config = configOrExit();
      const intoBackups = !opts.out;
      const file = opts.out
        ? path.resolve(opts.out)
        : newBackupPath(backupsDir(config.dataDir), new Date(), 'manual');
      if (existsSync(file)) {
        warn({ ja: `ファイルが既にあります: ${file}`, en: `The file already exists: ${file}` });
        process.exit(2);
      }
      const { writeDump } = await import('../../features/backup/dump-writer');
      const result = await withRuntime((runtime) =>
        writeDump(runtime.deps.db, runtime.deps.driver, file, { onTable: progress }),
      ).catch(exitWith);
      if (intoBackups) await rotateBackups(path.dirname(file), config.backup.keep);
      say({
        ja: `バックアップを作成しました: ${file}（${result.totalRows} 行、${mb(result.bytes)}、${seconds(result.ms)}）`,
        en: `Backup written: ${file} (${result.totalRows} rows, ${mb(result.bytes)}, ${seconds(result.ms)})`,
      });
    });

  program
    .command('restore')
    .description(
      'Restore a dump made by `banso backup` (or an automatic backup) / バックアップから復元します',
    )
    .argument('<file>', 'the dump (.sql or .sql.gz)')
    .option('--force', 'delete every row of the target first (asks for confirmation on a terminal)')
    .option('--yes', 'with --force: do not ask (scripts)')
    .addHelpText(
      'after',
      `
The target must be migrated to the same schema as the dump and hold no data
(a new BANSO_DATA_DIR or an empty PostgreSQL database), unless --force.
The restore runs in one transaction: it applies completely or not at all, and
every table's row count is checked against the dump before it commits.
Everyone logs in again afterwards (login sessions are not in a dump).
${EMBEDDED_NOTE}`,
    )
    .action(async (fileArg: string, opts: { force?: boolean; yes?: boolean }) => {
      const file = path.resolve(fileArg);
      // Loaded on use, so `banso --help` stays fast.
      const { readDumpHeader, restoreDump } = await import('../../features/backup/dump-restorer');
      const header = await readDumpHeader(file).catch(exitWith);
      const rows = header.rows.reduce((sum, r) => sum + r.count, 0);
      say({
        ja: `バックアップ: ${header.createdAt} 作成、Banso ${header.bansoVersion}、${header.sourceDriver}、${rows} 行`,
        en: `Backup: made ${header.createdAt} by Banso ${header.bansoVersion} on ${header.sourceDriver}, ${rows} rows`,
      });
      if (opts.yes && !opts.force) {
        warn({ ja: '--yes は --force と一緒に指定してください。', en: '--yes goes with --force.' });
        process.exit(2);
      }
      if (opts.force && !opts.yes) {
        if (!process.stdin.isTTY) {
          warn({
            ja: '--force は全データを削除します。端末以外から実行するときは --yes も指定してください。',
            en: '--force deletes all data. When not run from a terminal, add --yes as well.',
          });
          process.exit(2);
        }
        if (!(await confirmOnTerminal())) {
          warn({
            ja: '中止しました。何も変更していません。',
            en: 'Cancelled. Nothing was changed.',
          });
          process.exit(1);
        }
      }
      const result = await withRuntime((runtime) =>
        restoreDump(runtime.deps.db, file, { force: opts.force === true, onTable: progress }),
      ).catch(exitWith);
      say({
        ja: `復元しました: ${result.totalRows} 行（${seconds(result.ms)}）。ログインし直してください。`,
        en: `Restored ${result.totalRows} rows (${seconds(result.ms)}). Everyone logs in again.`,
      });
    });
}
