import { z } from 'zod';

/**
 * Branded ids: one type per entity that has its own id, so a company id cannot be passed where a
 * visit id is expected (`find(id: CompanyId)` refuses a `VisitId`). A branded id is made in one
 * of three ways only: parsed by its schema (route params, request bodies, job payloads, CLI
 * arguments: `CompanyId.parse(value)`), read from a database column typed with it
 * (`$type<CompanyId>()` in packages/db), or generated (`newId(CompanyId)` on the server).
 *
 * The brand exists only for the type checker: the schemas are `z.uuid()` at run time and in the
 * OpenAPI document (`.brand()` adds nothing to the JSON schema), and responses keep plain
 * strings (docs/ARCHITECTURE.md, "Data model rules", says why).
 */
const uuidOf = <B extends string>() => z.uuid().brand<B>();

/** 支援機関: the organisation (the `tenants` table; `tenant_id` everywhere). */
export const TenantId = uuidOf<'TenantId'>();
export type TenantId = z.infer<typeof TenantId>;
export const UserId = uuidOf<'UserId'>();
export type UserId = z.infer<typeof UserId>;
export const SessionId = uuidOf<'SessionId'>();
export type SessionId = z.infer<typeof SessionId>;
export const ApiTokenId = uuidOf<'ApiTokenId'>();
export type ApiTokenId = z.infer<typeof ApiTokenId>;
export const CompanyId = uuidOf<'CompanyId'>();
export type CompanyId = z.infer<typeof CompanyId>;
export const ImportId = uuidOf<'ImportId'>();
export type ImportId = z.infer<typeof ImportId>;
export const SupporterId = uuidOf<'SupporterId'>();
export type SupporterId = z.infer<typeof SupporterId>;
export const VisitId = uuidOf<'VisitId'>();
export type VisitId = z.infer<typeof VisitId>;
export const VisitIssueId = uuidOf<'VisitIssueId'>();
export type VisitIssueId = z.infer<typeof VisitIssueId>;
export const FollowUpId = uuidOf<'FollowUpId'>();
export type FollowUpId = z.infer<typeof FollowUpId>;
export const CalendarFeedId = uuidOf<'CalendarFeedId'>();
export type CalendarFeedId = z.infer<typeof CalendarFeedId>;
export const ListingId = uuidOf<'ListingId'>();
export type ListingId = z.infer<typeof ListingId>;
export const MatchDecisionId = uuidOf<'MatchDecisionId'>();
export type MatchDecisionId = z.infer<typeof MatchDecisionId>;
export const MatchId = uuidOf<'MatchId'>();
export type MatchId = z.infer<typeof MatchId>;
export const ProgramId = uuidOf<'ProgramId'>();
export type ProgramId = z.infer<typeof ProgramId>;
export const KpiId = uuidOf<'KpiId'>();
export type KpiId = z.infer<typeof KpiId>;
export const JobId = uuidOf<'JobId'>();
export type JobId = z.infer<typeof JobId>;

/** Any of the id schemas above. */
export type IdSchema = z.ZodType<string, string>;

/** `{ id }` path parameter of one entity: the route's handler gets a branded id. */
const pathId = <S extends IdSchema>(schema: S) =>
  z.object({ id: schema.meta({ param: { name: 'id', in: 'path' } }) });

export const UserIdParam = pathId(UserId);
export const ApiTokenIdParam = pathId(ApiTokenId);
export const CompanyIdParam = pathId(CompanyId);
export const ImportIdParam = pathId(ImportId);
export const SupporterIdParam = pathId(SupporterId);
export const VisitIdParam = pathId(VisitId);
export const FollowUpIdParam = pathId(FollowUpId);
export const CalendarFeedIdParam = pathId(CalendarFeedId);
export const ListingIdParam = pathId(ListingId);
export const MatchIdParam = pathId(MatchId);
export const ProgramIdParam = pathId(ProgramId);
export const KpiIdParam = pathId(KpiId);
export const JobIdParam = pathId(JobId);
