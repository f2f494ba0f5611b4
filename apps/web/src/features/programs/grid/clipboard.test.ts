import { describe, expect, it } from 'vitest';
import { parseClipboard, parseFigure, toClipboard } from './clipboard';

describe('parseClipboard', () => {
  it('reads tab-separated rows from Excel (CRLF, trailing line break)', () => {
    expect(parseClipboard('21,618\t10,809\r\n22,073\t11,036\r\n')).toEqual([
      ['21,618', '10,809'],
      ['22,073', '11,036'],
    ]);
  });
  it('keeps empty cells and a single value', () => {
    expect(parseClipboard('1\t\t3\n')).toEqual([['1', '', '3']]);
    expect(parseClipboard('568')).toEqual([['568']]);
    expect(parseClipboard('')).toEqual([]);
  });
  it('unquotes cells holding tabs, line breaks or quotes', () => {
    expect(parseClipboard('"a\tb"\t"line1\nline2"\t"say ""hi"""\n2')).toEqual([
      ['a\tb', 'line1\nline2', 'say "hi"'],
      ['2'],
    ]);
  });
  it('round-trips through toClipboard', () => {
    const block = [
      ['1', 'a\tb'],
      ['"q"', ''],
    ];
    expect(parseClipboard(toClipboard(block))).toEqual(block);
  });
});

describe('parseFigure', () => {
  it.each([
    ['21,618', 21618],
    ['1,406,427', 1406427],
    ['２１，６１８', 21618],
    ['568歳', 568],
    ['3件', 3],
    ['1,406,427千円', 1406427],
    ['2.5万人', 2.5],
    ['▲1,200', -1200],
    ['△5', -5],
    ['-3', -3],
    ['−3', -3],
    ['(1,200)', -1200],
    [' 42 ', 42],
    ['0', 0],
  ])('%s → %d', (raw, value) => {
    expect(parseFigure(raw)).toEqual({ ok: true, value });
  });
  it.each(['', ' ', '—', '-'])('%j is empty', (raw) => {
    expect(parseFigure(raw)).toEqual({ ok: true, value: null });
  });
  it.each(['abc', '1,23', '12,3456', '1.2.3', '１２ab', '3件件', '--3'])(
    '%j is not a number',
    (raw) => {
      expect(parseFigure(raw)).toEqual({ ok: false });
    },
  );
});
