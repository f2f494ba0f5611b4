import type { TenantTx } from '@banso/db';
import {
  CompanyId,
  CompanyIdParam,
  ListingId,
  type SupporterId,
  type UserId,
  VisitId,
  VisitIdParam,
} from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../context';
import {
  type CompanyRow,
  createCompaniesRepository,
} from '../features/companies/companies.repository';
import type { CompaniesService } from '../features/companies/companies.service';
import { createMatchesRepository } from '../features/matches/matches.repository';
import { createVisitsRepository } from '../features/visits/visits.repository';
import { newId } from '../new-id';

const A_UUID = '0190a7c4-5e2b-7cde-8f01-23456789abcd';

/**
 * The type-level half of this file is checked by `npm run typecheck`, not by running it: every
 * `@ts-expect-error` below marks a call that must not compile. Were the brands removed (ids plain
 * strings again), those calls would compile, each directive would be unused, and the typecheck
 * would fail.
 */
function misuses(tx: TenantTx, actor: Actor, service: CompaniesService, row: CompanyRow) {
  const companies = createCompaniesRepository(tx);
  const visits = createVisitsRepository(tx);
  const matches = createMatchesRepository(tx);
  const company = CompanyId.parse(A_UUID);
  const visit = VisitId.parse(A_UUID);

  // The right kind of id compiles …
  void companies.find(company);
  void visits.find(visit);
  void service.get(actor, company);
  void companies.find(row.id);
  void companies.find(CompanyIdParam.parse({ id: A_UUID }).id);

  // … any other kind does not.
  // @ts-expect-error a visit id where a company id is expected (repository)
  void companies.find(visit);
  // @ts-expect-error a company id where a visit id is expected (repository)
  void visits.find(company);
  // @ts-expect-error a visit id where a company id is expected (service)
  void service.get(actor, visit);
  // @ts-expect-error a bare string is not a company id: parse it first
  void companies.find(A_UUID);
  // @ts-expect-error a route's visit id param is not a company id
  void companies.find(VisitIdParam.parse({ id: A_UUID }).id);
  // @ts-expect-error rows carry their branded id: a company row's id is not a visit id
  void visits.find(row.id);
  // @ts-expect-error the pair's order matters: (listing, company), not (company, listing)
  void matches.pairExists(company, ListingId.parse(A_UUID));
  // @ts-expect-error a user id is not a supporter id (a login and a supporter are different rows)
  void matches.supporterExists(actor.userId);

  const user: UserId = actor.userId;
  // @ts-expect-error nor the other way round
  const supporter: SupporterId = user;
  return supporter;
}

describe('branded ids', () => {
  it('are checked by the typecheck (this file’s @ts-expect-error lines)', () => {
    expect(typeof misuses).toBe('function');
  });

  it('are plain uuid strings at run time, validated when parsed', () => {
    expect(CompanyId.parse(A_UUID)).toBe(A_UUID);
    expect(CompanyIdParam.parse({ id: A_UUID })).toEqual({ id: A_UUID });
    expect(CompanyId.safeParse('not-a-uuid').success).toBe(false);
    const fresh = newId(VisitId);
    expect(VisitId.safeParse(fresh).success).toBe(true);
    expect(fresh).not.toBe(newId(VisitId));
  });

  it('leave the JSON schema (and so the OpenAPI document) as z.uuid() makes it', () => {
    expect(z.toJSONSchema(CompanyId)).toEqual(z.toJSONSchema(z.uuid()));
    expect(z.toJSONSchema(CompanyIdParam)).toEqual(
      z.toJSONSchema(z.object({ id: z.uuid().meta({ param: { name: 'id', in: 'path' } }) })),
    );
  });
});
