import { LOGIN_THROTTLE } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { blockSeconds, throttleKeys } from './login-throttle';

describe('blockSeconds', () => {
  const rule = { free: 5, baseSeconds: 30, maxSeconds: 900 };
  it('lets the free failures pass, then doubles up to the cap', () => {
    expect([1, 4, 5, 6, 7, 8, 9, 10, 50].map((f) => blockSeconds(rule, f))).toEqual([
      0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]);
  });
  it('never overflows to Infinity or NaN', () => {
    expect(blockSeconds(LOGIN_THROTTLE.account, 10_000)).toBe(LOGIN_THROTTLE.account.maxSeconds);
  });
});

describe('throttleKeys', () => {
  it('names an account the same however its e-mail is typed, and an unknown organisation by its code', () => {
    const a = throttleKeys({ tenantId: 't1', organization: 'x', email: ' A@B.jp ', ip: '1.2.3.4' });
    expect(a).toEqual({
      account: 'acct:t1:a@b.jp',
      pair: 'pair:t1:a@b.jp:1.2.3.4',
      address: 'addr:1.2.3.4',
    });
    expect(
      throttleKeys({ tenantId: null, organization: 'Nowhere', email: 'a@b.jp', ip: '1.2.3.4' })
        .account,
    ).toBe('acct:code:nowhere:a@b.jp');
  });
});
