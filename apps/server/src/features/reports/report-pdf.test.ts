import { describe, expect, it } from 'vitest';
import { buildReport } from './report-model';
import { renderReportPdf, warmUpReportPdf } from './report-pdf';

describe('warming up the PDF renderer', () => {
  it('loads pdfmake and the fonts once, and a report renders afterwards', async () => {
    const first = warmUpReportPdf();
    expect(warmUpReportPdf()).toBe(first);
    await first;
    const pdf = await renderReportPdf(buildReport(2022, [], new Date('2024-04-01T00:00:00Z')));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);
});
