import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTextProblem, isStorableText, MAX_JSON_DEPTH } from './text-policy';

describe('isStorableText', () => {
  it('accepts any well-formed text without NUL, Japanese and emoji included', () => {
    for (const s of ['', '株式会社かわさき', 'ｶﾜｻｷ', '𠮷野家', '👩‍👩‍👧', 'a\tb\nc', '\u3000']) {
      expect(isStorableText(s)).toBe(true);
    }
  });
  it('refuses NUL and lone surrogates, wherever they are', () => {
    for (const s of [
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udc00',
      '\ud83d',
      'ok\ud800ok',
      '\udc00\ud800',
    ]) {
      expect(isStorableText(s)).toBe(false);
    }
  });
  it('agrees with a round trip through UTF-8 (what PostgreSQL stores) for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const survives = new TextDecoder().decode(new TextEncoder().encode(s)) === s;
        expect(isStorableText(s)).toBe(survives && !s.includes('\u0000'));
      }),
    );
  });
});

describe('findTextProblem', () => {
  it('names the path of the first bad value or key', () => {
    expect(findTextProblem({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({
      kind: 'unsupported_character',
      path: ['a', '1', 'c'],
    });
    expect(findTextProblem({ ok: 1, 'k\ud800': 2 })).toEqual({
      kind: 'unsupported_character',
      path: ['k\ud800'],
    });
    expect(findTextProblem({ a: 1, b: [true, null, 'fine'] })).toBeNull();
  });
  it('refuses hostile depth without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblem(deep)).toMatchObject({ kind: 'too_deep' });
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) ok = { a: ok };
    expect(findTextProblem(ok)).toBeNull();
  });
});
