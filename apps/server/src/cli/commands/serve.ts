import type { Command } from 'commander';
import { DataDirLockedError } from '../../runtime/data-dir-lock';
import { cliLogger, configOrExit } from '../context';
import { say, warn } from '../messages';
import { serverHooks } from '../server-hooks';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('Run the Banso server (API and web app) / サーバーを起動します')
    .action(async () => {
      const config = configOrExit();
      const logger = cliLogger();
      const { startServer } = await import('../../runtime/server');
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer(
          config,
          logger.child({}, { level: config.logLevel }),
          serverHooks,
        );
      } catch (error) {
        if (error instanceof DataDirLockedError) {
          warn({ ja: error.message, en: error.message });
          process.exit(3);
        }
        throw error;
      }
      say({ ja: `Banso を起動しました: ${server.url}`, en: `Banso is running at ${server.url}` });
      if (config.database.driver === 'pglite') {
        const { maxActive, maxQueue, maxWaitMs } = config.admission;
        say({
          ja:
            `組み込みデータベース: ${config.database.dataDir}\n` +
            '  1 つの接続で順に処理します。1 事務所の数人での利用向けです（2 コアで毎秒 25〜40 リクエスト程度）。' +
            `同時に ${maxActive} 件、待ちは ${maxQueue} 件・${maxWaitMs / 1000} 秒までで、超えたリクエストには 503（Retry-After）を返します。` +
            '複数人で使う事務所では PostgreSQL を推奨します（DATABASE_URL）。',
          en:
            `Embedded database: ${config.database.dataDir}\n` +
            '  It serves one statement at a time: meant for a few people of one office (25–40 requests/s on 2 cores). ' +
            `${maxActive} requests at once, at most ${maxQueue} waiting for at most ${maxWaitMs / 1000} s; beyond that, 503 with Retry-After. ` +
            'Offices with several users should run PostgreSQL (DATABASE_URL).',
        });
      }
      if (server.setupUrl) {
        say({
          ja: `\n初期設定が必要です。次の URL を開いて最初の組織と管理者を登録してください（1回限り有効）:\n  ${server.setupUrl}\n`,
          en: `\nFirst run: open this one-time URL to create the first organisation and admin:\n  ${server.setupUrl}\n`,
        });
      }
      let signals = 0;
      const shutdown = async (signal: string) => {
        signals += 1;
        if (signals > 1) process.exit(130);
        logger.info({ signal }, 'shutting down');
        await server.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
