import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let admin: TestSession;
let companyId: string;
const dir = mkdtempSync(path.join(tmpdir(), 'banso-briefing-'));

/** Text of a PDF through poppler's pdftotext (Debian poppler-utils), and its page count. */
function pdfText(pdf: Buffer): { text: string; pages: number } {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], {
    encoding: 'utf8',
  });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  expect(fonts).toMatch(/NotoSansJP.*yes\s+yes/); // embedded, as a subset
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-01T01:00:00Z') });
  admin = await t.createOrganization('briefing-city');
  companyId = (
    await (
      await t.request('POST', '/api/v1/companies', {
        session: admin,
        json: buildCompany({
          name: '株式会社ブリーフィング精密',
          address: '川崎市幸区堀川町580',
          representativeName: '川崎 太郎',
          representativeBirthYear: 1956,
          successorStatus: 'none',
          businessDescription: '精密金属部品の切削加工。医療機器向けの微細加工に強み。',
        }),
      })
    ).json()
  ).id;
  const s = await (
    await t.request('POST', '/api/v1/supporters', {
      session: admin,
      json: { name: '職員 伴走', kind: 'staff' },
    })
  ).json();
  const res = await t.request('POST', '/api/v1/visits', {
    session: admin,
    json: {
      companyId,
      startsAt: '2026-05-12T10:00:00+09:00',
      status: 'completed',
      purpose: '事業承継の意向確認',
      listeningNotes: '「息子は別の会社に勤めている。誰に継がせるか決めていない」',
      ownerAwareness: '承継の準備を始める時期だと気づいた',
      team: [{ supporterId: s.id, role: 'lead' }],
      issues: [
        { category: '販路開拓', description: '医療分野の新規顧客がほしい', raisedBy: 'supporter' },
        { category: '事業承継', description: '後継者が決まっていない', raisedBy: 'owner' },
      ],
      followUps: [
        { title: '事業承継・引継ぎ支援センターを紹介', assigneeId: s.id, dueOn: '2026-05-25' },
        { title: '医療機器メーカーとの面談を設定', assigneeId: s.id, dueOn: '2026-06-30' },
      ],
    },
  });
  expect(res.status).toBe(201);
  // IP matching around the company: one patent in a match, one the engine proposes.
  const listing = async (title: string, abstract: string) =>
    (
      await (
        await t.request('POST', '/api/v1/listings', {
          session: admin,
          json: { title, abstract, holderName: '大手医療機器メーカーE' },
        })
      ).json()
    ).id as string;
  const inMatch = await listing(
    '微細穴加工用の工具',
    'ステンレスに直径0.1mmの穴を切削加工する工具。',
  );
  await listing(
    '医療機器向け精密金属部品の切削加工方法',
    '医療機器の精密金属部品を微細加工で切削する。',
  );
  const match = await t.request('POST', '/api/v1/matches', {
    session: admin,
    json: { listingId: inMatch, companyId, candidateOn: '2026-05-20' },
  });
  expect(match.status).toBe(201);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe('briefing sheet', () => {
  it('is one A4 page in Japanese with the company, open follow-ups and the owner’s words first', async () => {
    const res = await t.request('GET', `/api/v1/companies/${companyId}/briefing.pdf`, {
      session: admin,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { text, pages } = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('株式会社ブリーフィング精密');
    expect(flat).toContain('事業承継・引継ぎ支援センターを紹介');
    expect(flat).toContain('医療機器メーカーとの面談を設定');
    expect(flat).toContain('2026/05/25（超過）');
    expect(flat).toContain('川崎太郎（70歳）');
    expect(flat.indexOf('［経営者］事業承継')).toBeGreaterThan(0);
    expect(flat.indexOf('［経営者］事業承継')).toBeLessThan(flat.indexOf('［支援者］販路開拓'));
    // 知財マッチング: the open match with its stage, and the engine's candidate (not the matched one).
    expect(flat).toContain('［候補］微細穴加工用の工具（大手医療機器メーカーE）2026/05/20〜');
    const proposed = flat.slice(flat.indexOf('候補特許（マッチングエンジンの提案）'));
    expect(proposed).toContain('医療機器向け精密金属部品の切削加工方法');
    expect(proposed).not.toContain('微細穴加工用の工具');
  });

  it('answers 404 to another tenant and to a partner not assigned to the company', async () => {
    const other = await t.createOrganization('briefing-other');
    expect(
      (await t.request('GET', `/api/v1/companies/${companyId}/briefing.pdf`, { session: other }))
        .status,
    ).toBe(404);
    const partner = await t.addUser(admin, 'partner');
    expect(
      (await t.request('GET', `/api/v1/companies/${companyId}/briefing.pdf`, { session: partner }))
        .status,
    ).toBe(404);
  });
});
