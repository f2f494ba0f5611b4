import { describe, expect, it } from 'vitest';
import { createCompaniesByApi, setUpByApi } from './support/api';
import { useBansoInChromium } from './support/banso-app';
import { ADMIN } from './support/flows';
import { focusedElement, tabTo } from './support/keyboard';

/**
 * Keyboard only: log in, reach the company list and open a company with Tab and Enter, with a
 * visible focus indicator on every element the focus passes.
 */
describe('keyboard only', () => {
  const app = useBansoInChromium();

  it('logs in, reaches the company list and opens a company with Tab and Enter', async () => {
    const { page, server } = app;
    await setUpByApi(server);
    await createCompaniesByApi(server, [
      { name: '株式会社キーボード精工', nameKana: 'キーボードセイコウ' },
      { name: 'タブ送り工業株式会社', nameKana: 'タブオクリコウギョウ' },
    ]);

    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await tabTo(page, page.getByLabel('組織コード'));
    await page.keyboard.type(ADMIN.organizationSlug);
    await tabTo(page, page.getByLabel('メールアドレス'));
    await page.keyboard.type(ADMIN.email);
    await tabTo(page, page.getByLabel('パスワード'));
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/companies$/);
    const list = page.getByRole('table', { name: '企業一覧' });
    await list.waitFor();
    const link = list.getByRole('link', { name: '株式会社キーボード精工' });
    const passed = await tabTo(page, link);
    // The shell's skip link comes first, so keyboard users need not walk the header and menu.
    expect(passed[0]?.what).toContain('メインコンテンツへ移動');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: '株式会社キーボード精工' }).waitFor();
    // The keyboard goes on from the new page: the next Tab lands on a visibly focused element.
    await page.keyboard.press('Tab');
    const next = await focusedElement(page);
    expect(next?.visible, next?.what).toBe(true);
  });
});
