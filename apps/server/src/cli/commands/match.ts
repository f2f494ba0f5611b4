import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import {
  formatCsv,
  formatJsonLines,
  type MatchDirection,
  runBatchMatch,
} from '../../features/matching/batch-match';
import { MatchInputError, readNeeds, readSeeds } from '../../features/matching/match-input';
import { cliLocale, warn } from '../messages';

interface MatchOptions {
  seeds: string;
  needs: string;
  top: string;
  format: 'json' | 'csv';
  direction: MatchDirection;
  output?: string;
}

/**
 * `banso match --seeds FILE --needs FILE [--top N] [--format json|csv] [--direction …]`: runs the
 * matching engine on two files, without a database (a coordinator tests a list of patents
 * against a list of firms exported from Excel). Exit 2 on a bad option or file.
 */
export function registerMatchCommand(program: Command) {
  program
    .command('match')
    .description(
      'Rank needs (companies) for seeds (patents) from files, no database / ファイルからマッチング候補を出力します',
    )
    .requiredOption('--seeds <file>', 'seeds (patents): JSON Lines or CSV')
    .requiredOption('--needs <file>', 'needs (companies): JSON Lines or CSV')
    .option('--top <n>', 'candidates per query document (1–1000)', '10')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'),
    )
    .addOption(
      new Option(
        '--direction <direction>',
        'seeds-to-needs: companies per patent; needs-to-seeds: patents per company',
      )
        .choices(['seeds-to-needs', 'needs-to-seeds'])
        .default('seeds-to-needs'),
    )
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (opts: MatchOptions) => {
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1 || top > 1000) {
        warn({
          ja: '--top は 1〜1000 の整数で指定してください。',
          en: '--top must be an integer from 1 to 1000.',
        });
        process.exit(2);
      }
      let seeds: Awaited<ReturnType<typeof readSeeds>>;
      let needs: Awaited<ReturnType<typeof readNeeds>>;
      try {
        [seeds, needs] = await Promise.all([readSeeds(opts.seeds), readNeeds(opts.needs)]);
      } catch (error) {
        if (!(error instanceof MatchInputError)) throw error;
        const where = error.line > 0 ? `${error.file}:${error.line}` : error.file;
        warn({
          ja: `${where}: ${error.userMessage.ja}`,
          en: `${where}: ${error.userMessage.en}`,
        });
        process.exit(2);
      }
      // The analyser (kuromoji dictionary, Sudachi synonyms) is loaded once, only when needed.
      const { nodeAnalyzer } = await import('@banso/matching/node');
      const results = runBatchMatch({
        analyzer: await nodeAnalyzer(),
        seeds,
        needs,
        top,
        direction: opts.direction,
      });
      const text =
        opts.format === 'csv'
          ? formatCsv(results, opts.direction, cliLocale())
          : formatJsonLines(results, opts.direction, cliLocale());
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });
}
