import { Problem } from '@banso/shared';
import type { z } from 'zod';

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The error answers every authenticated route can give. */
export const errorResponses = {
  400: problem('Malformed request (bad_request)'),
  401: problem('Not logged in (unauthenticated)'),
  403: problem('Not allowed (forbidden, csrf_failed)'),
  404: problem('Not found, or not visible to you (not_found)'),
  413: problem(
    'Body larger than the limit (payload_too_large): 1 MiB, or 200 MiB for the CSV/JSON imports; refused before it is read',
  ),
  422: problem('Invalid fields (validation_failed), with `errors[]`'),
  503: problem(
    'The database is busy beyond the bounded wait (service_unavailable): refused before doing anything; send again after `Retry-After` seconds',
  ),
} as const;

export const conflictResponse = {
  409: problem('Stale version or duplicate (stale_version, already_exists)'),
};

export const security: Array<Record<string, string[]>> = [{ cookieAuth: [] }, { bearerAuth: [] }];
