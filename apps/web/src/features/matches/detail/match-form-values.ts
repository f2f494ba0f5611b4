import {
  fieldErrorsFromZod,
  type LICENSE_TYPES,
  type Localized,
  type MATCH_ORIGINS,
  MATCH_STAGES,
  type MatchStage,
  MatchUpdate,
  type ROYALTY_TYPES,
} from '@banso/shared';
import type { MatchDto } from '../../../api/matches';
import { stageIndex } from '../match-format';

/**
 * What the match form holds and how it becomes a PATCH body: only the fields that changed, plus
 * the version read. Checked with the API's contract (MatchUpdate); the stage rules (days in
 * stage order, only stages reached) are the server's and come back as field errors.
 */

export interface MatchFormValues {
  origin: (typeof MATCH_ORIGINS)[number];
  partnerRegion: string;
  license: {
    type: (typeof LICENSE_TYPES)[number] | null;
    field: string;
    territory: string;
    term: string;
    royaltyType: (typeof ROYALTY_TYPES)[number] | null;
    notes: string;
  };
  productName: string;
  launchedOn: string;
  coordinatorId: string | null;
  programId: string | null;
  notes: string;
  /** The day of each stage reached ('' when not recorded). */
  stageDates: Partial<Record<MatchStage, string>>;
}

/** Top-level fields, in form order (the first invalid one gets the focus). */
export const MATCH_FORM_FIELDS = [
  'stageDates',
  'origin',
  'partnerRegion',
  'coordinatorId',
  'programId',
  'license',
  'productName',
  'launchedOn',
  'notes',
] as const;
export type MatchFormField = (typeof MATCH_FORM_FIELDS)[number];

/** The stages a match has reached (their days may be corrected). */
export const reachedStages = (m: Pick<MatchDto, 'stage'>): MatchStage[] =>
  MATCH_STAGES.filter((s) => stageIndex(s) <= stageIndex(m.stage));

export function matchToValues(m: MatchDto): MatchFormValues {
  return {
    origin: m.origin,
    partnerRegion: m.partnerRegion ?? '',
    license: {
      type: m.license.type,
      field: m.license.field ?? '',
      territory: m.license.territory ?? '',
      term: m.license.term ?? '',
      royaltyType: m.license.royaltyType,
      notes: m.license.notes ?? '',
    },
    productName: m.productName ?? '',
    launchedOn: m.launchedOn ?? '',
    coordinatorId: m.coordinatorId,
    programId: m.programId,
    notes: m.notes ?? '',
    stageDates: Object.fromEntries(reachedStages(m).map((s) => [s, m.stageDates[s] ?? ''])),
  };
}

function toInput(values: MatchFormValues): Record<string, unknown> {
  return {
    ...values,
    stageDates: Object.fromEntries(
      Object.entries(values.stageDates).map(([stage, day]) => [stage, day ? day : null]),
    ),
  };
}

export type FieldMessages = Record<string, Localized>;

export type Validation =
  | { ok: true; body: MatchUpdate; changed: string[] }
  | { ok: false; errors: FieldMessages };

/** Problems by field path (`license.type`, `stageDates.meeting`), the first of each. */
function byPath(problems: readonly { field: string; message: Localized }[]): FieldMessages {
  const out: FieldMessages = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
}

export function validateMatch(
  values: MatchFormValues,
  initial: MatchFormValues,
  version: number,
): Validation {
  const result = MatchUpdate.safeParse({ ...toInput(values), version });
  if (!result.success) return { ok: false, errors: byPath(fieldErrorsFromZod(result.error)) };
  const before = MatchUpdate.safeParse({ ...toInput(initial), version });
  const body: Record<string, unknown> = { version };
  const changed: string[] = [];
  for (const field of MATCH_FORM_FIELDS) {
    const now = result.data[field];
    const then = before.success ? before.data[field] : Symbol('unknown');
    if (JSON.stringify(now) !== JSON.stringify(then)) {
      body[field] = now;
      changed.push(field);
    }
  }
  return { ok: true, body: body as MatchUpdate, changed };
}
