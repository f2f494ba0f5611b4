import { describe, expect, it } from 'vitest';
import { createCompaniesByApi, setUpByApi } from './support/api';
import { useBansoInChromium } from './support/banso-app';
import type { RunningBanso } from './support/banso-server';
import { ADMIN, logIn } from './support/flows';
import { checkMainPage } from './support/page-checks';

const PATENT = '炭素繊維強化樹脂の短時間積層成形方法';
const HOLDER = '大手化学工業株式会社';
const MOLDER = '川崎精密成形株式会社';
const DRONE = '多摩ドローン工業株式会社';
const PAIR = `${PATENT} × ${MOLDER}`;

/** An API session of the admin (what the test is not about is arranged through the API). */
async function apiSession(server: RunningBanso) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organization: ADMIN.organizationSlug,
      email: ADMIN.email,
      password: ADMIN.password,
    }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    async post(path: string, body: unknown) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      });
      if (res.status !== 201)
        throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { id: string };
    },
    async get(path: string) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      return { status: res.status, body: (await res.json()) as unknown };
    },
  };
}

/**
 * A large company's open patent and SMEs of the region: one that molds carbon-fibre parts, one
 * that builds drones from them, two that do something else. The candidates are asked for through
 * the API until the index (kept current by notifications) has them all.
 */
