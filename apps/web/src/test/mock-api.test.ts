import { describe, expect, it } from 'vitest';
import { ApiError, api } from '../api/client';
import { assertNoUnexpectedApiCalls, json, mockApi, takeUnexpectedApiCalls } from './mock-api';

// The strict mock is what keeps every other component test honest: these check that a call
// no handler answers is caught even though apiFetch turns it into a quiet network error.
describe('mockApi', () => {
  it('answers a mocked call and records it', async () => {
    const { calls } = mockApi({ 'GET /api/v1/ping': () => json({ ok: true }) });
    const response = await api.send('GET', '/api/v1/ping', { query: { a: 1 } });
    expect(await response.json()).toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['http://localhost/api/v1/ping?a=1']);
    expect(() => assertNoUnexpectedApiCalls()).not.toThrow();
  });

  it('fails the test on a call with no handler, though the caller only sees a network error', async () => {
    mockApi({ 'GET /api/v1/ping': () => json({ ok: true }) });
    const error = await api.send('POST', '/api/v1/ping').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('network');
    await api.send('GET', '/api/v1/other').catch(() => {});
    expect(() => assertNoUnexpectedApiCalls()).toThrow(
      'API calls with no mockApi handler (mock them in the test): POST /api/v1/ping, GET /api/v1/other',
    );
    // Reported once: the next check starts clean.
    expect(() => assertNoUnexpectedApiCalls()).not.toThrow();
  });

  it('is strict before any mockApi call too (setup.ts resets it before each test)', async () => {
    await api.send('GET', '/api/v1/auth/session').catch(() => {});
    expect(takeUnexpectedApiCalls()).toEqual(['GET /api/v1/auth/session']);
  });
});
