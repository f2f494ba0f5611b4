import { describe, expect, it } from 'vitest';
import { useBansoInChromium } from './support/banso-app';
import { completeFirstRunSetup, logIn } from './support/flows';
import { checkMainPage, expectNoSeriousViolations } from './support/page-checks';

/**
 * The company registry as a new office meets it, on a server started on an EMPTY embedded
 * database: first-run setup through the URL the server printed, login, the company list,
 * logout. The tests run in order and share one browser page.
 */
describe('company registry, from first run to logout', () => {
  const app = useBansoInChromium();

  it('first-run setup: the printed /setup?token=… page creates the organisation and admin', async () => {
    const { page, server } = app;
    expect(server.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup\?token=/);
    await completeFirstRunSetup(page, server.setupUrl as string);
    await expectNoSeriousViolations(page, 'setup (done)');
    await page.getByRole('link', { name: /Banso を開く/ }).click();
    // Not logged in yet: the SPA sends us to its login page.
    await page.waitForURL(/\/login\?next=/);
  });

  it('login page: accessible, and logging in lands on the company list', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await checkMainPage(page, 'login');
    await logIn(page);
    await page.waitForURL(/\/companies$/);
    await page.getByRole('heading', { level: 1, name: '企業台帳' }).waitFor();
    await page.getByRole('combobox', { name: '企業を検索' }).waitFor();
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
