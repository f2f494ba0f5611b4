/**
 * The component tests' stand-in for the API: `fetch` answered by handlers keyed
 * `METHOD /path`. Strict: a call with no handler fails in the component (apiFetch
 * turns the thrown error into a network error, as a dropped connection would) and
 * is recorded, and setup.ts fails the test when it ends. Without that the error
 * would vanish into an error state nobody looks at, and a test could pass on a
 * page that never loaded.
 */

type Handler = (request: Request) => Response | Promise<Response>;

const unexpectedCalls: string[] = [];

function strictFetch(handlers: Record<string, Handler>, calls: Request[]): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), 'http://localhost'), init);
    calls.push(request);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = handlers[key];
    if (!handler) {
      unexpectedCalls.push(key);
      throw new Error(`unexpected API call: ${key}`);
    }
    return handler(request);
  };
}

/** Answers fetch calls by `METHOD /path` (query string ignored); any other call fails the test. */
export function mockApi(handlers: Record<string, Handler>) {
  const calls: Request[] = [];
  globalThis.fetch = strictFetch(handlers, calls);
  return { calls };
}

/** Before each test (setup.ts): no handlers, so an API call the test did not mock fails it. */
export function resetApiMock() {
  unexpectedCalls.length = 0;
  globalThis.fetch = strictFetch({}, []);
}

/** The calls no handler answered since the last reset, each once, and forgets them. */
export function takeUnexpectedApiCalls(): string[] {
  const seen = [...new Set(unexpectedCalls)];
  unexpectedCalls.length = 0;
  return seen;
}

/** After each test (setup.ts): throws, failing the test, when an API call had no handler. */
export function assertNoUnexpectedApiCalls() {
  const seen = takeUnexpectedApiCalls();
  if (seen.length > 0) {
    throw new Error(
      `API calls with no mockApi handler (mock them in the test): ${seen.join(', ')}`,
    );
  }
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
    },
  });
