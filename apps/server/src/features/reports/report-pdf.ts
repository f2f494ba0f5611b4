import type { ProgramItemGroup } from '@banso/shared';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { PDF_FONT, pdfmakeWithFonts } from '../../pdf/pdfmake-fonts';
import type { Report, ReportProgram } from './report-model';

/**
 * The report as PDF (pdfmake): A4 landscape like the seed's slides, Noto Sans JP embedded as a
 * subset (read from the npm package, so no installed Japanese font is needed), page numbers.
 * Nothing is fetched: URL and local file access are denied.
 */

/** Numbered items are stored as written (「1 ウェルテックの運営」, ①②③), so they print as is. */
function groups(list: ProgramItemGroup[]): Content[] {
  return list.map((g) => {
    const content: Content[] = [];
    if (g.title) content.push({ text: g.title, bold: true, margin: [0, 4, 0, 2] });
    if (g.body) content.push({ text: g.body, margin: [10, 0, 0, 2] });
    for (const item of g.items) content.push({ text: item, margin: [14, 0, 0, 1] });
    return { stack: content } as Content;
  });
}

function kpiTable(p: ReportProgram): Content {
  const header1: TableCell[] = [{ text: '指標', rowSpan: 2, bold: true }];
  const header2: TableCell[] = [{ text: '' }];
  if (p.hasBaseline) {
    header1.push({ text: '事業開始前の現状値', rowSpan: 2, bold: true, alignment: 'center' });
    header2.push({ text: '' });
  }
  for (const label of p.kpiYearLabels) {
    header1.push({ text: label, colSpan: 2, bold: true, alignment: 'center' }, { text: '' });
    header2.push(
      { text: '計画', bold: true, alignment: 'center' },
      { text: '実績', bold: true, alignment: 'center' },
    );
  }
  const body: TableCell[][] = [header1, header2];
  for (const k of p.kpis) {
    const row: TableCell[] = [{ text: k.label }];
    if (p.hasBaseline) row.push({ text: k.baselineText, alignment: 'right', noWrap: true });
    for (const c of k.cells) {
      row.push(
        { text: c.planText, alignment: 'right', noWrap: true },
        { text: c.actualText, alignment: 'right', noWrap: true, bold: c.achieved === true },
      );
    }
    body.push(row);
  }
  const numeric = (p.hasBaseline ? 1 : 0) + p.kpiYears.length * 2;
  return {
    table: {
      headerRows: 2,
      dontBreakRows: true,
      widths: ['*', ...Array.from({ length: numeric }, () => 'auto' as const)],
      body,
    },
    fontSize: 9,
    margin: [0, 4, 0, 4],
  };
}

function programContent(p: ReportProgram, index: number): Content[] {
  const content: Content[] = [
    {
      text: p.title,
      style: 'programTitle',
      ...(index > 0 ? { pageBreak: 'before' as const } : {}),
    },
  ];
  if (p.description.length > 0)
    content.push({ ul: p.description.map((d) => ({ text: d })), margin: [0, 2, 0, 2] });
  content.push({ text: p.period, margin: [0, 0, 0, 6] });
  if (p.background.length > 0) {
    content.push({ text: '事業背景など', style: 'heading' }, ...groups(p.background));
  }
  for (const y of p.budgetYears) {
    content.push({ text: y.heading, style: 'heading' });
    if (y.intro) content.push({ text: y.intro, margin: [0, 0, 0, 2] });
    content.push(...groups(y.activities));
  }
  if (p.kpis.length > 0) {
    content.push({ text: p.kpiTitle, style: 'heading' }, kpiTable(p));
    for (const note of p.tableNotes) content.push({ text: note, fontSize: 8 });
    if (p.achievementNote) content.push({ text: p.achievementNote, fontSize: 8 });
  }
  if (p.summary.length > 0) {
    content.push(
      { text: '総括と今後の取組', style: 'heading' },
      { ul: p.summary.map((s) => ({ text: s })) },
    );
  }
  return content;
}

export function reportDocument(report: Report): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 40, 40],
    info: {
      title: report.title,
      creator: 'Banso',
      producer: 'Banso',
      creationDate: report.generatedAt,
    },
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.2 },
    styles: {
      reportTitle: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      programTitle: { fontSize: 14, bold: true, margin: [0, 0, 0, 6] },
      heading: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
    },
    footer: (currentPage: number, pageCount: number) => ({
      text: `${currentPage} / ${pageCount}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 10, 0, 0],
    }),
    content: report.programs.flatMap((p, i) => programContent(p, i)),
  };
}

/** Renders the report; the font is loaded once per process. */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  const pdfmake = await pdfmakeWithFonts();
  const buffer = await pdfmake.createPdf(reportDocument(report)).getBuffer();
  return Buffer.from(buffer);
}

let warming: Promise<void> | undefined;

/**
 * Loads pdfmake and the Noto Sans JP fonts and renders a one-line document in both weights, once
 * per process, so that the first real report does not pay for it (~1–2 s on an idle machine,
 * more under load). Started in the background when someone opens the report's preview, which
 * is where a download comes from.
 */
export function warmUpReportPdf(): Promise<void> {
  warming ??= (async () => {
    const pdfmake = await pdfmakeWithFonts();
    await pdfmake
      .createPdf({
        defaultStyle: { font: PDF_FONT },
        content: [{ text: '令和4年度 事業費21,618千円', bold: true }, { text: '重要業績評価指標' }],
      })
      .getBuffer();
  })().catch((error: unknown) => {
    warming = undefined;
    throw error;
  });
  return warming;
}
