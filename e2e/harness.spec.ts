import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isLocalUrl, launchChromium, PageGuard } from './support/chromium';

/** The guard every flow relies on must itself catch what it promises to catch. */
describe('the e2e page guard', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('tells loopback from outside hosts', () => {
    expect(isLocalUrl('http://127.0.0.1:3000/api/v1/companies')).toBe(true);
    expect(isLocalUrl('http://localhost:5173/')).toBe(true);
    expect(isLocalUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isLocalUrl('https://fonts.googleapis.com/css2?family=Noto+Sans+JP')).toBe(false);
    expect(isLocalUrl('http://127.0.0.1.example.com/')).toBe(false);
    expect(isLocalUrl('ws://cdn.example.com/socket')).toBe(false);
  });

  it('blocks and reports outside requests, console errors and uncaught errors', async () => {
    const guard = new PageGuard();
    await guard.attach(chromium.context);
    const page = await chromium.context.newPage();
    const outside = 'http://cdn.example.com/tracker.png';
    const failed = page.waitForEvent('requestfailed');
    await page.setContent(`<p>guard test</p><img src="${outside}" alt="">`);
    const request = await failed;
    expect(request.url()).toBe(outside);
    expect(request.failure()?.errorText).toMatch(/BLOCKED_BY_CLIENT/);
    await page.evaluate(() => {
      console.error('something broke');
      setTimeout(() => {
        throw new Error('uncaught in the page');
      });
    });
    // The page's events reach the guard asynchronously: wait until all three have arrived.
    await vi.waitFor(
      () =>
        expect(guard.problems).toEqual(
          expect.arrayContaining([
            `request to a non-loopback host: ${outside}`,
            expect.stringContaining('console error: something broke'),
            expect.stringContaining('page error: Error: uncaught in the page'),
          ]),
        ),
      { timeout: 15_000, interval: 20 },
    );
    expect(() => guard.assertClean('self-test')).toThrow(/non-loopback host/);
    // assertClean forgets what it reported: the next test starts clean.
    expect(guard.problems).toEqual([]);
    await page.close();
  });
});
