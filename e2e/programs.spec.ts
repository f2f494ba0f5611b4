import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KAWASAKI_PROGRAMS } from '../apps/server/src/features/programs/seed/kawasaki-programs';
import { setUpByApi } from './support/api';
import { useBansoInChromium } from './support/banso-app';
import type { RunningBanso } from './support/banso-server';
import { ADMIN, logIn } from './support/flows';
import { focusedElement } from './support/keyboard';
import { checkMainPage, expectNoSeriousViolations } from './support/page-checks';

/** A session of the admin for arranging through the API: POST a body, expect 201. */
async function apiPoster(server: RunningBanso) {
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
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  return post;
}

/** Arranged through the API (what the test is not about): the six programs of the seed report. */
async function createKawasakiPrograms(server: RunningBanso): Promise<void> {
  const post = await apiPoster(server);
  for (const seed of KAWASAKI_PROGRAMS) {
    const program = await post('/api/v1/programs', seed.program);
    for (const [i, kpi] of seed.kpis.entries())
      await post(`/api/v1/programs/${program.id}/kpis`, { sortOrder: i, ...kpi });
  }
}

/**
 * Arranged through the API: visits to one company in 令和3年度 and 令和4年度 (the factory
 * program's last two years): by the caravan 1 and 3, a phone call and a draft that a KPI of
 * caravan visits does not count.
 */
async function createVisits(server: RunningBanso): Promise<void> {
  const post = await apiPoster(server);
  const company = await post('/api/v1/companies', {
    name: '川崎訪問精機株式会社',
    nameKana: 'カワサキホウモンセイキ',
  });
  const lead = await post('/api/v1/supporters', { name: '川崎 太郎', kind: 'staff' });
  const visits: [string, string, string][] = [
    ['2021-07-01T10:00:00+09:00', 'caravan', 'completed'],
    ['2022-06-01T10:00:00+09:00', 'caravan', 'completed'],
    ['2022-08-01T10:00:00+09:00', 'phone', 'completed'],
    ['2022-11-15T14:00:00+09:00', 'caravan', 'completed'],
    ['2023-01-20T10:00:00+09:00', 'caravan', 'draft'],
    ['2023-03-31T15:00:00+09:00', 'caravan', 'completed'],
  ];
  for (const [startsAt, kind, status] of visits)
    await post('/api/v1/visits', {
      companyId: company.id,
      startsAt,
      kind,
      status,
      team: [{ supporterId: lead.id, role: 'lead' }],
    });
}

const FACTORY = '次世代につなぐ、ものづくりのまち川崎・町工場再生プロジェクト';
const AGE_KPI = /年齢引き下げ総計/;

/**
 * Programs and the grant report with the Kawasaki seed: the list, a program's detail (budget,
 * KPI table with 568歳), a KPI actual changed in the grid with the keyboard and saved, and the
 * report downloaded as Excel with the new figure in it as a number. Main pages get the axe,
 * screenshot and overflow checks.
 */
