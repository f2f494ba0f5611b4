import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../apps/server/src/testing/banso-process';
import type { BrowserGlobals } from './browser-globals';

/**
 * axe-core's source, evaluated in the page rather than added as a <script> tag: Banso's
 * Content-Security-Policy (script-src 'self') rightly refuses inline scripts, and the tests keep
 * that policy on so that a violation by the app itself shows up as a console error.
 */
let axeSource: string | undefined;
const axeScript = () => {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
};

/** Screenshots of the main pages land here (gitignored); `.ci/run` prints the path. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots');

export const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

interface AxeGlobal {
  axe: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    }>;
  };
}

/** axe-core's violations on the page as it is now (WCAG 2.0/2.1 A and AA rules and best practices). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    await page.evaluate(axeScript());
  }
  return page.evaluate(async () => {
    const { axe } = globalThis as unknown as AxeGlobal;
    const result = await axe.run((globalThis as unknown as BrowserGlobals).document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.length > 240 ? `${n.html.slice(0, 240)}…` : n.html,
        summary: n.failureSummary ?? '',
      })),
    }));
  });
}

/** Fails with every serious or critical axe violation: rule id, what it means, and the nodes. */
export async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const serious = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  if (serious.length === 0) return;
  const lines = serious.flatMap((v) => [
    `  ${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes
      .slice(0, 8)
      .map(
        (n) =>
          `      ${n.target}\n        ${n.html}\n        ${n.summary.replace(/\n/g, '\n        ')}`,
      ),
    ...(v.nodes.length > 8 ? [`      … and ${v.nodes.length - 8} more`] : []),
  ]);
  throw new Error(
    `${name}: ${serious.length} serious/critical accessibility violation(s)\n${lines.join('\n')}`,
  );
}

/** How far the page is wider than the window (0 when it does not scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as BrowserGlobals;
    return (
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) -
      document.documentElement.clientWidth
    );
  });
}

/** Waits until web fonts are loaded and two frames are painted (layout settled after a resize). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = globalThis as unknown as BrowserGlobals;
    await w.document.fonts.ready;
    await new Promise((resolve) => w.requestAnimationFrame(() => w.requestAnimationFrame(resolve)));
  });
}

/**
 * The checks every main page gets: no serious/critical axe violation, a screenshot at 1024×768
 * and at 1440×900 (test-results/screenshots/<name>-<w>x<h>.png), and no horizontal page overflow
 * at 1024×768. Leaves the page at its original viewport.
 */
export async function checkMainPage(page: Page, name: string): Promise<void> {
  await settled(page);
  await expectNoSeriousViolations(page, name);
  const original = page.viewportSize();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  try {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await settled(page);
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `${name}-${viewport.width}x${viewport.height}.png`),
        fullPage: true,
      });
      if (viewport.width === 1024) {
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) {
          throw new Error(`${name}: the page is ${overflow}px wider than a 1024×768 window`);
        }
      }
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
}
