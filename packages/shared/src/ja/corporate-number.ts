/**
 * 法人番号 (Japanese corporate number): 13 digits = check digit (leftmost) + 12-digit base.
 * check = 9 − (Σ_{n=1..12} P_n × Q_n mod 9), P_n the n-th base digit counted from the right,
 * Q_n = 1 for odd n and 2 for even n. The check digit is therefore always 1–9, never 0.
 *
 * What the check digit catches: any single-digit error except 0↔9 in the base (the weights
 * 1 and 2 are invertible mod 9, so only a change by ±9 is invisible), and any adjacent
 * transposition except of a 0 and a 9.
 */

export type CorporateNumberValidation = 'ok' | 'not_digits' | 'length' | 'check_digit';

/** The check digit (1–9) for a 12-digit base number. RangeError if `base12` is not 12 ASCII digits. */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new RangeError(`not a 12-digit base number: ${base12}`);
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/**
 * Normalises user input before validation: NFKC (full-width digits → ASCII), then removes
 * whitespace (including U+3000) and hyphen-like separators (-, ‐, ‑, ‒, –, —, −, ー, ｰ, －).
 * Nothing else is changed: letters and other characters stay, so validation can report them.
 * '１１８０３０１０１８７７１' → '1180301018771'; '1-1803-0101-8771' → '1180301018771'.
 */
export function normalizeCorporateNumber(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30fc]/g, '');
}

/**
 * Validates a 法人番号 after normalizeCorporateNumber:
 * 'not_digits' if anything but digits remains (including an empty string), 'length' if not 13
 * digits, 'check_digit' if the check digit is wrong, otherwise 'ok'.
 */
export function validateCorporateNumber(input: string): CorporateNumberValidation {
  const s = normalizeCorporateNumber(input);
  if (!/^\d+$/.test(s)) return 'not_digits';
  if (s.length !== 13) return 'length';
  return corporateNumberCheckDigit(s.slice(1)) === Number(s[0]) ? 'ok' : 'check_digit';
}

export function isValidCorporateNumber(input: string): boolean {
  return validateCorporateNumber(input) === 'ok';
}

/** The full 13-digit number for a 12-digit base (check digit prepended). */
export function toCorporateNumber(base12: string): string {
  return `${corporateNumberCheckDigit(base12)}${base12}`;
}

/**
 * The 法人番号 of a local government (地方公共団体): check digit + '000020' + its 6-digit
 * 全国地方公共団体コード, e.g. 東京都 130001 → '8000020130001'.
 */
export function localGovernmentCorporateNumber(lgCode6: string): string {
  if (!/^\d{6}$/.test(lgCode6))
    throw new RangeError(`not a 6-digit local government code: ${lgCode6}`);
  return toCorporateNumber(`000020${lgCode6}`);
}
