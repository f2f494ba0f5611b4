import { LOGIN_THROTTLE, type LoginThrottleRule } from '@banso/shared';

/**
 * How long a key is blocked after its `failures`-th failure (0: not blocked): `free` attempts
 * may fail, then each further one waits baseSeconds, doubling, at most maxSeconds.
 */
export function blockSeconds(rule: LoginThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  const doublings = Math.min(failures - rule.free, 30);
  return Math.min(rule.baseSeconds * 2 ** doublings, rule.maxSeconds);
}

/** The three counters one sign-in attempt touches. */
export interface ThrottleKeys {
  /** The attempted account from any address. */
  account: string;
  /** The attempted account from this address. */
  pair: string;
  /** This address (failures on accounts that do not exist). */
  address: string;
}

/**
 * Keys of an attempt. The account is named by its organisation (its id when the code is known,
 * else the code as typed) and the e-mail as typed, lower-cased: an account that does not exist
 * is counted exactly like one that does.
 */
export function throttleKeys(input: {
  tenantId: string | null;
  organization: string | undefined;
  email: string;
  ip: string;
}): ThrottleKeys {
  const scope = input.tenantId ?? `code:${(input.organization ?? '').trim().toLowerCase()}`;
  const email = normaliseEmail(input.email);
  return {
    account: `acct:${scope}:${email}`,
    pair: `pair:${scope}:${email}:${input.ip}`,
    address: `addr:${input.ip}`,
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const RULES = LOGIN_THROTTLE;
