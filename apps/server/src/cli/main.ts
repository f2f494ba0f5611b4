import { Command, CommanderError } from 'commander';
import { AppError } from '../app-error';
import { cliLanguageFromEnv } from '../config';
import { DataDirLockedError } from '../runtime/data-dir-lock';
import { registerServe } from './commands/serve';
import { registerSetupCommands } from './commands/setup';
import { extraCommands } from './extra-commands';
import { cliLocale, setCliLocale, t } from './messages';

setCliLocale(
  process.argv.includes('--lang')
    ? process.argv[process.argv.indexOf('--lang') + 1]
    : cliLanguageFromEnv(),
);

const program = new Command('banso')
  .description('Banso (伴走): companion support for SMEs — the Kawasaki Model in software')
  .option('--lang <lang>', 'message language: ja (default) or en')
  .showHelpAfterError()
  .exitOverride();

registerServe(program);
registerSetupCommands(program);
for (const register of extraCommands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(3);
  }
  if (error instanceof AppError) {
    process.stderr.write(`${t(error.userMessage)}\n`);
    for (const f of error.fields) process.stderr.write(`  ${f.field}: ${f.message[cliLocale()]}\n`);
    process.exit(1);
  }
  throw error;
}
