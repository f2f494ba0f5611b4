/** A pending timer of a Clock; `clear` cancels it (a no-op once it has run). */
export interface ClockTimer {
  clear(): void;
}

/**
 * Time and timers as a dependency: the real one by default, a controllable one in tests
 * (testing/fake-clock.ts), so a test advances time explicitly instead of sleeping and can
 * assert that something did not happen.
 */
export interface Clock {
  now(): Date;
  /** Runs `fn` once after `ms`; the real clock's timers never keep the process alive on their own. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return { clear: () => clearTimeout(timer) };
  },
};
