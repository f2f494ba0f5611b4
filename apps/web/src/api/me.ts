import { SessionUser } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { type Session, sessionKey } from './session';

/** Saves the UI language for the logged-in user, so it follows them to other browsers. */
export function useUpdateMyLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: 'ja' | 'en') =>
      api.patch('/api/v1/auth/me', SessionUser, { body: { locale } }),
    onSuccess: (user) => {
      client.setQueryData<Session | null>(sessionKey, (old) => (old ? { ...old, user } : old));
    },
  });
}
