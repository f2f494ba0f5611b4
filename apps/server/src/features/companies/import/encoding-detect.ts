import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'shift_jis';

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

/**
 * UTF-8 (with or without BOM) or Shift_JIS (CP932), from the first bytes of a file. `complete`
 * says the sample is the whole file; otherwise a character cut at the end is ignored. Pure
 * ASCII counts as UTF-8 (both decode it the same).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  return isUtf8(complete ? sample : withoutCutCharacter(sample)) ? 'utf-8' : 'shift_jis';
}

/** True if the bytes hold at least `minimum` non-ASCII bytes (enough evidence to decide). */
export function hasNonAscii(sample: Uint8Array, minimum = 64): boolean {
  let n = 0;
  for (const byte of sample) if (byte >= 0x80 && ++n >= minimum) return true;
  return false;
}
