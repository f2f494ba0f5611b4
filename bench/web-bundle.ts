import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The first page's JavaScript: every script `apps/web/dist/index.html` makes the browser load
 * before the app can start — the module entry and its `modulepreload` links — gzip-measured
 * (level 9, as a pre-compressing server or CDN would send it). Lazy route chunks (the company
 * pages) are listed apart: they load after the shell. Target: ≤ 300 KB gzip.
 */
export const FIRST_PAGE_TARGET_KB = 300;

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBundleResult {
  target: number;
  /** The JS index.html loads initially. */
  initial: AssetSize[];
  initialKb: number;
  initialGzipKb: number;
  /** Stylesheets index.html links (for information: not part of the target). */
  css: AssetSize[];
  /** The largest other chunks (loaded on demand). */
  lazy: AssetSize[];
}

/** Asset paths of the scripts index.html loads at once: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) =>
      new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
    const value = (name: string) => {
      const m = attr(name);
      return m ? (m[2] ?? m[3] ?? m[4] ?? '') : undefined;
    };
    if (/^<script/i.test(tag) && value('src')) found.push(value('src') as string);
    if (
      /^<link/i.test(tag) &&
      value('rel')?.split(/\s+/).includes('modulepreload') &&
      value('href')
    )
      found.push(value('href') as string);
  }
  return [...new Set(found)];
}

/** Stylesheets index.html links. */
export function initialStylesheets(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*rel=["']?stylesheet["']?[^>]*>/gi)].flatMap((m) => {
    const href = /href=["']?([^"'\s>]+)/i.exec(m[0])?.[1];
    return href ? [href] : [];
  });
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function measure(dist: string, file: string): AssetSize {
  const content = readFileSync(path.join(dist, file.replace(/^\//, '')));
  return {
    file: file.replace(/^\//, ''),
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
  };
}

export function measureWebBundle(dist: string): WebBundleResult {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initialFiles = initialScripts(html);
  if (initialFiles.length === 0) throw new Error(`no script in ${dist}/index.html`);
  const initial = initialFiles.map((f) => measure(dist, f));
  const css = initialStylesheets(html).map((f) => measure(dist, f));
  const initialSet = new Set(initial.map((a) => a.file));
  const lazy = readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialSet.has(`assets/${f}`))
    .map((f) => measure(dist, `assets/${f}`))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 8);
  const sum = (list: AssetSize[], key: 'bytes' | 'gzipBytes') =>
    list.reduce((total, a) => total + a[key], 0);
  return {
    target: FIRST_PAGE_TARGET_KB,
    initial,
    initialKb: kb(sum(initial, 'bytes')),
    initialGzipKb: kb(sum(initial, 'gzipBytes')),
    css,
    lazy,
  };
}

export function renderWebBundle(r: WebBundleResult): string {
  const row = (a: AssetSize) => `| ${a.file} | ${kb(a.bytes)} | ${kb(a.gzipBytes)} |`;
  const verdict = r.initialGzipKb <= r.target ? 'meets' : '**misses**';
  return [
    '### Web app: JavaScript of the first page (apps/web/dist)',
    '',
    `**${r.initialGzipKb} KB gzip** (${r.initialKb} KB raw) in ${r.initial.length} file(s) that index.html loads at once — ${verdict} the ≤ ${r.target} KB target.`,
    '',
    '| file | KB | KB gzip -9 |',
    '| --- | --- | --- |',
    ...r.initial.map(row),
    ...r.css.map((a) =>
      `${row(a)} (stylesheet, not counted)`.replace(/\|\s\(stylesheet/, '(stylesheet'),
    ),
    '',
    'Largest chunks loaded later (on demand):',
    '',
    '| file | KB | KB gzip -9 |',
    '| --- | --- | --- |',
    ...r.lazy.map(row),
  ].join('\n');
}
