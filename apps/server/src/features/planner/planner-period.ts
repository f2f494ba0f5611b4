/** Calendar arithmetic on 'YYYY-MM-DD' days (no time zone involved). */

const pad = (n: number) => String(n).padStart(2, '0');

export function firstOfMonth(ymd: string): string {
  return `${ymd.slice(0, 7)}-01`;
}

/** The last day of the month `months - 1` months after the month of `start`. */
export function endOfMonths(start: string, months: number): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + months; // 0-based month after the period
  const last = new Date(Date.UTC(y, m, 0));
  return `${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}-${pad(last.getUTCDate())}`;
}

export function periodOf(kind: 'month' | 'quarter', from: string) {
  const start = firstOfMonth(from);
  return {
    kind,
    start,
    end: endOfMonths(start, kind === 'month' ? 1 : 3),
    months: kind === 'month' ? 1 : 3,
  };
}
