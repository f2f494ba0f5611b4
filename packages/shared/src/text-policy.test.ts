import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTextProblem, isStorableText, MAX_JSON_DEPTH, printable } from './text-policy';

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
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    // Strings of any UTF-16 code units, surrogates and NUL made likely (fast-check's own
    // 'binary' unit takes ~20 ms per string to generate).
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    const anyText = fc.array(unit, { maxLength: 12 }).map((u) => String.fromCharCode(...u));
    fc.assert(
      fc.property(anyText, (s) => {
        const survives = decoder.decode(encoder.encode(s)) === s;
        return isStorableText(s) === (survives && !s.includes('\u0000'));
      }),
      { numRuns: 2000 },
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

describe('printable', () => {
  it('shows NUL and lone surrogates visibly, leaves other text as it is', () => {
    expect(printable('列\u0000名')).toBe('列\u2400名');
    expect(printable('a\ud800b\udc00')).toBe('a\uFFFDb\uFFFD');
    expect(printable('🏭 工場')).toBe('🏭 工場');
    expect(isStorableText(printable('x\u0000\ud83d'))).toBe(true);
  });
});
