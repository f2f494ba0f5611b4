import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bansoEnv, REPO_ROOT, runBanso } from '../../testing/banso-process';

// `banso match` needs no database: every run is a real child process on files.
const dir = mkdtempSync(path.join(os.tmpdir(), 'banso-match-'));
const env = bansoEnv(dir);
const fixtures = path.join(REPO_ROOT, 'test/fixtures/matching');
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const seedsCsv = file(
  'seeds.csv',
  '\uFEFFid,title,abstract,fields,applicable_products,ipc,holder,備考\r\n' +
    'P1,画像認識による外観検査装置,カメラで不良品を判別する,画像処理;検査,検査装置、生産ライン,G06T 7/00,大手電機,無視される列\r\n' +
    'P2,生分解性樹脂の射出成形,ポリ乳酸の食品容器,高分子材料,容器,C08L 67/04,大手化学,\r\n',
);
const needsJsonl = file(
  'needs.jsonl',
  [
    {
      id: 'N1',
      name: 'ビジョン社',
      description: '外観検査機の製作',
      technologies: ['画像処理'],
      jsic: '2699',
    },
    {
      id: 'N2',
      name: '成形社',
      description: '食品容器の射出成形',
      technologies: '射出成形、金型',
      jsic: '1821',
    },
    { id: 'N3', name: '和菓子屋', description: '和菓子の製造' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n'),
);

describe('banso match', () => {
  it('ranks needs for each seed from CSV and JSON Lines, explained (json)', async () => {
    const run = await runBanso(
      ['match', '--seeds', seedsCsv, '--needs', needsJsonl, '--top', '2', '--lang', 'ja'],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seed)).toEqual(['P1', 'P2']);
    expect(lines[0].candidates[0]).toMatchObject({ id: 'N1' });
    expect(lines[0].candidates[0].reasons).toContainEqual(
      // 画像処理 (the company's word) is an alias of 画像認識 in the thesaurus: the same term.
      expect.objectContaining({ type: 'term', term: '画像認識', fields: ['technologies'] }),
    );
    expect(lines[0].candidates[0].summary).toContain('共通語');
    expect(lines[1].candidates[0]).toMatchObject({ id: 'N2' });
    expect(lines[1].candidates.map((c: { id: string }) => c.id)).not.toContain('N3');
  }, 120_000);

  it('ranks the other way and writes CSV (English headers with --lang en)', async () => {
    const out = path.join(dir, 'out.csv');
    const run = await runBanso(
      [
        'match',
        '--seeds',
        seedsCsv,
        '--needs',
        needsJsonl,
        '--direction',
        'needs-to-seeds',
        '--format',
        'csv',
        '--output',
        out,
        '--lang',
        'en',
      ],
      env,
    );
    expect(run.code).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('need,rank,candidate,score,terms,reason');
    expect(rows[1]).toMatch(/^N1,1,P1,[0-9.]+,/);
    expect(rows.some((r) => r.startsWith('N2,1,P2,'))).toBe(true);
  }, 120_000);

  it('finds the labelled partner first on the evaluation set', async () => {
    const run = await runBanso(
      [
        'match',
        '--seeds',
        path.join(fixtures, 'patents.jsonl'),
        '--needs',
        path.join(fixtures, 'companies.jsonl'),
        '--top',
        '1',
      ],
      env,
    );
    expect(run.code).toBe(0);
    const firsts = run.stdout
      .trim()
      .split('\n')
      .map((l) => {
        const o = JSON.parse(l);
        return [o.seed, o.candidates[0]?.id];
      });
    const hits = firsts.filter(([s, c]) => c === s.replace('P', 'C')).length;
    expect(hits).toBeGreaterThanOrEqual(38);
  }, 120_000);

  it('says which line of which file is wrong, in Japanese or English, and exits 2', async () => {
    const badJson = file('bad.jsonl', '{"id":"a","title":"金型"}\n\n{"id": oops}\n');
    const noId = file('noid.csv', 'id,name\nN1,甲\n,乙\n');
    const twice = file('twice.jsonl', '{"id":"x"}\n{"id":"x"}\n');
    const [json, csv, dup, missing, top] = await Promise.all([
      runBanso(['match', '--seeds', badJson, '--needs', needsJsonl, '--lang', 'ja'], env),
      runBanso(['match', '--seeds', seedsCsv, '--needs', noId, '--lang', 'en'], env),
      runBanso(['match', '--seeds', twice, '--needs', needsJsonl, '--lang', 'en'], env),
      runBanso(
        ['match', '--seeds', path.join(dir, 'none.csv'), '--needs', needsJsonl, '--lang', 'en'],
        env,
      ),
      runBanso(
        ['match', '--seeds', seedsCsv, '--needs', needsJsonl, '--top', '0', '--lang', 'en'],
        env,
      ),
    ]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain(`${badJson}:3: JSON として読めません`);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain(`${noId}:3: the record has no id.`);
    expect(dup.stderr).toContain(`${twice}:2: id "x" repeats line 1.`);
    expect(missing.stderr).toContain('none.csv: no such file.');
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('--top must be an integer from 1 to 1000.');
    for (const r of [json, csv, dup, missing, top]) expect(r.stdout).toBe('');
  }, 120_000);
});
