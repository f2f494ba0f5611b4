import type { Locator, Page } from 'playwright-core';
import type { BrowserElement, BrowserGlobals } from './browser-globals';

export interface FocusStop {
  /** tag, role and accessible text of the focused element, for messages. */
  what: string;
  outline: string;
  visible: boolean;
}

/**
 * The focused element and whether it shows a focus indicator: an outline of at least 2px on it
 * or on the control that wraps it (a Mantine PasswordInput draws its frame around the input),
 * or a box shadow.
 */
export async function focusedElement(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const w = globalThis as unknown as BrowserGlobals;
    const el = w.document.activeElement;
    if (!el || el.tagName === 'BODY') return null;
    const ring = (node: BrowserElement) => {
      const style = w.getComputedStyle(node);
      const width = Number.parseFloat(style.outlineWidth) || 0;
      return {
        shown:
          (style.outlineStyle !== 'none' && width >= 2) ||
          (style.boxShadow !== 'none' && style.boxShadow !== ''),
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      };
    };
    let visible = ring(el).shown;
    let node = el.parentElement;
    for (let depth = 0; !visible && node && depth < 2; depth++, node = node.parentElement)
      visible = ring(node).shown;
    const label =
      el.getAttribute('aria-label') ??
      el.getAttribute('id') ??
      el.textContent?.trim().slice(0, 40) ??
      '';
    const role = el.getAttribute('role');
    return {
      what: `<${el.tagName.toLowerCase()}${role ? ` role=${role}` : ''}> ${label}`,
      outline: ring(el).outline,
      visible,
    };
  });
}

/**
 * Presses Tab until `target` has the focus (at most `max` times); every element passed on the way
 * must show a visible focus indicator. Returns the elements passed.
 */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  const isTarget = () =>
    target.evaluate(
      (el) => el === (globalThis as unknown as BrowserGlobals).document.activeElement,
    );
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusedElement(page);
    if (stop) stops.push(stop);
    if (await isTarget()) {
      const hidden = stops.filter((s) => !s.visible);
      if (hidden.length > 0) {
        throw new Error(
          `no visible focus indicator on:\n${hidden.map((s) => `  ${s.what} (outline: ${s.outline})`).join('\n')}`,
        );
      }
      return stops;
    }
  }
  throw new Error(
    `${max} presses of Tab did not reach the target; passed:\n${stops.map((s) => `  ${s.what}`).join('\n')}`,
  );
}
