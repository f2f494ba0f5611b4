import { LoginRequest, SessionResponse, SetupStatus } from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { i18n } from '../i18n';
import { ApiError, api, setCsrfToken } from './client';

export type Session = z.output<typeof SessionResponse>;
export const sessionKey = ['session'] as const;

/** Set when an API call found the session gone; the login page then says why. */
export const sessionEvents = { expired: false };

/**
 * The language is remembered per user: the locale saved on the server (PATCH /auth/me) wins
 * over the browser's last choice whenever a session arrives — after login and on every load
 * or reload — so it follows the user to another browser and back.
 */
function applyUserLocale(session: Session) {
  if (session.user.locale !== i18n.language) void i18n.changeLanguage(session.user.locale);
}

/** The current session, or null when logged out. Keeps the CSRF token for writes. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get('/api/v1/auth/session', SessionResponse);
    setCsrfToken(session.csrfToken);
    applyUserLocale(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** The session of a page inside the authenticated shell (the shell guarantees it). */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession outside the authenticated shell');
  return data;
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api.get('/api/v1/setup', SetupStatus),
    staleTime: 10_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof LoginRequest>) => {
      await api.send('POST', '/api/v1/auth/login', { body: LoginRequest.parse(input) });
      return fetchSession();
    },
    onSuccess: (session) => {
      client.clear();
      // fetchSession has switched to the user's saved language.
      client.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.send('POST', '/api/v1/auth/logout');
    },
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(sessionKey, null);
    },
  });
}