describe('programs, KPIs and the grant report', () => {
  const app = useBansoInChromium();

  it('lists the six programs with the year’s figures in 千円', async () => {
    const { page, server } = app;
    await setUpByApi(server);
    await createKawasakiPrograms(server);
    await page.goto(`${server.url}/login`);
    await logIn(page);
    await page.waitForURL(/\/companies$/);
    await page.getByRole('link', { name: '事業・KPI' }).click();
    await page.getByRole('heading', { level: 1, name: '事業・KPI' }).waitFor();
    // Away from the menu: the shell's hovered active item is checked by the shell's own tests.
    await page.mouse.move(700, 700);
    const table = page.getByRole('table', { name: /事業一覧/ });
    const row = table.getByRole('row').filter({ hasText: '川崎型中小企業福祉産業創出事業' });
    await row.getByText('21,618').waitFor();
    await row.getByText('10,809').waitFor();
    await checkMainPage(page, 'programs-list');
  });

  it('opens a program: budget, KPI table as the report prints it, charts with names', async () => {
    const { page } = app;
    await page.getByRole('link', { name: FACTORY }).click();
    await page.getByRole('heading', { level: 1, name: FACTORY }).waitFor();
    await page
      .getByRole('heading', { name: '令和4年度の主な取組：事業費26,718千円（交付金13,359千円）' })
      .waitFor();
    const kpis = page.getByRole('table', { name: /のKPI（計画と実績）/ });
    const age = kpis
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: AGE_KPI }) });
    await age.getByText('568歳').waitFor();
    await page.getByRole('img', { name: /年齢引き下げ総計の計画と実績の棒グラフ/ }).waitFor();
    await checkMainPage(page, 'program-detail');
  });

  it('edits a KPI actual in the grid with the keyboard and saves it', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '予算・KPIを表で編集' }).click();
    const grid = page.getByRole('grid', { name: 'KPIの現状値・計画・実績' });
    await grid.waitFor();
    await checkMainPage(page, 'program-values');
    const age = grid
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: AGE_KPI }) });
    // 現状値, then 計画/実績 for R2, R3, R4: the R4 actual is the seventh cell.
    await age.getByRole('gridcell').first().click();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    // The R4 actual has the focus, with a visible focus ring.
    const focused = await focusedElement(page);
    expect(focused?.what).toBe('<td role=gridcell> 568');
    expect(focused?.visible).toBe(true);
    await page.keyboard.type('570');
    await page.keyboard.press('Enter');
    await page.getByText('未保存の変更: 1セル').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('1件の変更を保存しました。').waitFor();
    await page.getByRole('link', { name: '事業に戻る' }).click();
    const kpis = page.getByRole('table', { name: /のKPI（計画と実績）/ });
    const row = kpis
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: AGE_KPI }) });
    await row.getByText('570歳').waitFor();
  });

  it('previews the program’s 令和4年度 report and downloads it as Excel with numbers as numbers', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '効果検証レポート' }).click();
    await page.getByRole('heading', { level: 1, name: '効果検証レポート' }).waitFor();
    await page
      .getByRole('heading', { name: '令和4年度 事業・重要業績評価指標（KPI）の効果検証' })
      .waitFor();
    await checkMainPage(page, 'program-report');
    const download = page.waitForEvent('download');
    await page
      .getByRole('link', { name: '令和4年度 (2022)のレポートをExcelでダウンロード' })
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    const numbers: unknown[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((r) => r.eachCell((c) => numbers.push(c.value)));
    // From the program page the report holds that program: its budget and the edited KPI.
    expect(numbers).toContain(570);
    expect(numbers).toContain(26718);
    expect(numbers).not.toContain(21618);
    expect(numbers).not.toContain('570');
  });
});

describe('a KPI computed from visits', () => {
  const app = useBansoInChromium();

  it('is added on the program page, previewed per year, and shows its count in the KPI table', async () => {
    const { page, server } = app;
    await setUpByApi(server);
    await createKawasakiPrograms(server);
    await createVisits(server);
    await page.goto(`${server.url}/login`);
    await logIn(page);
    await page.waitForURL(/\/companies$/);
    await page.getByRole('link', { name: '事業・KPI' }).click();
    await page.getByRole('link', { name: FACTORY }).click();
    await page.getByRole('heading', { level: 1, name: FACTORY }).waitFor();

    await page.getByRole('button', { name: 'KPIを追加' }).click();
    const dialog = page.getByRole('dialog', { name: 'KPIを追加' });
    await dialog.getByRole('textbox', { name: '指標名' }).fill('出張キャラバン訪問件数');
    await dialog.getByRole('switch', { name: '実績を Banso の記録から自動集計する' }).focus();
    await page.keyboard.press('Space');
    await dialog.getByRole('combobox', { name: '訪問の種類' }).click();
    await page.getByRole('option', { name: '出張キャラバン' }).click();
    // Closes the option list (Escape would close the dialog as well).
    await dialog.getByRole('textbox', { name: '指標名' }).click();
    await dialog.getByRole('button', { name: '集計結果を確認' }).click();
    const preview = dialog.getByRole('table', { name: '年度ごとの集計値（保存前の確認）' });
    // Not the phone call, not the draft; 2023-03-31 is still 令和4年度.
    await preview.waitFor();
    const counted = async (year: string) =>
      (
        await preview
          .getByRole('row')
          .filter({ hasText: year })
          .getByRole('cell')
          .last()
          .textContent()
      )?.trim();
    expect(await counted('令和3年度')).toBe('1');
    expect(await counted('令和4年度')).toBe('3');
    await expectNoSeriousViolations(page, 'program-kpi-editor');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('「出張キャラバン訪問件数」を追加しました。').waitFor();

    const kpis = page.getByRole('table', { name: /のKPI（計画と実績）/ });
    const row = kpis
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /出張キャラバン訪問件数/ }) });
    await row.getByText('3件').waitFor();
    await row
      .getByRole('button', { name: '出張キャラバン訪問件数（令和4年度）の自動集計の内訳を表示' })
      .click();
    const records = page.getByRole('dialog', {
      name: /出張キャラバン訪問件数（令和4年度）の集計対象/,
    });
    await records.getByText('集計値: 3件（対象 3件）').waitFor();
    expect(await records.getByRole('row').count()).toBe(1 + 3);
    await checkMainPage(page, 'program-kpi-records');
  });
});
