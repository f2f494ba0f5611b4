import { describe, expect, it } from 'vitest';
import { hasFilters, readListParams, toCompanyQuery, writeListParams } from './list-params';

describe('list URL parameters', () => {
  it('round-trips every filter and leaves defaults out of the URL', () => {
    const url =
      'q=かわ&kind=startup&jsic=E&municipality=141330&tag=事業承継&archived=1&sort=updated&limit=100&cursor=abc';
    const state = readListParams(new URLSearchParams(url));
    expect(state).toEqual({
      q: 'かわ',
      kind: 'startup',
      jsic: 'E',
      municipality: '141330',
      tag: '事業承継',
      includeArchived: true,
      sort: 'updated',
      limit: 100,
      cursor: 'abc',
    });
    expect(Object.fromEntries(writeListParams(state))).toEqual(
      Object.fromEntries(new URLSearchParams(url)),
    );
    expect(
      writeListParams(readListParams(new URLSearchParams('sort=kana&limit=50'))).toString(),
    ).toBe('');
  });

  it('ignores values the API would refuse', () => {
    const state = readListParams(
      new URLSearchParams('kind=bank&jsic=Z9&municipality=abc&limit=7&sort=name'),
    );
    expect(state).toMatchObject({
      kind: null,
      jsic: null,
      municipality: null,
      limit: 50,
      sort: 'kana',
    });
    expect(readListParams(new URLSearchParams('jsic=e&municipality=14')).jsic).toBe('E');
    // A major group (中分類) is 2 digits; groups and industries (3–4 digits) are not offered.
    expect(readListParams(new URLSearchParams('jsic=09')).jsic).toBe('09');
    expect(readListParams(new URLSearchParams('jsic=091')).jsic).toBeNull();
    expect(readListParams(new URLSearchParams('jsic=9')).jsic).toBeNull();
    expect(readListParams(new URLSearchParams('municipality=14')).municipality).toBe('14');
  });

  it('builds the API query and knows when the list is narrowed', () => {
    const state = readListParams(new URLSearchParams('archived=1&cursor=c'));
    expect(toCompanyQuery(state)).toEqual({
      q: undefined,
      kind: undefined,
      jsic: undefined,
      municipality: undefined,
      tag: undefined,
      includeArchived: 'true',
      sort: 'kana',
      limit: 50,
      cursor: 'c',
    });
    expect(hasFilters(state)).toBe(false);
    expect(hasFilters(readListParams(new URLSearchParams('tag=x')))).toBe(true);
  });
});
