import { AppError } from '../app-error';
import type { Clock, ClockTimer } from '../clock';

/**
 * Bounded wait for the database, decided once per request before it does any work.
 *
 * The embedded database has one connection per process: every request queues on it, and without
 * a bound a burst makes every request slow (100 connections once gave a p99 of 10 s and a
 * maximum of 28.8 s). The gate lets `maxActive` requests use the database at once and up to
 * `maxQueue` more wait, in arrival order, for at most `maxWaitMs`. A request is refused at once
 * when the queue is full or when its wait is already known to exceed `maxWaitMs` (its place in
 * the queue × the mean time a request holds its place ÷ `maxActive`, by Little's law); a waiter
 * whose wait reaches `maxWaitMs` anyway is refused then. A refusal is a 503
 * `service_unavailable` with `Retry-After`.
 *
 * Requests also wait where the gate cannot count them: while the process is busy (a PGlite
 * statement runs on the event loop, and a request on the embedded database often runs from its
 * first to its last statement without yielding), the requests that arrive meanwhile wait unread in
 * their sockets. `loopBusyMs` says how long the event loop has gone without turning; that much a
 * request read now has waited already, so it counts towards `maxWaitMs` too — when the process
 * is behind, the rest of a batch of requests is refused quickly and the next turn comes sooner.
 *
 * Admission is per request, not per transaction: a request may run several statements and
 * transactions (the credential lookup first), and refusing one of its later transactions would
 * leave the earlier ones committed. Once admitted, a request runs to its end.
 */
export interface AdmissionLimits {
  /** Requests that may use the database at once. */
  maxActive: number;
  /** Requests that may wait for a place; beyond it a request is refused at once. */
  maxQueue: number;
  /** Longest wait for a place (ms); a request that would wait longer is refused. */
  maxWaitMs: number;
}

export interface AdmissionGate {
  /**
   * A place for one request: resolves with its release (call it once, when the request has
   * ended) or rejects with a 503 `service_unavailable` AppError carrying `Retry-After`.
   */
  enter(): Promise<() => void>;
  readonly limits: AdmissionLimits;
  /** Requests holding a place now. */
  readonly active: number;
  /** Requests waiting for a place now. */
  readonly queued: number;
  /** Requests refused since the gate was made (by reason). */
  readonly refused: { queueFull: number; waitTooLong: number };
}

interface Waiter {
  admit: (release: () => void) => void;
  refuse: (error: AppError) => void;
  timer: ClockTimer;
}

/** Weight of the newest sample in the mean holding time (exponentially weighted). */
const HOLD_SMOOTHING = 0.2;

/**
 * How long (ms) the event loop has gone without turning: 0 while it turns, the stall so far while
 * synchronous work holds it. Measured by a 50 ms interval (unref'd) on the real clock.
 */
export function eventLoopBusyMonitor(everyMs = 50): () => number {
  let lastTurn = performance.now();
  const timer = setInterval(() => {
    lastTurn = performance.now();
  }, everyMs);
  timer.unref();
  return () => Math.max(0, performance.now() - lastTurn - everyMs);
}

export function createAdmissionGate(
  limits: AdmissionLimits,
  clock: Clock,
  /** How long the process has been too busy to read requests (eventLoopBusyMonitor); tests inject it. */
  loopBusyMs: () => number = () => 0,
): AdmissionGate {
  let active = 0;
  const queue: Waiter[] = [];
  const refused = { queueFull: 0, waitTooLong: 0 };
  /** Mean time (ms) a request holds its place; null until one has ended. */
  let meanHoldMs: number | null = null;
  const retryAfter = String(Math.max(1, Math.ceil(limits.maxWaitMs / 1000)));

  const refusal = (log: string) =>
    new AppError('service_unavailable', {
      log: `admission: ${log} (active ${active}, queued ${queue.length})`,
      headers: { 'Retry-After': retryAfter },
    });

  const place = (): (() => void) => {
    active += 1;
    const since = clock.now().getTime();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active -= 1;
      const held = Math.max(0, clock.now().getTime() - since);
      meanHoldMs = meanHoldMs === null ? held : meanHoldMs + HOLD_SMOOTHING * (held - meanHoldMs);
      const next = queue.shift();
      if (next) {
        next.timer.clear();
        next.admit(place());
      }
    };
  };

  return {
    limits,
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
    refused,
    enter() {
      // Already waited unread while the process was busy.
      const waitedMs = loopBusyMs();
      if (waitedMs > limits.maxWaitMs) {
        refused.waitTooLong += 1;
        return Promise.reject(refusal(`event loop busy for ${Math.round(waitedMs)} ms`));
      }
      if (active < limits.maxActive && queue.length === 0) return Promise.resolve(place());
      if (queue.length >= limits.maxQueue) {
        refused.queueFull += 1;
        return Promise.reject(refusal('queue full'));
      }
      const expectedWaitMs =
        waitedMs + (meanHoldMs === null ? 0 : ((queue.length + 1) * meanHoldMs) / limits.maxActive);
      if (expectedWaitMs > limits.maxWaitMs) {
        refused.waitTooLong += 1;
        return Promise.reject(refusal(`expected wait ${Math.round(expectedWaitMs)} ms`));
      }
      return new Promise((admit, refuse) => {
        const waiter: Waiter = {
          admit,
          refuse,
          timer: clock.setTimeout(() => {
            const i = queue.indexOf(waiter);
            if (i < 0) return;
            queue.splice(i, 1);
            refused.waitTooLong += 1;
            refuse(refusal(`waited ${limits.maxWaitMs} ms`));
          }, limits.maxWaitMs - waitedMs),
        };
        queue.push(waiter);
      });
    },
  };
}

/** Paths that never wait for the gate: they do not use the database (health, API description). */
export const ungatedPath = (path: string) =>
  !path.startsWith('/api/') ||
  path === '/api/health' ||
  path === '/api/openapi.json' ||
  path === '/api/docs' ||
  path.startsWith('/api/docs/');
