import type { Clock, ClockTimer } from '../clock';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A Clock whose time moves only when the test says so. `advance(ms)` runs the timers that fall
 * due in order, each at its own time, letting the promises they start settle in between;
 * `nextTimer()` waits until the code under test has armed a timer (it may get there after some
 * I/O) and tells when it is due.
 */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly pending: Pending[] = [];
  private readonly armedWaiters: (() => void)[] = [];

  constructor(start: Date | string = '2025-06-02T00:00:00Z') {
    this.time = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const entry: Pending = { at: this.time + Math.max(ms, 0), seq: this.seq++, fn };
    this.pending.push(entry);
    for (const wake of this.armedWaiters.splice(0)) wake();
    return {
      clear: () => {
        const i = this.pending.indexOf(entry);
        if (i >= 0) this.pending.splice(i, 1);
      },
    };
  }

  /** How many timers are armed and not yet run. */
  get timerCount(): number {
    return this.pending.length;
  }

  /** When the earliest armed timer is due, once there is one. */
  async nextTimer(): Promise<Date> {
    while (this.pending.length === 0) {
      await new Promise<void>((resolve) => this.armedWaiters.push(resolve));
    }
    return new Date(this.earliest()?.at ?? this.time);
  }

  /** Moves time forward by `ms`, running every timer due on the way (and those they arm). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (let next = this.earliest(); next && next.at <= end; next = this.earliest()) {
      this.pending.splice(this.pending.indexOf(next), 1);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await settle();
    }
    this.time = end;
  }

  private earliest(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) {
      if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    return best;
  }
}

/** Lets queued promise callbacks run (not I/O: code that awaits I/O is waited for by its own promise). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
