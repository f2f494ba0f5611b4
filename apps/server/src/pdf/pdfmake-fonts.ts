import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * pdfmake with Noto Sans JP registered (as `NotoSansJP`), loaded on first use. The TTFs come from
 * the npm package through pdfmake's virtual file system, so the PDF embeds the font (as a subset)
 * and renders without any installed Japanese font; URL and local file access are denied, so
 * nothing is ever fetched while rendering.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

export const PDF_FONT = 'NotoSansJP';

type PdfMake = typeof import('pdfmake');
let loaded: Promise<PdfMake> | undefined;

async function load(): Promise<PdfMake> {
  const pdfmake = (await import('pdfmake')).default;
  const { virtualfs } = pdfmake as unknown as {
    virtualfs: { writeFileSync(name: string, data: Buffer): void };
  };
  virtualfs.writeFileSync(
    'NotoSansJP-Regular.ttf',
    readFileSync(require.resolve(FONT_FILES.normal)),
  );
  virtualfs.writeFileSync('NotoSansJP-Bold.ttf', readFileSync(require.resolve(FONT_FILES.bold)));
  pdfmake.setFonts({
    [PDF_FONT]: {
      normal: 'NotoSansJP-Regular.ttf',
      bold: 'NotoSansJP-Bold.ttf',
      italics: 'NotoSansJP-Regular.ttf',
      bolditalics: 'NotoSansJP-Bold.ttf',
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

export function pdfmakeWithFonts(): Promise<PdfMake> {
  loaded ??= load();
  return loaded;
}
