import type { Page } from 'playwright-core';

/** The organisation and administrator the flows create at first run. */
export const ADMIN = {
  organizationName: '川崎市産業振興財団（E2E）',
  organizationSlug: 'kawasaki-e2e',
  displayName: '伴走 太郎',
  email: 'admin@kawasaki-e2e.example.jp',
  password: 'correct-horse-battery-staple',
} as const;

export interface Credentials {
  organizationSlug: string;
  email: string;
  password: string;
}

/** The first-run form `banso serve` links to: a plain server-rendered page, filled like a person would. */
export async function completeFirstRunSetup(page: Page, setupUrl: string): Promise<void> {
  await page.goto(setupUrl);
  await page.getByRole('heading', { level: 1, name: /初期設定/ }).waitFor();
  await page.getByLabel('名称 / Name').fill(ADMIN.organizationName);
  await page.getByLabel('組織コード / Organisation code').fill(ADMIN.organizationSlug);
  await page.getByLabel('氏名 / Name').fill(ADMIN.displayName);
  await page.getByLabel('メールアドレス / Email').fill(ADMIN.email);
  await page.getByLabel(/^パスワード/).fill(ADMIN.password);
  await page.getByRole('button', { name: '登録する / Create' }).click();
  await page.getByRole('status').getByText('初期設定が完了しました', { exact: false }).waitFor();
}

/** The SPA's login form, by its labels. */
export async function logIn(page: Page, who: Credentials = ADMIN): Promise<void> {
  await page.getByRole('heading', { name: 'ログイン' }).waitFor();
  await page.getByLabel('組織コード').fill(who.organizationSlug);
  await page.getByLabel('メールアドレス').fill(who.email);
  await page.getByLabel('パスワード').fill(who.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
