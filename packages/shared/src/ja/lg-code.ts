/**
 * 全国地方公共団体コード (local government code): 5 digits (2-digit prefecture + 3-digit
 * municipality) plus a check digit.
 *
 * With digits a b c d e: s = 6a + 5b + 4c + 3d + 2e, r = s mod 11, check = (11 − r) mod 10,
 * i.e. r = 0 → 1 and r = 1 → 0. (Every one of the 1,963 codes in code4fukui/localgovjp obeys
 * this; the variant "r = 0 → 0, r = 1 → 1" fails 369 of them.)
 *
 * Because 11 is prime every single-digit error changes r, but r = 0 and r = 10 share check
 * digit 1, so an error that moves r between 0 and 10 goes unnoticed.
 */

/** The check digit for a 5-digit code. RangeError if `code5` is not 5 ASCII digits. */
export function lgCodeCheckDigit(code5: string): number {
  if (!/^\d{5}$/.test(code5)) throw new RangeError(`not a 5-digit local government code: ${code5}`);
  const weights = [6, 5, 4, 3, 2];
  let s = 0;
  for (let i = 0; i < 5; i++) s += (weights[i] ?? 0) * Number(code5[i]);
  return (11 - (s % 11)) % 10;
}

/** 14130 → '141305'. */
export function toLgCode6(code5: string): string {
  return `${code5}${lgCodeCheckDigit(code5)}`;
}

/** True for 6 ASCII digits with the right check digit (does not check that the body exists). */
export function isValidLgCode(code6: string): boolean {
  return /^\d{6}$/.test(code6) && lgCodeCheckDigit(code6.slice(0, 5)) === Number(code6[5]);
}

/**
 * Normalises a code given as 5 or 6 digits (NFKC, surrounding spaces trimmed; a number that lost
 * its leading zero such as 10006 for 北海道 is NOT guessed) to the 6-digit form, or null if it is
 * neither a 5-digit code nor a valid 6-digit one.
 */
export function normalizeLgCode(input: string): string | null {
  const s = input.normalize('NFKC').trim();
  if (/^\d{5}$/.test(s)) return toLgCode6(s);
  return isValidLgCode(s) ? s : null;
}
