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
        say({
          ja: `組み込みデータベース: ${config.database.dataDir}（複数人で使う事務所では PostgreSQL を推奨します）`,
          en: `Embedded database: ${config.database.dataDir} (offices with several users should run PostgreSQL)`,
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
