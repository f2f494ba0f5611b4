#!/usr/bin/env node
// Generates the compact reference data shipped with @banso/shared:
//   municipalities.json  every municipality and designated-city ward (全国地方公共団体コード)
//   prefectures.json     the 47 prefectures
//   jsic.json            日本標準産業分類 (JSIC) rev. 14, all four levels, names only
//   ipc.json             IPC (国際特許分類) sections, classes and subclasses with English titles
//
// Usage: node packages/shared/data/generate.mjs [SOURCE_DIR]
// SOURCE_DIR holds localgovjp-utf8.csv, prefjp-utf8.csv, jsic-full.json and
// ipc_en_section_class_subclass.csv. It defaults to
// $BANSO_SHARED_DATA, then to /work/shared/data found relative to this script.
// The outputs are written next to this script, deterministically (sorted, one record a line),
// so regenerating from the same sources gives byte-identical files.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const REQUIRED = [
  'localgovjp-utf8.csv',
  'prefjp-utf8.csv',
  'jsic-full.json',
  'ipc_en_section_class_subclass.csv',
];

function findSourceDir() {
  const candidates = [
    process.argv[2],
    process.env.BANSO_SHARED_DATA,
    // packages/shared/data -> repository root -> its sibling `shared/data` (/work/main -> /work/shared)
    resolve(here, '../../../../shared/data'),
    resolve(here, '../../../shared/data'),
  ].filter((c) => typeof c === 'string' && c !== '');
  for (const c of candidates) {
    const dir = resolve(c);
    if (REQUIRED.every((f) => existsSync(join(dir, f)))) return dir;
  }
  throw new Error(
    `No source directory with ${REQUIRED.join(', ')} found; tried:\n  ${candidates.map((c) => resolve(c)).join('\n  ')}\nPass it as the first argument.`,
  );
}

