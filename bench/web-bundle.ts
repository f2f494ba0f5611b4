import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript of the page a user lands on after login, gzip-measured (level 9, as a
 * pre-compressing server or CDN would send it). Two figures:
 *
 * - **shell**: what `index.html` makes the browser load before the app can start — the module
 *   entry and everything it imports statically (its `modulepreload` links);
 * - **first page**: the shell plus the lazy chunk of the page a signed-in user lands on
 *   (/companies, FIRST_PAGE_MODULE) and every chunk that chunk imports statically — what the
 *   browser must fetch before the company list can render.
 *
 * Both are read from Vite's build manifest (`build.manifest` in apps/web/vite.config.ts,
 * `dist/.vite/manifest.json`), which records each chunk's static and dynamic imports. Chunks
 * loaded later on demand (other pages, the filters' code lists) are listed apart.
 * Target: first page ≤ 300 KB gzip.
 */
export const FIRST_PAGE_TARGET_KB = 300;

/** The route module of the first page after login (`/` redirects to /companies). */
export const FIRST_PAGE_MODULE = 'src/features/companies/companies-list-page.tsx';

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ScriptSet {
  files: AssetSize[];
  kb: number;
  gzipKb: number;
}

export interface WebBundleResult {
  target: number;
  /** Scripts index.html loads at once. */
  shell: ScriptSet;
  /** The shell plus the /companies page's chunk and its static imports. */
  firstPage: ScriptSet;
  /** Of the first page, the files the shell does not already load. */
  pageOnly: AssetSize[];
  /** The first page's gzip KB (kept under its old name for bench/run.ts's log line). */
  initialGzipKb: number;
  /** Stylesheets of the first page (for information: not part of the target). */
  css: AssetSize[];
  /** The largest other chunks (loaded on demand). */
  lazy: AssetSize[];
}

/** One entry of Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export const MANIFEST_PATH = '.vite/manifest.json';

/**
 * The JS files a chunk needs before it runs: itself and, recursively, its static imports
 * (never its dynamic imports, which load on demand). In load order, each once.
 */
export function staticClosure(manifest: Manifest, key: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) throw new Error(`manifest has no chunk ${k}`);
    if (chunk.file.endsWith('.js')) files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return files;
}

/** Stylesheets of the chunks in a static closure. */
function closureCss(manifest: Manifest, key: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    for (const css of chunk?.css ?? []) out.add(css);
    for (const imported of chunk?.imports ?? []) visit(imported);
  };
  visit(key);
  return [...out];
}

/** The manifest key of index.html's module entry. */
export function entryKey(manifest: Manifest): string {
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  if (entries.length !== 1) {
    throw new Error(`expected one entry chunk in the manifest, found ${entries.length}`);
  }
  return (entries[0] as [string, ManifestChunk])[0];
}

/** Shell and first-page script files (relative to dist), from the manifest. */
export function firstPageScripts(
  manifest: Manifest,
  pageModule = FIRST_PAGE_MODULE,
): { shell: string[]; firstPage: string[] } {
  const shell = staticClosure(manifest, entryKey(manifest));
  if (!manifest[pageModule]) {
    throw new Error(
      `the build has no chunk for ${pageModule}: is it still the first page's route module?`,
    );
  }
  const page = staticClosure(manifest, pageModule);
  return { shell, firstPage: [...new Set([...shell, ...page])] };
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

function scriptSet(files: AssetSize[]): ScriptSet {
  const sum = (key: 'bytes' | 'gzipBytes') => files.reduce((total, a) => total + a[key], 0);
  return { files, kb: kb(sum('bytes')), gzipKb: kb(sum('gzipBytes')) };
}

export function readManifest(dist: string): Manifest {
  const file = path.join(dist, MANIFEST_PATH);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: build apps/web with build.manifest (apps/web/vite.config.ts)`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

export function measureWebBundle(dist: string): WebBundleResult {
  const manifest = readManifest(dist);
  const { shell, firstPage } = firstPageScripts(manifest);
  // Cross-check: the manifest's shell is what index.html actually loads.
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const fromHtml = initialScripts(html).map((f) => f.replace(/^\//, ''));
  const missing = fromHtml.filter((f) => !shell.includes(f));
  if (fromHtml.length === 0 || missing.length > 0) {
    throw new Error(`index.html loads scripts the manifest does not list: ${missing.join(', ')}`);
  }
  const sizes = new Map(firstPage.map((f) => [f, measure(dist, f)]));
  const get = (f: string) => sizes.get(f) as AssetSize;
  const shellSet = scriptSet(shell.map(get));
  const firstPageSet = scriptSet(firstPage.map(get));
  const cssFiles = new Set([
    ...initialStylesheets(html).map((f) => f.replace(/^\//, '')),
    ...closureCss(manifest, FIRST_PAGE_MODULE),
  ]);
  const lazy = readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') && !sizes.has(`assets/${f}`))
    .map((f) => measure(dist, `assets/${f}`))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 8);
  return {
    target: FIRST_PAGE_TARGET_KB,
    shell: shellSet,
    firstPage: firstPageSet,
    pageOnly: firstPage.filter((f) => !shell.includes(f)).map(get),
    initialGzipKb: firstPageSet.gzipKb,
    css: [...cssFiles].map((f) => measure(dist, f)),
    lazy,
  };
}

export function renderWebBundle(r: WebBundleResult): string {
  const row = (a: AssetSize) => `| ${a.file} | ${kb(a.bytes)} | ${kb(a.gzipBytes)} |`;
  const verdict = r.firstPage.gzipKb <= r.target ? 'meets' : '**misses**';
  const head = ['| file | KB | KB gzip -9 |', '| --- | --- | --- |'];
  return [
    '### Web app: JavaScript of the first page (apps/web/dist)',
    '',
    `**First page (/companies after login): ${r.firstPage.gzipKb} KB gzip** (${r.firstPage.kb} KB raw) in ${r.firstPage.files.length} files — ${verdict} the ≤ ${r.target} KB target.`,
    `Of it, the **shell** that index.html loads at once: ${r.shell.gzipKb} KB gzip (${r.shell.kb} KB raw) in ${r.shell.files.length} files; the /companies page's own chunks: ${kb(r.pageOnly.reduce((s, a) => s + a.gzipBytes, 0))} KB gzip in ${r.pageOnly.length} files.`,
    '',
    'Shell:',
    '',
    ...head,
    ...r.shell.files.map(row),
    '',
    '/companies page (lazy chunk and its static imports):',
    '',
    ...head,
    ...r.pageOnly.map(row),
    '',
    'Stylesheets (not counted):',
    '',
    ...head,
    ...r.css.map(row),
    '',
    'Largest chunks loaded later (on demand):',
    '',
    ...head,
    ...r.lazy.map(row),
  ].join('\n');
}
