import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TenantId } from '@banso/shared';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export const dummyPasswordHash = () => {
  dummyHash ??= hash('banso-dummy-password-for-timing');
  return dummyHash;
};

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Session cookie value: `<tenant id>.<secret>`; only sha256(secret) is stored. */
export function parseSessionCookie(value: string): { tenantId: TenantId; secret: string } | null {
  const [id, secret, ...rest] = value.split('.');
  if (!id || !secret || rest.length > 0 || !UUID.test(id) || secret.length < 20) return null;
  const tenantId = TenantId.safeParse(id);
  return tenantId.success ? { tenantId: tenantId.data, secret } : null;
}

/** API token: `bns_<tenant id without dashes>_<secret>`; only sha256(secret) is stored. */
export function formatApiToken(tenantId: TenantId, secret: string): string {
  return `bns_${tenantId.replaceAll('-', '')}_${secret}`;
}

export function parseApiToken(value: string): { tenantId: TenantId; secret: string } | null {
  const match = /^bns_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const tenantId = TenantId.safeParse(dashedUuid(match[1]));
  return tenantId.success ? { tenantId: tenantId.data, secret: match[2] } : null;
}

/** 32 hex digits → the 8-4-4-4-12 form (token and feed URLs carry the organisation without dashes). */
export const dashedUuid = (t: string) =>
  `${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20)}`;
