import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { toCorporateNumber } from '@banso/shared';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BANSO_COLUMNS } from '../apps/server/src/features/companies/import/banso-columns';
import { useBansoInChromium } from './support/banso-app';
import { CP932_NAME, shiftJisCompaniesCsv } from './support/companies-csv';
import { completeFirstRunSetup, logIn } from './support/flows';
import {
  checkMainPage,
  expectNoSeriousViolations,
  SCREENSHOT_DIR,
  settled,
} from './support/page-checks';

/** Saved with its name in hiragana and no reading; found again by typing katakana. */
const HIRAGANA_NAME = 'さくらがわ精密株式会社';
const KATAKANA_QUERY = 'サクラガワ';
/** A synthetic 法人番号 (the demo range's run of nines), and the same with a wrong check digit. */
const CORPORATE_NUMBER = toCorporateNumber('999900009999');
const WRONG_CHECK_DIGIT = `${(Number(CORPORATE_NUMBER[0]) + 1) % 10}${CORPORATE_NUMBER.slice(1)}`;

/**
 * The company registry as a new office meets it, on a server started on an EMPTY embedded
 * database: first-run setup through the URL the server printed, login, a first company (an
 * invalid 法人番号 refused, then fixed), search across kana, a Shift_JIS CSV import of 50
 * companies through the wizard, the CSV export, logout. The tests run in order and share one
 * browser page; the main pages get the accessibility, screenshot and overflow checks.
 */
