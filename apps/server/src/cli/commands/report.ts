import { rename, rm, writeFile } from 'node:fs/promises';
import { fiscalYearLabel, parseFiscalYear, REPORT_FORMATS, type ReportFormat } from '@banso/shared';
import { type Command, Option } from 'commander';
import { systemActor } from '../../context';
import { parseProgramRefs } from '../../features/reports/reports.service';
import { resolveTenant, withRuntime } from '../context';
import { say, warn } from '../messages';

interface ReportFlags {
  org?: string;
  fy: string;
  programs?: string;
  format?: ReportFormat;
  out?: string;
}

/** The format named, else the one the --out file's extension names, else PDF. */
export function reportFormatOf(flags: { format?: ReportFormat; out?: string }): ReportFormat {
  if (flags.format) return flags.format;
  const ext = flags.out?.split('.').pop()?.toLowerCase();
  return (REPORT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as ReportFormat) : 'pdf';
}

async function runReport(flags: ReportFlags) {
  const fy = parseFiscalYear(flags.fy);
  if (fy === null || fy < 1989 || fy > 2200) {
    warn({
      ja: `--fy の年度「${flags.fy}」を読めません（例: 2022、R4、令和4年度）。`,
      en: `Cannot read the fiscal year "${flags.fy}" (e.g. 2022, R4, 令和4年度).`,
    });
    process.exit(2);
  }
  const format = reportFormatOf(flags);
  const out = flags.out ?? `kpi-report-${fy}.${format}`;
  await withRuntime(async (_runtime, services) => {
    const tenant = await resolveTenant(services, flags.org);
    const file = await services.reports.generate(systemActor(tenant.id, 'banso report'), {
      fy,
      programs: parseProgramRefs(flags.programs),
      format,
    });
    // Written beside the target and renamed at the end, so a failure leaves no half file.
    const partial = `${out}.partial`;
    try {
      await writeFile(partial, file.body);
      await rename(partial, out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const count = file.report.programs.length;
    say({
      ja: `${fiscalYearLabel(fy)}のKPIレポート（${count}事業）を ${out} に書き出しました。`,
      en: `Wrote the ${fiscalYearLabel(fy)} (FY${fy}) KPI report of ${count} programs to ${out}.`,
    });
    if (count === 0)
      warn({
        ja: 'この年度に実施中の事業がありません。',
        en: 'No program runs in this fiscal year.',
      });
  });
}

async function runProgramsList(flags: { org?: string; fy?: string }) {
  const fy = flags.fy === undefined ? undefined : parseFiscalYear(flags.fy);
  if (fy === null) {
    warn({
      ja: `年度「${flags.fy}」を読めません。`,
      en: `Cannot read the fiscal year "${flags.fy}".`,
    });
    process.exit(2);
  }
  await withRuntime(async (_runtime, services) => {
    const tenant = await resolveTenant(services, flags.org);
    const rows = await services.programs.list(
      systemActor(tenant.id, 'banso programs'),
      fy === undefined ? {} : { fy },
    );
    for (const p of rows) {
      process.stdout.write(
        `${p.code ?? '-'}\t${p.id}\t${fiscalYearLabel(p.fromFy)}～${fiscalYearLabel(p.toFy)}\t${p.name}\n`,
      );
    }
  });
}

/** `banso report` (the KPI report) and `banso programs list`. */
export function registerReportCommands(program: Command) {
  program
    .command('report')
    .description('Write the KPI report of a fiscal year (PDF, Excel or CSV) / KPI効果検証レポート')
    .requiredOption('--fy <year>', 'fiscal year: 2022, R4 or 令和4年度')
    .option(
      '--programs <ids>',
      'comma-separated program codes or ids (default: every program running in that year)',
    )
    .addOption(
      new Option('--format <format>', 'pdf, xlsx or csv (default: from --out, else pdf)').choices(
        REPORT_FORMATS,
      ),
    )
    .option('--out <file>', 'output file (default: kpi-report-<year>.<format>)')
    .option('--org <code>', 'organisation code (optional when there is one)')
    .action((flags: ReportFlags) => runReport(flags));

  program
    .command('programs')
    .description('Programs (事業) and their codes / 事業の一覧')
    .command('list')
    .description('List programs: code, id, period, name')
    .option('--fy <year>', 'only programs running in this fiscal year')
    .option('--org <code>', 'organisation code (optional when there is one)')
    .action((flags: { org?: string; fy?: string }) => runProgramsList(flags));
}
