import type { ErrorCode } from '@banso/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Exhaustive: adding an ErrorCode without a status fails the typecheck. */
export const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  stale_version: 409,
  already_exists: 409,
  setup_required: 409,
  setup_already_done: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  import_invalid: 422,
  job_finished: 409,
  service_unavailable: 503,
  internal: 500,
};
