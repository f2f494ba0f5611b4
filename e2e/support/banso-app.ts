import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { REPO_ROOT } from '../../apps/server/src/testing/banso-process';
import { type RunningBanso, startEmptyBanso } from './banso-server';
import { launchChromium, PageGuard } from './chromium';

export const ADMIN = {
  organizationName: '川崎市産業振興財団（E2E）',
  organizationSlug: 'kawasaki-e2e',
  displayName: '伴走 太郎',
  email: 'admin@kawasaki-e2e.example.jp',
  password: 'correct-horse-battery-staple',
} as const;

const FAILURE_DIR = path.join(REPO_ROOT, 'test-results/failures');

export interface E2eSession {
  server: RunningBanso;
  page: Page;
  guard: PageGuard;
}

/**
 * A test file's world: `banso serve` on an empty data directory, one Chromium page with the
 * network/console guard. Every test ends by asserting the guard saw nothing; a failing test
 * leaves a screenshot in test-results/failures/.
 */
export function useBansoInChromium(): E2eSession {
  const session = {} as E2eSession;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    session.server = await startEmptyBanso();
    const chromium = await launchChromium();
    closeBrowser = chromium.close;
    session.guard = new PageGuard();
    await session.guard.attach(chromium.context);
    session.page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  });
  afterEach((context) => {
    const failed = context.task.result?.state === 'fail';
    const cleanup = async () => {
      if (failed && session.page) {
        mkdirSync(FAILURE_DIR, { recursive: true });
        const name = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
        await session.page
          .screenshot({ path: path.join(FAILURE_DIR, `${name}.png`), fullPage: true })
          .catch(() => undefined);
      }
      session.guard?.assertClean(context.task.name);
    };
    return cleanup();
  });
  afterAll(async () => {
    await closeBrowser?.();
    await session.server?.stop();
  });
  return session;
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
export async function logIn(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'ログイン' }).waitFor();
  await page.getByLabel('組織コード').fill(ADMIN.organizationSlug);
  await page.getByLabel('メールアドレス').fill(ADMIN.email);
  await page.getByLabel('パスワード').fill(ADMIN.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
