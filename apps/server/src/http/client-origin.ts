import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Who sent the request and over what, as far as Banso can know it. */
export interface ClientOrigin {
  /** The client's address (rate limits, the sign-in log). */
  ip: string;
  /** https when the connection (or a trusted proxy in front of Banso) says so. */
  protocol: 'http' | 'https';
}

/** BANSO_TRUST_PROXY: addresses of reverse proxies in front of Banso, or `loopback`. */
export type TrustedProxies = readonly string[];

/** `::ffff:127.0.0.1` (IPv4 seen through an IPv6 socket) → `127.0.0.1`. */
export const normalise = (address: string) =>
  address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
const isLoopback = (address: string) => address === '::1' || /^127\./.test(address);

function isTrusted(address: string, proxies: TrustedProxies): boolean {
  return proxies.includes(address) || (proxies.includes('loopback') && isLoopback(address));
}

function peerOf(c: Context): string | null {
  try {
    const address = getConnInfo(c).remote.address;
    return address ? normalise(address) : null;
  } catch {
    return null; // no socket (in-process requests in tests)
  }
}

/**
 * The request's origin. Forwarded headers are believed only from a trusted proxy (the direct
 * peer is one of BANSO_TRUST_PROXY): `X-Forwarded-Proto` as the proxy set it (its last value)
 * and, of `X-Forwarded-For`, the rightmost address that is not itself a trusted proxy — the
 * leftmost entries are whatever the client chose to send.
 */
export function clientOriginOf(c: Context, proxies: TrustedProxies): ClientOrigin {
  const peer = peerOf(c);
  const direct: ClientOrigin = {
    ip: peer ?? 'local',
    protocol: new URL(c.req.url).protocol === 'https:' ? 'https' : 'http',
  };
  if (!peer || !isTrusted(peer, proxies)) return direct;
  const proto = c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase();
  const chain = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => normalise(a.trim()))
    .filter((a) => isIP(a) !== 0);
  let ip = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    ip = chain[i] as string;
    if (!isTrusted(ip, proxies)) break;
  }
  return {
    ip,
    protocol: proto === 'https' ? 'https' : proto === 'http' ? 'http' : direct.protocol,
  };
}
