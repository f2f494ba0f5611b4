/**
 * The few browser globals that functions passed to `page.evaluate` use. They run in Chromium,
 * but are type-checked with the Node configuration (no DOM library), so they cast `globalThis`
 * to this shape instead. Types only: nothing here exists at run time.
 */
export interface BrowserElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): BrowserElement | null;
  parentElement: BrowserElement | null;
  matches(selector: string): boolean;
  click(): void;
  focus(): void;
  getBoundingClientRect(): { width: number; height: number; top: number; left: number };
}

export interface BrowserGlobals {
  document: {
    activeElement: BrowserElement | null;
    documentElement: { scrollWidth: number; clientWidth: number };
    body: { scrollWidth: number };
    querySelectorAll(selector: string): ArrayLike<BrowserElement>;
    fonts: { ready: Promise<unknown> };
  };
  getComputedStyle(element: BrowserElement): {
    outlineStyle: string;
    outlineWidth: string;
    outlineColor: string;
    boxShadow: string;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  performance: {
    now(): number;
    timeOrigin: number;
    mark(name: string): unknown;
    getEntriesByType(
      type: 'resource',
    ): { name: string; startTime: number; responseEnd: number; duration: number }[];
  };
}
