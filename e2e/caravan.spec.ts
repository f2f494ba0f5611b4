import { describe, expect, it } from 'vitest';
import { createCompaniesByApi, setUpByApi } from './support/api';
import { useBansoInChromium } from './support/banso-app';
import type { RunningBanso } from './support/banso-server';
import { ADMIN, logIn } from './support/flows';
import { checkMainPage } from './support/page-checks';

const COMPANY = '川崎キャラバン精工株式会社';
const TEAM = [
  { name: '川崎 太郎', kind: 'staff', organization: '川崎市 経済労働局', expertise: ['事業承継'] },
  { name: '中原 花子', kind: 'coordinator', organization: '産業振興財団', expertise: ['販路開拓'] },
  { name: '高津 一郎', kind: 'expert', organization: '技術士事務所', expertise: ['技術・製造'] },
  { name: '宮前 次郎', kind: 'financial', organization: '川崎信用金庫', expertise: ['資金調達'] },
] as const;

/** Arranged through the API (what the test is not about): four supporters of every kind. */
async function createSupporters(server: RunningBanso): Promise<void> {
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
  for (const supporter of TEAM) {
    const res = await fetch(`${server.url}/api/v1/supporters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(supporter),
    });
    if (res.status !== 201)
      throw new Error(`supporter answered ${res.status}: ${await res.text()}`);
  }
}

/**
 * 出張キャラバン隊: a visit recorded in the UI with a team of four and two follow-ups, then seen on
 * the company's timeline (who was there), in the planner's progress and on the dashboard.
 * Every new page gets the axe, screenshot and overflow checks.
 */
describe('outreach caravan', () => {
  const app = useBansoInChromium();

  it('records a visit with a team of four and two follow-ups', async () => {
    const { page, server } = app;
    await setUpByApi(server);
    await createCompaniesByApi(server, [{ name: COMPANY, nameKana: 'カワサキキャラバンセイコウ' }]);
    await createSupporters(server);
    await page.goto(`${server.url}/login`);
    await logIn(page);
    await page.waitForURL(/\/companies$/);
    await page.getByRole('link', { name: COMPANY }).click();
    await page.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
    await page.getByRole('link', { name: '訪問を記録' }).click();
    await page.getByRole('heading', { level: 1, name: '訪問を記録' }).waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: '企業', exact: true }).inputValue())
      .toBe(COMPANY);
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-visit-form');

    // Midnight today in Tokyo: never in the future, always in this fiscal year.
    await page.getByLabel('開始時刻').fill('00:00');
    const team = page.getByRole('combobox', { name: 'チームに加える支援者' });
    for (const member of TEAM) {
      await team.click();
      await team.fill(member.name.split(' ')[0] ?? member.name);
      await page.getByRole('option', { name: new RegExp(member.name) }).click();
    }
    await page
      .getByRole('textbox', { name: '傾聴記録' })
      .fill('「後継ぎの息子に、海外の販路を残したい」');
    await page.getByRole('button', { name: '課題を追加' }).click();
    await page.getByRole('combobox', { name: /^分野/ }).click();
    await page.getByRole('option', { name: '販路開拓' }).click();
    await page.getByRole('button', { name: 'フォローアップを追加' }).click();
    await page.getByRole('button', { name: 'フォローアップを追加' }).click();
    const titles = page.getByRole('textbox', { name: /^内容/ });
    await titles.nth(1).fill('展示会の出展案内を送る');
    await titles.nth(2).fill('事業承継の融資制度を紹介する');
    await page.getByRole('combobox', { name: '担当者' }).nth(1).click();
    await page.getByRole('option', { name: '宮前 次郎' }).click();
    await page.getByRole('button', { name: '完了として保存' }).click();

    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 2, name: 'チーム' }).waitFor();
    const teamSection = page.getByRole('region', { name: 'チーム', exact: true });
    for (const member of TEAM) await teamSection.getByText(new RegExp(member.name)).waitFor();
    const followUps = page.getByRole('region', { name: 'フォローアップ', exact: true });
    await followUps.getByText('展示会の出展案内を送る').waitFor();
    await followUps.getByText('担当 宮前 次郎').waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-visit-detail');
  });

  it('shows the visit on the company timeline with who was there', async () => {
    const { page } = app;
    await page.getByRole('link', { name: `${COMPANY} へ戻る` }).click();
    await page.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
    const timeline = page.getByRole('region', { name: '支援の経過' });
    await timeline.getByText('出張キャラバン・完了').waitFor();
    await timeline.getByText(/参加者: 川崎 太郎（市職員・リーダー）、中原 花子/).waitFor();
    await timeline.getByText(/宮前 次郎（金融機関）/).waitFor();
    await timeline.getByText('フォローアップ: 事業承継の融資制度を紹介する（未完了）').waitFor();
  });

  it('counts the visit in the planner’s progress and on the dashboard', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '訪問計画', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '訪問計画' }).waitFor();
    await page.getByText('1 / 500 件').waitFor();
    await page.getByText(/残り 499 件・月 \d+ 件のペースが必要/).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-planner');

    await page.getByRole('link', { name: 'ダッシュボード', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();
    await page.getByText('1 / 500 件').waitFor();
    await page.getByRole('img', { name: /販路開拓 1/ }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-dashboard');
  });

  it('lists the follow-ups and the supporters', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'フォローアップ', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'フォローアップ' }).waitFor();
    await page.getByRole('tab', { name: 'すべての未完了' }).click();
    await page.getByRole('link', { name: '展示会の出展案内を送る' }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-follow-ups');

    await page.getByRole('link', { name: '支援者', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '支援者' }).waitFor();
    await page.getByRole('cell', { name: '川崎信用金庫' }).waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-supporters');
  });

  it('lets the administrator set the annual target and edit the categories', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'キャラバン設定' }).click();
    await page.getByRole('heading', { level: 1, name: 'キャラバン設定' }).waitFor();
    const target = page.getByRole('region', { name: '年間の訪問目標' });
    await target.getByText(/の目標: 500 件 （未設定のため既定値）/).waitFor();
    await target.getByRole('textbox', { name: '年間訪問目標（件）' }).fill('520');
    await target.getByRole('button', { name: '目標を保存' }).click();
    await target.getByText(/の目標: 520 件$/).waitFor();
    const categories = page.getByRole('region', { name: '課題・専門分野の分類' });
    await categories.getByRole('textbox', { name: '新しい分類' }).fill('GX');
    await categories.getByRole('button', { name: '追加' }).click();
    await categories.getByRole('button', { name: '分類を保存' }).click();
    await page.getByText('分類を保存しました').waitFor();
    await page.mouse.move(700, 700);
    await checkMainPage(page, 'caravan-settings');

    await page.getByRole('link', { name: '訪問計画', exact: true }).click();
    await page.getByText('1 / 520 件').waitFor();
  });
});
