import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeNtaApiHeader, looksLikeNtaRecord, NTA_KIND, ntaRowInput } from './nta-row';
import { ntaTestCells } from './test-files';

const record = (fields: string[], line = 3) => ({ line, fields });

describe('国税庁 rows', () => {
  it('recognises data rows and the Web-API first line', () => {
    expect(looksLikeNtaRecord(ntaTestCells(1))).toBe(true);
    expect(looksLikeNtaRecord(['法人番号', '名称'])).toBe(false);
    expect(looksLikeNtaApiHeader(['2024-04-01', '123', '1', '1'])).toBe(true);
    const fixture = readFileSync(new URL('./fixtures/nta-kawasaki.csv', import.meta.url), 'utf8');
    expect(fixture.split('\r\n')[1]?.split(',')).toHaveLength(30);
  });

  it('maps an active company: full address, 6-digit municipality code, kana and English name', () => {
    const r = ntaRowInput(record(ntaTestCells(1, { enName: 'Test Co.', cityCode: '133' })));
    if (r.skip) throw new Error('skipped');
    expect(r.input).toMatchObject({
      name: '株式会社国税テスト1',
      kind: 'sme',
      status: 'active',
      closedOn: null,
      closeReason: null,
      nameKana: 'コクゼイテスト1',
      nameEn: 'Test Co.',
      postalCode: '2110063',
      municipalityCode: '141330',
      address: '神奈川県川崎市中原区小杉町2丁目1',
      ntaUpdatedOn: '2024-04-01',
    });
    expect(r.owned).not.toContain('kind');
    expect(r.owned).not.toContain('technologies');
  });

  it('closes a company on process 21/71/81/99 or a close date, with the reason and the successor', () => {
    const merged = ntaRowInput(
      record(
        ntaTestCells(2, {
          process: '71',
          closeDate: '2022-10-01',
          closeCause: '11',
          successor: '1180301018771',
        }),
      ),
    );
    if (merged.skip) throw new Error('skipped');
    expect(merged.input).toMatchObject({
      status: 'closed',
      closedOn: '2022-10-01',
      closeReason: '合併による解散等',
      successorCorporateNumber: '1180301018771',
    });
    const deleted = ntaRowInput(record(ntaTestCells(3, { process: '99' })));
    if (deleted.skip) throw new Error('skipped');
    expect(deleted.input).toMatchObject({
      status: 'closed',
      closeReason: '削除',
      closedOn: '2015-10-05',
    });
  });

  it('skips history rows and never lets an empty cell clear supporter data', () => {
    expect(ntaRowInput(record(ntaTestCells(4, { latest: '0' })))).toEqual({ skip: true });
    const r = ntaRowInput(record(ntaTestCells(5, { furigana: '', enName: '', postCode: '' })));
    if (r.skip) throw new Error('skipped');
    expect(r.owned).not.toContain('nameKana');
    expect(r.owned).not.toContain('nameEn');
    expect(r.owned).not.toContain('postalCode');
  });

  it('maps 法人種別 to company kinds', () => {
    expect(NTA_KIND['101']).toBe('public');
    expect(NTA_KIND['201']).toBe('public');
    expect(NTA_KIND['305']).toBe('sme');
    expect(NTA_KIND['499']).toBe('other');
  });

  it('reports a row without 30 fields', () => {
    const r = ntaRowInput(record(['1', '2'], 12));
    expect(r.skip).toBeFalsy();
    if (!r.skip)
      expect(r.errors[0]).toMatchObject({ line: 12, field: '(row)', code: 'invalid_format' });
  });
});