async function arrange(server: RunningBanso): Promise<{ listingId: string }> {
  await setUpByApi(server);
  const [holder] = await createCompaniesByApi(server, [
    { name: HOLDER, kind: 'large', businessDescription: '化学品と樹脂材料の製造' },
    {
      name: MOLDER,
      kind: 'sme',
      municipalityCode: '141330',
      businessDescription: '炭素繊維強化樹脂（CFRP）の積層成形と軽量部品の試作',
      technologies: ['炭素繊維', '積層成形', 'オートクレーブ成形'],
      products: ['自動車部品', '軽量部品'],
      equipment: ['オートクレーブ'],
    },
    {
      name: DRONE,
      kind: 'sme',
      businessDescription: '産業用ドローンの機体の設計と組立。炭素繊維のフレームを使う',
      technologies: ['機体設計'],
      products: ['ドローンの機体'],
    },
    { name: '高津ベーカリー株式会社', kind: 'sme', businessDescription: 'パンと焼き菓子の製造' },
    { name: '宮前会計事務所', kind: 'sme', businessDescription: '記帳代行と税務相談' },
  ]);
  const api = await apiSession(server);
  const listing = await api.post('/api/v1/listings', {
    title: PATENT,
    patentNumber: '特許第6543210号',
    abstract: '炭素繊維シートを積層し、短時間で軽量かつ高強度の成形品を得る成形方法。',
    applicableProducts: ['自動車部品', 'ドローンの機体'],
    technicalFields: ['複合材料'],
    effect: '成形時間を従来の半分にする',
    ipc: ['B29C 70/06'],
    holderCompanyId: holder?.id,
    licensing: 'non_exclusive',
    source: 'INPIT',
  });
  await api.post('/api/v1/listings', {
    title: '画像認識による外観検査装置',
    abstract: 'カメラの画像から製品の傷を自動で検出する。',
    applicableProducts: ['検査装置'],
    ipc: ['G06T 7/00'],
    holderName: '大手電機株式会社',
  });
  await expect
    .poll(
      async () => {
        const { status, body } = await api.get(`/api/v1/listings/${listing.id}/candidates`);
        if (status !== 200) return [];
        return (body as { items: { label: string }[] }).items.map((c) => c.label);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toEqual(expect.arrayContaining([MOLDER, DRONE]));
  return { listingId: listing.id };
}

/**
 * 知財マッチング in the browser: an open patent's 候補企業 with their reasons, one rejected with
 * a reason and one accepted, the new match moved to 紹介 and 面談 on the board with the keyboard
 * dialog, and counted on the matching dashboard. Every new page gets the axe, screenshot and
 * overflow checks.
 */
describe('IP matching', () => {
  const app = useBansoInChromium();

  it('lists the open patents, with the form and the import page', async () => {
    const { page, server } = app;
    await arrange(server);
    await page.goto(`${server.url}/login`);
    await logIn(page);
    await page.waitForURL(/\/companies$/);

    await page.getByRole('link', { name: '開放特許', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '開放特許' }).waitFor();
    await page.getByText('2件中 2件を表示').waitFor();
    await page.getByRole('rowheader', { name: new RegExp(PATENT) }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-listings');

    await page.getByLabel('キーワード').fill('外観検査');
    await page.getByText('1件中 1件を表示').waitFor();
    await page.getByLabel('キーワード').fill('');
    await page.getByText('2件中 2件を表示').waitFor();

    await page.getByRole('link', { name: '開放特許を登録' }).first().click();
    await page.getByRole('heading', { level: 1, name: '開放特許を登録' }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-listing-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').getByText('入力内容を確認してください').waitFor();
    await page.getByRole('button', { name: 'キャンセル' }).click();

    await page.getByRole('heading', { level: 1, name: '開放特許' }).waitFor();
    await page.getByRole('link', { name: 'ファイルから取り込む' }).first().click();
    await page.getByRole('heading', { level: 1, name: '開放特許をファイルから取り込む' }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-listing-import');
  });

  it('shows the candidates of a patent with reasons; rejects one with a reason, accepts another', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '開放特許', exact: true }).click();
    await page.getByRole('link', { name: PATENT }).click();
    await page.getByRole('heading', { level: 1, name: PATENT }).waitFor();
    await page
      .getByRole('region', { name: '国際特許分類（IPC）' })
      .getByText('B29C 70/06')
      .waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-listing-detail');

    await page.getByRole('tab', { name: '候補企業' }).click();
    const list = page.getByRole('list', { name: '候補企業（順位順）' });
    const molder = list
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: MOLDER }) });
    const drone = list
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: DRONE }) });
    await molder.getByRole('list', { name: '候補の理由' }).getByText('共通語').first().waitFor();
    const reasons = molder.getByRole('list', { name: '候補の理由' });
    await reasons.getByText(/^「成形」（事業内容、技術）$/).waitFor();
    await reasons.getByText(/^「軽量部品」は「炭素繊維強化樹脂」の関連語（技術辞書）/).waitFor();
    // The listing's text beside the list marks the shared terms of the first candidate.
    await page.locator('mark').first().waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-candidates');

    await drone.getByRole('button', { name: `「${DRONE}」を見送る` }).click();
    const reject = page.getByRole('dialog', { name: `「${DRONE}」を見送る` });
    await reject
      .getByRole('textbox', { name: /見送りの理由/ })
      .fill('機体の量産設備がなく、試作の体制もない');
    await reject.getByRole('button', { name: '見送る' }).click();
    await reject.waitFor({ state: 'detached' });
    await drone.getByText('見送り', { exact: true }).waitFor();
    await drone
      .getByRole('list', { name: '候補の理由' })
      .getByText('以前に見送り（機体の量産設備がなく、試作の体制もない）のため順位を下げています')
      .waitFor();

    await molder.getByRole('button', { name: `「${MOLDER}」を採用して案件にする` }).click();
    await page.getByText(`「${MOLDER}」を採用し、「候補」のマッチング案件を作りました。`).waitFor();
    await molder.getByText('採用済み', { exact: true }).waitFor();
    await page.getByRole('link', { name: '作った案件を開く' }).click();
    await page.getByRole('heading', { level: 1, name: PAIR }).waitFor();
    await page.getByRole('region', { name: 'ステージと日付' }).getByText('現在').waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-match-detail');
  });

  it('moves the match to 紹介 and 面談 on the board with the day asked for', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'マッチング案件', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'マッチング案件' }).waitFor();
    const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name} ?（`) });
    await column('候補').getByText(MOLDER).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-board');

    for (const stage of ['紹介', '面談']) {
      await page.getByRole('button', { name: `${PAIR} を次のステージへ` }).click();
      const dialog = page.getByRole('dialog', { name: '次のステージへ進める' });
      await expect
        .poll(() => dialog.getByRole('combobox', { name: /進めるステージ/ }).inputValue())
        .toBe(stage);
      await expect
        .poll(() => dialog.getByLabel(/到達した日/).inputValue())
        .toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await dialog.getByRole('button', { name: '進める' }).click();
      await dialog.waitFor({ state: 'detached' });
      await column(stage).getByText(MOLDER).waitFor();
    }
    expect(await column('候補').getByText(MOLDER).count()).toBe(0);
  });

  it('counts it on the matching dashboard beside Kawasaki’s figures', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'マッチング実績', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'マッチング実績' }).waitFor();
    const funnel = page.getByRole('table', { name: /ステージ別の案件数/ });
    await funnel.getByRole('row', { name: '面談 1 1' }).waitFor();
    await funnel.getByRole('row', { name: '候補 0 1' }).waitFor();
    await page.getByRole('row', { name: '成約 0 39' }).waitFor();
    await page.getByRole('row', { name: '製品化 0 27' }).waitFor();
    await page.getByRole('img', { name: /面談 現在1件・到達1件/ }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'matching-dashboard');
  });

  it('shows the patent among the company’s 候補特許', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '企業台帳', exact: true }).click();
    await page.getByRole('link', { name: MOLDER }).click();
    await page.getByRole('heading', { level: 1, name: MOLDER }).waitFor();
    const section = page.getByRole('region', { name: '候補特許' });
    await section.getByRole('button', { name: '候補特許を探す' }).click();
    const item = section
      .getByRole('list', { name: '候補特許（順位順）' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: PATENT }) });
    await item.getByText('採用済み', { exact: true }).waitFor();
    await item.getByRole('link', { name: '案件を開く' }).waitFor();
  });
});
