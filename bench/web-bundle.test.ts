import { describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../e2e/support/web-build';
import {
  FIRST_PAGE_MODULE,
  FIRST_PAGE_TARGET_KB,
  firstPageScripts,
  initialScripts,
  initialStylesheets,
  type Manifest,
  measureWebBundle,
  staticClosure,
} from './web-bundle';

describe('the first page of the web build', () => {
  const html = `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-BdR3qCW4.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-mantine-1a2b.js">
    <link rel=modulepreload href='/assets/react-9z.js'>
    <link rel="stylesheet" crossorigin href="/assets/index-DfhHXmaX.css">
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
  </head><body><div id="root"></div></body></html>`;

  it('counts the module entry and every modulepreload, in any quoting', () => {
    expect(initialScripts(html)).toEqual([
      '/assets/index-BdR3qCW4.js',
      '/assets/vendor-mantine-1a2b.js',
      '/assets/react-9z.js',
    ]);
  });

  it('leaves out stylesheets and icons, which are listed apart', () => {
    expect(initialStylesheets(html)).toEqual(['/assets/index-DfhHXmaX.css']);
    expect(initialScripts(html)).not.toContain('/favicon.svg');
  });

  // A Vite manifest in miniature: the shell imports react statically and the pages lazily;
  // the list page imports a Select chunk (shared with the form) and loads its code lists lazily.
  const manifest: Manifest = {
    'index.html': {
      file: 'assets/index.js',
      isEntry: true,
      imports: ['_react.js'],
      dynamicImports: [FIRST_PAGE_MODULE, 'src/form.tsx'],
      css: ['assets/index.css'],
    },
    '_react.js': { file: 'assets/react.js' },
    '_select.js': { file: 'assets/select.js', imports: ['_react.js'] },
    [FIRST_PAGE_MODULE]: {
      file: 'assets/list.js',
      isDynamicEntry: true,
      imports: ['index.html', '_react.js', '_select.js'],
      dynamicImports: ['src/code-lists.ts'],
    },
    'src/code-lists.ts': { file: 'assets/code-lists.js', isDynamicEntry: true },
    'src/form.tsx': { file: 'assets/form.js', isDynamicEntry: true, imports: ['_select.js'] },
  };

  it('follows static imports only: lazy chunks are not part of a page', () => {
    expect(staticClosure(manifest, 'index.html')).toEqual(['assets/index.js', 'assets/react.js']);
    expect(firstPageScripts(manifest)).toEqual({
      shell: ['assets/index.js', 'assets/react.js'],
      firstPage: ['assets/index.js', 'assets/react.js', 'assets/list.js', 'assets/select.js'],
    });
  });

  it('refuses a build without the first page’s chunk, rather than measuring less', () => {
    const { [FIRST_PAGE_MODULE]: _list, ...withoutList } = manifest;
    expect(() => firstPageScripts(withoutList)).toThrow(/no chunk for/);
  });

  // Builds apps/web/dist once when it is missing or stale (as the e2e tests and `npm start` do);
  // a fresh build is only read. Gzip level 9 of fixed files: the same figure every run.
  it(`keeps the real first page (/companies after login) within ${FIRST_PAGE_TARGET_KB} KB gzip`, async () => {
    const result = measureWebBundle(await ensureWebBuild(() => {}));
    expect(result.shell.files.length).toBeGreaterThan(0);
    expect(result.pageOnly.map((a) => a.file)).toContainEqual(
      expect.stringMatching(/companies-list-page-.*\.js$/),
    );
    // The place and JSIC lists load when a filter needs them, not with the page.
    const firstPageFiles = result.firstPage.files.map((a) => a.file).join(' ');
    expect(firstPageFiles).not.toMatch(/municipalities|filter-code-lists/);
    expect(result.firstPage.gzipKb).toBeGreaterThan(result.shell.gzipKb);
    expect(
      result.firstPage.gzipKb,
      `first page ${result.firstPage.gzipKb} KB gzip (shell ${result.shell.gzipKb})`,
    ).toBeLessThanOrEqual(FIRST_PAGE_TARGET_KB);
  }, 300_000);
});
