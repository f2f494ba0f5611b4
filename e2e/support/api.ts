import type { CompanyCreate } from '@banso/shared';
import type { RunningBanso } from './banso-server';
import { ADMIN } from './flows';

/**
 * Arranging a test through the HTTP API (what the test is not about): first-run setup with the
 * printed token, and companies created as the admin. The flows under test use the UI.
 */
export async function setUpByApi(server: RunningBanso): Promise<void> {
  const token = server.setupUrl ? new URL(server.setupUrl).searchParams.get('token') : null;
  if (!token) throw new Error('the server printed no first-run URL');
  const res = await fetch(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      organization: { slug: ADMIN.organizationSlug, name: ADMIN.organizationName },
      admin: { email: ADMIN.email, displayName: ADMIN.displayName, password: ADMIN.password },
    }),
  });
  if (res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
}

export async function createCompaniesByApi(
  server: RunningBanso,
  companies: readonly Partial<CompanyCreate>[],
): Promise<{ id: string; name: string }[]> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organization: ADMIN.organizationSlug,
      email: ADMIN.email,
      password: ADMIN.password,
    }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created: { id: string; name: string }[] = [];
  for (const company of companies) {
    const res = await fetch(`${server.url}/api/v1/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(company),
    });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
    created.push((await res.json()) as { id: string; name: string });
  }
  return created;
}