/** Minimal RFC 4180 parser: quoted fields, doubled quotes, LF or CRLF, optional BOM. */
function parseCsv(text) {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) throw new Error('empty CSV');
  return body.map((r) => {
    if (r.length !== header.length)
      throw new Error(`bad CSV row (${r.length} fields): ${r.join(',')}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}

/** Same formula as src/ja/lg-code.ts (kept in sync by the tests). */
function lgCodeCheckDigit(code5) {
  const s = [6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(code5[i]), 0);
  return (11 - (s % 11)) % 10;
}

function checkLgCode(code6, what) {
  if (!/^\d{6}$/.test(code6) || lgCodeCheckDigit(code6) !== Number(code6[5])) {
    throw new Error(`invalid 全国地方公共団体コード ${code6} (${what})`);
  }
}

/** One JSON record a line: small diffs, still valid JSON. */
function writeJson(file, meta, key, records) {
  const lines = records.map((r) => `    ${JSON.stringify(r)}`);
  const head = Object.entries(meta).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`,
  );
  const text = `{\n${head.join('\n')}\n  ${JSON.stringify(key)}: [\n${lines.join(',\n')}\n  ]\n}\n`;
  JSON.parse(text); // sanity
  writeFileSync(join(here, file), text);
  console.log(`wrote ${file}: ${records.length} ${key}`);
}

const clean = (s) => s.normalize('NFC').trim();

function generatePrefectures(dir) {
  const rows = parseCsv(readFileSync(join(dir, 'prefjp-utf8.csv'), 'utf8'));
  const prefectures = rows.map((r) => {
    const code = r.pid.padStart(2, '0');
    // prefjp's lgcode is a number that lost its leading zero (10006 is 010006).
    const lgCode = r.lgcode.padStart(6, '0');
    checkLgCode(lgCode, r.pref);
    if (!lgCode.startsWith(code)) throw new Error(`prefecture ${r.pref}: ${code} vs ${lgCode}`);
    return {
      code,
      name: clean(r.pref),
      nameKana: clean(r.prefkana),
      nameEn: clean(r.pref_en),
      lgCode,
    };
  });
  prefectures.sort((a, b) => a.code.localeCompare(b.code));
  if (prefectures.length !== 47)
    throw new Error(`expected 47 prefectures, got ${prefectures.length}`);
  return prefectures;
}

function generateMunicipalities(dir, prefectures) {
  const prefNames = new Map(prefectures.map((p) => [p.code, p.name]));
  const rows = parseCsv(readFileSync(join(dir, 'localgovjp-utf8.csv'), 'utf8'));
  const seen = new Set();
  const municipalities = rows.map((r) => {
    const code = r.lgcode;
    checkLgCode(code, r.city);
    if (code.slice(0, 5) !== r.cid.padStart(5, '0'))
      throw new Error(`cid/lgcode mismatch: ${r.cid} ${code}`);
    if (seen.has(code)) throw new Error(`duplicate code ${code}`);
    seen.add(code);
    const prefecture = clean(r.pref);
    if (prefNames.get(code.slice(0, 2)) !== prefecture)
      throw new Error(`prefecture mismatch: ${code} ${prefecture}`);
    return { code, prefecture, name: clean(r.city), nameKana: clean(r.citykana) };
  });
  municipalities.sort((a, b) => a.code.localeCompare(b.code));
  return municipalities;
}

function generateJsic(dir) {
  const src = JSON.parse(readFileSync(join(dir, 'jsic-full.json'), 'utf8'));
  const out = [];
  const add = (node, parent, pattern) => {
    const code = clean(node.code);
    if (!pattern.test(code)) throw new Error(`unexpected JSIC code ${code}`);
    if (parent !== null && /^\d/.test(code) && !code.startsWith(parent) && code.length > 2) {
      throw new Error(`JSIC ${code} is not under ${parent}`);
    }
    const record = { code, name: clean(node.name), nameEn: clean(node.name_en) };
    if (parent !== null) record.parent = parent;
    out.push(record);
    return code;
  };
  for (const d of src.major_categories) {
    const dc = add(d, null, /^[A-T]$/);
    for (const m of d.middle_categories) {
      const mc = add(m, dc, /^\d{2}$/);
      for (const g of m.minor_categories) {
        const gc = add(g, mc, /^\d{3}$/);
        for (const i of g.detail_categories) add(i, gc, /^\d{4}$/);
      }
    }
  }
  const codes = new Set(out.map((r) => r.code));
  if (codes.size !== out.length) throw new Error('duplicate JSIC codes');
  return out;
}

function generateIpc(dir) {
  const rows = parseCsv(readFileSync(join(dir, 'ipc_en_section_class_subclass.csv'), 'utf8'));
  const pattern = { section: /^[A-H]$/, class: /^[A-H]\d{2}$/, subclass: /^[A-H]\d{2}[A-Z]$/ };
  const out = rows.map((r) => {
    const code = clean(r.code);
    if (!pattern[r.level]?.test(code)) throw new Error(`unexpected IPC ${r.level} ${code}`);
    // A title's parenthesised references ("(making furrows A01C 5/00; …)") are dropped: the
    // title is shown beside a code, not read as a definition.
    const title = clean(r.title_en)
      .replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)/g, '')
      .trim();
    return { code, title: title || clean(r.title_en) };
  });
  out.sort((a, b) => a.code.localeCompare(b.code));
  const codes = new Set(out.map((r) => r.code));
  if (codes.size !== out.length) throw new Error('duplicate IPC codes');
  for (const r of out)
    if (r.code.length > 1 && !codes.has(r.code.slice(0, r.code.length === 4 ? 3 : 1)))
      throw new Error(`IPC ${r.code} has no parent`);
  return out;
}

const dir = findSourceDir();
console.log(`sources: ${dir}`);
const prefectures = generatePrefectures(dir);
writeJson(
  'prefectures.json',
  { source: 'code4fukui/localgovjp prefjp-utf8.csv', license: 'CC0-1.0' },
  'prefectures',
  prefectures,
);
writeJson(
  'municipalities.json',
  { source: 'code4fukui/localgovjp localgovjp-utf8.csv', license: 'CC0-1.0' },
  'municipalities',
  generateMunicipalities(dir, prefectures),
);
writeJson(
  'jsic.json',
  {
    source:
      '総務省 日本標準産業分類 第14回改定 (2023告示, 2024-04-01施行) via kobesoft-inc/jsic-data',
    license: 'Government standard; attribute 総務省',
  },
  'jsic',
  generateJsic(dir),
);
writeJson(
  'ipc.json',
  {
    source: 'WIPO IPCPUB (IPC 2023.01) via thxare/IPCcodes',
    license: 'WIPO data; attribute WIPO',
  },
  'ipc',
  generateIpc(dir),
);
