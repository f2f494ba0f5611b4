import { SessionResponse, TenantId, UserId } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { presentSession } from './auth.presenter';
import type { SessionInfo } from './auth.service';

describe('presentSession', () => {
  it('answers a session of an API token without expiry in the contract’s format', () => {
    const info = {
      user: {
        id: UserId.parse('00000000-0000-4000-8000-000000000001'),
        email: 'a@example.jp',
        displayName: 'A',
        role: 'admin',
        locale: 'ja',
      },
      tenant: {
        id: TenantId.parse('00000000-0000-4000-8000-000000000002'),
        slug: 'a',
        name: 'A',
        nameEn: null,
      },
      csrfToken: null,
      expiresAt: null,
    } as unknown as SessionInfo;
    const presented = presentSession(info);
    expect(SessionResponse.safeParse(presented).success).toBe(true);
    expect(presented.expiresAt).toBe('9999-12-31T23:59:59.999Z');
  });
});
