/**
 * What an imported text file is, read from its first bytes — the same rule on the server and in
 * the browser's preview (issue 12.2). Pure; no I/O.
 *
 * Encodings: UTF-8 (with or without BOM), Shift_JIS (CP932, what Excel writes as 「CSV」 on a
 * Japanese Windows), and UTF-16 little- or big-endian with a BOM (what Excel writes as
 * 「Unicode テキスト」, tab-separated). A byte-order mark decides; without one, bytes that are
 * valid UTF-8 are UTF-8, anything else Shift_JIS. Pure ASCII counts as UTF-8.
 */
export const TEXT_ENCODINGS = ['utf-8', 'shift_jis', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How the encodings are named to users (the same in Japanese and English). */
export const TEXT_ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  shift_jis: 'Shift_JIS',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/** The encoding named by a byte-order mark at the start of the bytes, if any. */
export function encodingOfBom(sample: Uint8Array): TextEncoding | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return null;
}

/** Bytes a UTF-8 sequence with this lead byte has, or 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * The sample without a multibyte character cut off at its end (the sniff boundary), so a
 * character split between the sample and the rest of the file does not look like bad UTF-8.
 */
function withoutCutCharacter(sample: Uint8Array): Uint8Array {
  let i = sample.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((sample[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return sample;
  const needed = sequenceLength(sample[i] ?? 0);
  return needed > 1 && needed > continuation + 1 ? sample.subarray(0, i) : sample;
}

const validUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * The encoding of a file from its first bytes. `complete` says the sample is the whole file;
 * otherwise a character cut at the end is ignored. `isUtf8` may be a faster native check.
 */
export function detectEncoding(
  sample: Uint8Array,
  complete: boolean,
  isUtf8: (bytes: Uint8Array) => boolean = validUtf8,
): TextEncoding {
  const bom = encodingOfBom(sample);
  if (bom) return bom;
  return isUtf8(complete ? sample : withoutCutCharacter(sample)) ? 'utf-8' : 'shift_jis';
}

/** The name the WHATWG TextDecoder (browsers and Node) knows the encoding by. */
export const decoderLabel = (encoding: TextEncoding): string =>
  encoding === 'shift_jis' ? 'shift_jis' : encoding;

export type CsvDelimiter = ',' | '\t';

/**
 * Comma or tab, from the first record of the text (its header, or the first data row of a
 * headerless 国税庁 file): tab when that record has more tabs than commas outside quoted cells.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === '\n' || ch === '\r') break;
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === ',' || ch === '\t') {
      if (ch === ',') commas++;
      else tabs++;
      fieldStart = true;
    } else if (ch !== '\uFEFF') fieldStart = false;
  }
  return tabs > commas ? '\t' : ',';
}
