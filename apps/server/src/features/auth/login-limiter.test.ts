import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';

describe('LoginLimiter', () => {
  it('blocks after the allowed failures until the window ends, and a success clears the count', () => {
    let now = 0;
    const limiter = new LoginLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('k')).toBe(0);
      limiter.fail('k');
    }
    expect(limiter.retryAfter('k')).toBe(60);
    expect(limiter.retryAfter('other')).toBe(0);
    now = 59_000;
    expect(limiter.retryAfter('k')).toBe(1);
    now = 60_000;
    expect(limiter.retryAfter('k')).toBe(0);
    limiter.fail('k');
    limiter.fail('k');
    limiter.succeed('k');
    limiter.fail('k');
    expect(limiter.retryAfter('k')).toBe(0);
  });
});
