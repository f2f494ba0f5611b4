import { describe, expect, it } from 'vitest';
import { initialScripts, initialStylesheets } from './web-bundle';

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
});
