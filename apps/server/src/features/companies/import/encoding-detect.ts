import { isUtf8 } from 'node:buffer';
import { detectEncoding as detect, type TextEncoding } from '@banso/shared';

export type { TextEncoding } from '@banso/shared';

/**
 * UTF-8, Shift_JIS (CP932) or UTF-16 with a BOM, from the first bytes of a file (the shared rule
 * of packages/shared/src/csv-sniff.ts, with Node's native UTF-8 check). `complete` says the
 * sample is the whole file; otherwise a character cut at the end is ignored.
 */
export const detectEncoding = (sample: Uint8Array, complete: boolean): TextEncoding =>
  detect(sample, complete, isUtf8);

/** True if the bytes hold at least `minimum` non-ASCII bytes (enough evidence to decide). */
export function hasNonAscii(sample: Uint8Array, minimum = 64): boolean {
  let n = 0;
  for (const byte of sample) if (byte >= 0x80 && ++n >= minimum) return true;
  return false;
}
