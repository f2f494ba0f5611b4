import { TenantId } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { formatApiToken, parseApiToken, parseSessionCookie } from './secrets';

const TENANT = TenantId.parse('0190a7c4-5e2b-7cde-8f01-23456789abcd');

describe('token formats', () => {
  it('round-trips an API token and recovers its tenant', () => {
    const token = formatApiToken(TENANT, 'A'.repeat(43));
    expect(parseApiToken(token)).toEqual({ tenantId: TENANT, secret: 'A'.repeat(43) });
  });

  it.each([
    '',
    'bns_',
    `bns_${'0'.repeat(31)}_${'A'.repeat(43)}`,
    `xyz_${'0'.repeat(32)}_${'A'.repeat(43)}`,
    `bns_${'0'.repeat(32)}_short`,
  ])('rejects malformed API token %s', (value) => expect(parseApiToken(value)).toBeNull());

  it('parses a session cookie and rejects malformed ones', () => {
    expect(parseSessionCookie(`${TENANT}.${'s'.repeat(43)}`)).toEqual({
      tenantId: TENANT,
      secret: 's'.repeat(43),
    });
    expect(parseSessionCookie('not-a-uuid.secret-secret-secret-secret')).toBeNull();
    expect(parseSessionCookie(`${TENANT}.short`)).toBeNull();
    expect(parseSessionCookie(`${TENANT}.${'s'.repeat(43)}.extra`)).toBeNull();
  });
});