describe('company registry, from first run to logout', () => {
  const app = useBansoInChromium({ firstStart: true });
  const csv = shiftJisCompaniesCsv(50);

  it('first-run setup: the printed /setup?token=… page creates the organisation and admin', async () => {
    const { page, server } = app;
    expect(server.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup\?token=/);
    await completeFirstRunSetup(page, server.setupUrl as string);
    await expectNoSeriousViolations(page, 'setup (done)');
    await page.getByRole('link', { name: /Banso を開く/ }).click();
    // Not logged in yet: the SPA sends us to its login page.
    await page.waitForURL(/\/login\?next=/);
  });

  it('login page: accessible, and logging in lands on the empty company list', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await checkMainPage(page, 'login');
    await logIn(page);
    await page.waitForURL(/\/companies$/);
    await page.getByRole('heading', { level: 1, name: '企業台帳' }).waitFor();
    await page.getByText('まだ企業が登録されていません').waitFor();
    await checkMainPage(page, 'companies-empty');
  });

  it('a company with a wrong 法人番号 check digit is refused in Japanese, then saved once fixed', async () => {
    const { page } = app;
    await page.getByRole('link', { name: '企業を登録' }).first().click();
    await page.getByRole('heading', { level: 1, name: '企業を登録' }).waitFor();
    const corporateNumber = page.getByRole('textbox', { name: '法人番号' });
    await corporateNumber.fill(WRONG_CHECK_DIGIT);
    await page.getByRole('textbox', { name: '名称', exact: true }).fill(HIRAGANA_NAME);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('法人番号のチェックディジットが正しくありません').first().waitFor();
    expect(await corporateNumber.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/companies\/new$/);
    await checkMainPage(page, 'company-form-errors');

    await corporateNumber.fill(CORPORATE_NUMBER);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: HIRAGANA_NAME }).waitFor();
    await page.getByText(CORPORATE_NUMBER).first().waitFor();
    await checkMainPage(page, 'company-detail');
  });

  it('the detail page prints as the profile alone: no header, menu or buttons', async () => {
    const { page } = app;
    const heading = page.getByRole('heading', { level: 1, name: HIRAGANA_NAME });
    const chrome = {
      header: page.getByRole('banner'),
      menu: page.getByRole('navigation', { name: 'メインメニュー' }),
      search: page.getByRole('combobox', { name: '企業を検索' }),
      back: page.getByRole('link', { name: '企業台帳に戻る', exact: true }),
      print: page.getByRole('button', { name: '印刷', exact: true }),
      edit: page.getByRole('link', { name: '編集', exact: true }),
      archive: page.getByRole('button', { name: 'アーカイブ', exact: true }),
      recordVisit: page.getByRole('link', { name: '訪問を記録', exact: true }),
    };
    const profile = [
      heading,
      page.getByRole('region', { name: '基本情報' }),
      page.getByRole('region', { name: '支援の経過' }),
      page.getByText(CORPORATE_NUMBER).first(),
    ];
    // On screen all of it shows (so the print check below cannot pass on a page that never rendered).
    for (const [name, locator] of Object.entries(chrome)) {
      expect(await locator.isVisible(), `${name} on screen`).toBe(true);
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.emulateMedia({ media: 'print' });
    try {
      await settled(page);
      for (const [name, locator] of Object.entries(chrome)) {
        expect(await locator.isVisible(), `${name} in print`).toBe(false);
      }
      expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
      for (const locator of profile) expect(await locator.isVisible()).toBe(true);
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, 'company-detail-print.png'),
        fullPage: true,
      });
      // What 印刷 sends to a printer: A4, as Chromium lays the print media out.
      const pdf = path.join(SCREENSHOT_DIR, 'company-detail-print.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      expect((await stat(pdf)).size).toBeGreaterThan(10_000);
    } finally {
      await page.emulateMedia({ media: null });
    }
    expect(await chrome.header.isVisible()).toBe(true);
  });

  it('finds the company saved in hiragana by typing katakana, in the header and on the list', async () => {
    const { page } = app;
    const detailUrl = page.url();
    await page.goto(new URL('/companies', detailUrl).href);
    const header = page.getByRole('combobox', { name: '企業を検索' });
    await header.fill(KATAKANA_QUERY);
    await page.getByRole('option', { name: new RegExp(HIRAGANA_NAME) }).click();
    await page.waitForURL(detailUrl);
    await page.getByRole('heading', { level: 1, name: HIRAGANA_NAME }).waitFor();

    await page.goto(new URL('/companies', detailUrl).href);
    await page
      .getByRole('textbox', { name: '企業名・フリガナ・法人番号で検索' })
      .fill(KATAKANA_QUERY);
    await page.waitForURL(/[?&]q=/);
    const table = page.getByRole('table', { name: '企業一覧' });
    await table.getByRole('link', { name: HIRAGANA_NAME }).waitFor();
  });

  it('imports a Shift_JIS CSV of 50 companies through the wizard', async () => {
    const { page } = app;
    await page.goto(new URL('/companies', page.url()).href);
    await page.getByRole('link', { name: 'CSV 取り込み' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'CSV 取り込み' }).waitFor();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'CSV ファイル' }).click();
    await (await chooser).setFiles({
      name: '企業一覧_sjis.csv',
      mimeType: 'text/csv',
      buffer: csv.bytes,
    });
    // The wizard detects the encoding and the format and shows the first rows, legibly.
    await page.getByText('自動判定: Shift_JIS', { exact: false }).waitFor();
    await page.getByText('Banso 形式（見出し行あり）').waitFor();
    await page.getByRole('cell', { name: CP932_NAME }).first().waitFor();
    await checkMainPage(page, 'import-wizard');

    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: '検証する' }).click();
    await page.getByText('誤りはありません。').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('dialog', { name: '取り込みを開始しますか？' }).waitFor();
    await page.getByRole('button', { name: '取り込みを開始' }).click();
    await page.getByText('取り込みが完了しました').waitFor({ timeout: 60_000 });
    await page.getByText(/新規 50 件/).waitFor();

    await page.getByRole('link', { name: '企業台帳を見る' }).click();
    await page.waitForURL(/\/companies(\?.*)?$/);
    const table = page.getByRole('table', { name: '企業一覧' });
    await table.getByRole('link', { name: CP932_NAME }).waitFor();
    await checkMainPage(page, 'companies-list');
  });

  it('exports the registry as CSV: all 51 companies, in both encodings', async () => {
    const { page } = app;
    const exported = async (item: RegExp) => {
      await page.getByRole('button', { name: 'CSV 書き出し' }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: item }).click();
      return readFile(await (await download).path());
    };

    const utf8 = await exported(/^UTF-8/);
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const utf8Lines = utf8.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(utf8Lines[0]).toBe(BANSO_COLUMNS.map((c) => c.title).join(','));
    expect(utf8Lines).toHaveLength(1 + 51);
    expect(utf8Lines.some((line) => line.includes(HIRAGANA_NAME))).toBe(true);
    for (const company of csv.companies) {
      expect(utf8Lines.some((line) => line.includes(company.name))).toBe(true);
    }

    const sjis = await exported(/^Shift_JIS/);
    const sjisText = iconv.decode(sjis, 'cp932');
    expect(sjisText.split('\r\n').filter(Boolean)).toHaveLength(1 + 51);
    expect(sjisText).toContain(CP932_NAME);
    expect(sjisText).toContain(HIRAGANA_NAME);
  });

  it('logout from the user menu returns to the login page, and the list is closed again', async () => {
    const { page, server } = app;
    await page.getByRole('button', { name: 'ユーザーメニュー' }).click();
    await page.getByRole('menuitem', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login\?loggedOut=1/);
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await page.goto(`${server.url}/companies`);
    await page.waitForURL(/\/login\?next=%2Fcompanies/);
    expect(await page.getByLabel('組織コード').inputValue()).toBe('');
  });
});
