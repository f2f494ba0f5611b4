import { Job, JobIdParam } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { type App, requireActor } from '../../http/env';
import { errorResponses, json, problem, security } from '../../http/openapi-helpers';
import { presentJob } from './jobs.presenter';
import type { JobsService } from './jobs.service';

export function registerJobsRoutes(app: App, deps: { jobs: JobsService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}',
      tags: ['jobs'],
      summary: 'A background job: status, progress, result or error',
      description:
        'Long work (a CSV import sent with `Prefer: respond-async`, a listings import) answers 202 with a ' +
        'job id; poll this until `status` is succeeded, failed or cancelled. `progress` and `result` are ' +
        'kind-specific (an import: ImportProgressEvent fields and ImportRunResult); `error` has a code and ' +
        'the message in Japanese and English. A job is visible to the user who started it and to admins.',
      security,
      request: { params: JobIdParam },
      responses: { 200: json(Job), ...errorResponses },
    }),
    async (c) => {
      const job = await deps.jobs.get(requireActor(c), c.req.valid('param').id);
      return c.json(presentJob(job), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/cancel',
      tags: ['jobs'],
      summary: 'Cancel a background job',
      description:
        'A queued job becomes `cancelled` at once. A running job is asked to stop: the answer shows ' +
        '`cancelRequested: true` while it still runs; it stops at its next safe point and ends `cancelled`, ' +
        'keeping what it had committed (an import: the rows of its finished batches). A job that has ' +
        'already ended answers 409 `job_finished`. Allowed to the user who started the job and to admins.',
      security,
      request: { params: JobIdParam },
      responses: {
        200: json(Job),
        ...errorResponses,
        409: problem('The job has already ended (job_finished)'),
      },
    }),
    async (c) => {
      const job = await deps.jobs.cancel(requireActor(c), c.req.valid('param').id);
      return c.json(presentJob(job), 200);
    },
  );
}
