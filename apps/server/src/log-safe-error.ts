/**
 * What the log keeps of an error. Query errors carry every parameter of the failed statement
 * (a new user's password hash, a token hash, a row's personal data) in their message, their
 * stack and `params`, and the database's error carries the failing row in `detail`: none of that
 * is logged. What remains is the statement (placeholders only), the SQLSTATE code and the names
 * of the constraint, table and column — enough to find the fault, nothing of the data.
 */

/** Own fields never copied from any error into the log. */
const DROPPED = new Set([
  'params',
  'parameters',
  'detail',
  'where',
  'internalQuery',
  'hint',
  'queryOptions',
]);
/** Field names that smell of a secret, whatever error carries them. */
const SECRET_NAME = /pass(word)?|secret|token|hash|cookie|authorization/i;
const MAX_QUERY = 2_000;
const MAX_DEPTH = 5;

const isQueryError = (e: Error): e is Error & { query: string; params?: unknown } =>
  typeof (e as { query?: unknown }).query === 'string' && 'params' in e;

/** The stack's frames under a message we chose (the original first lines hold the message). */
function stackOf(error: Error, head: string): string | undefined {
  if (typeof error.stack !== 'string') return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [head, ...frames].join('\n');
}

export function safeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) {
    if (value === null || typeof value !== 'object') return value;
    return { type: 'non-error object' };
  }
  const type = value.constructor?.name || value.name || 'Error';
  const out: Record<string, unknown> = { type };
  if (isQueryError(value)) {
    const params = value.params;
    const query = value.query.slice(0, MAX_QUERY);
    // The ORM's wrapper repeats statement and values in its message; the database's own error
    // (PGlite attaches the statement to it) keeps its message, which names no value.
    out.message = value.message.startsWith('Failed query:')
      ? `Failed query: ${query}`
      : value.message;
    out.query = query;
    out.params = Array.isArray(params) ? `[${params.length} values not logged]` : '[not logged]';
  } else {
    out.message = value.message;
  }
  out.stack = stackOf(value, `${type}: ${out.message as string}`);
  for (const [key, field] of Object.entries(value)) {
    if (key in out || key === 'cause' || DROPPED.has(key)) continue;
    if (SECRET_NAME.test(key)) continue;
    if (field === undefined || typeof field === 'function') continue;
    out[key] = field instanceof Error ? safeError(field, depth + 1) : field;
  }
  if (value.cause !== undefined && depth < MAX_DEPTH) out.cause = safeError(value.cause, depth + 1);
  return out;
}
