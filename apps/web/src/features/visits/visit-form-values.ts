import {
  type FollowUpCreate,
  fieldErrorsFromZod,
  localDateOf,
  type SupporterKind,
  VisitCreate,
  type VisitKind,
  type VisitStatus,
  VisitUpdate,
} from '@banso/shared';
import type { VisitDto } from '../../api/caravan';

/** The visit form's values: plain strings for inputs, lists for the team, issues and follow-ups. */

export interface TeamRow {
  supporterId: string;
  name: string;
  kind: SupporterKind;
  organization: string | null;
  expertise: readonly string[];
  role: 'lead' | 'member';
}
export interface IssueRow {
  key: string;
  id?: string;
  category: string;
  description: string;
  raisedBy: 'owner' | 'supporter';
}
export interface FollowUpRow {
  key: string;
  title: string;
  assigneeId: string | null;
  dueOn: string;
}
export interface VisitFormValues {
  companyId: string;
  companyName: string;
  date: string;
  time: string;
  kind: VisitKind;
  location: string;
  purpose: string;
  purposeCategories: string[];
  listeningNotes: string;
  ownerAwareness: string;
  nextContactOn: string;
  team: TeamRow[];
  issues: IssueRow[];
  followUps: FollowUpRow[];
}

let counter = 0;
export const rowKey = () => `row-${++counter}`;

/** 'HH:mm' of an instant in Asia/Tokyo. */
export function tokyoTime(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return date.toLocaleTimeString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** The instant of a Tokyo calendar day and wall-clock time: '2026-04-01', '10:00' → '2026-04-01T10:00:00+09:00'. */
export function tokyoInstant(date: string, time: string): string {
  return `${date}T${time || '00:00'}:00+09:00`;
}

export function emptyVisitValues(now = new Date()): VisitFormValues {
  return {
    companyId: '',
    companyName: '',
    date: localDateOf(now),
    time: '10:00',
    kind: 'caravan',
    location: '',
    purpose: '',
    purposeCategories: [],
    listeningNotes: '',
    ownerAwareness: '',
    nextContactOn: '',
    team: [],
    issues: [],
    followUps: [],
  };
}

export function visitToValues(visit: VisitDto, expertise: ReadonlyMap<string, readonly string[]>) {
  return {
    companyId: visit.company.id,
    companyName: visit.company.name,
    date: visit.localDate,
    time: tokyoTime(visit.startsAt),
    kind: visit.kind,
    location: visit.location ?? '',
    purpose: visit.purpose ?? '',
    purposeCategories: [...visit.purposeCategories],
    listeningNotes: visit.listeningNotes ?? '',
    ownerAwareness: visit.ownerAwareness ?? '',
    nextContactOn: visit.nextContactOn ?? '',
    team: visit.team.map((m) => ({
      supporterId: m.supporterId,
      name: m.name,
      kind: m.kind,
      organization: m.organization,
      expertise: expertise.get(m.supporterId) ?? [],
      role: m.role,
    })),
    issues: visit.issues.map((i) => ({
      key: rowKey(),
      id: i.id,
      category: i.category,
      description: i.description ?? '',
      raisedBy: i.raisedBy,
    })),
    followUps: [],
  } satisfies VisitFormValues;
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

function commonBody(values: VisitFormValues) {
  return {
    startsAt: tokyoInstant(values.date, values.time),
    kind: values.kind,
    purpose: orNull(values.purpose),
    purposeCategories: values.purposeCategories,
    listeningNotes: orNull(values.listeningNotes),
    ownerAwareness: orNull(values.ownerAwareness),
    nextContactOn: orNull(values.nextContactOn),
    location: orNull(values.location),
    team: values.team.map((m) => ({ supporterId: m.supporterId, role: m.role })),
    issues: values.issues.map((i) => ({
      ...(i.id ? { id: i.id } : {}),
      category: i.category,
      description: orNull(i.description),
      raisedBy: i.raisedBy,
    })),
  };
}

function followUpBodies(values: VisitFormValues): FollowUpCreate[] {
  return values.followUps.map((f) => ({
    title: f.title,
    assigneeId: f.assigneeId || null,
    dueOn: orNull(f.dueOn),
  }));
}

export type FieldErrors = Record<string, string>;
export type Checked<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** A contract or server path → the form field showing it ('startsAt' → 'date', 'team.2.role' → 'team'). */
export function formPath(path: string): string {
  if (path === 'startsAt' || path === 'endsAt') return 'date';
  if (path === 'companyId') return 'companyId';
  if (path.startsWith('team')) return 'team';
  if (/^(issues|followUps)\.\d+\.\w+/.test(path)) return path.split('.').slice(0, 3).join('.');
  if (path.startsWith('issues')) return 'issues';
  if (path.startsWith('followUps')) return 'followUps';
  return path;
}

function collect(
  result: { success: true } | { success: false; error: Parameters<typeof fieldErrorsFromZod>[0] },
  language: 'ja' | 'en',
): FieldErrors {
  const errors: FieldErrors = {};
  if (result.success) return errors;
  for (const e of fieldErrorsFromZod(result.error)) {
    const field = formPath(e.field);
    errors[field] ??= e.message[language];
  }
  return errors;
}

/** Rules the server applies beyond the contract: one lead; a completed visit has a team. */
function teamRules(
  values: VisitFormValues,
  status: VisitStatus,
  messages: { teamRequired: string; oneLead: string },
): FieldErrors {
  if (status === 'completed' && values.team.length === 0) return { team: messages.teamRequired };
  if (values.team.filter((m) => m.role === 'lead').length > 1) return { team: messages.oneLead };
  return {};
}

export interface ValidateOptions {
  language: 'ja' | 'en';
  messages: { teamRequired: string; oneLead: string; required: string };
}

export function validateCreate(
  values: VisitFormValues,
  status: VisitStatus,
  options: ValidateOptions,
): Checked<VisitCreate> {
  const body = {
    ...commonBody(values),
    companyId: values.companyId,
    followUps: followUpBodies(values),
    status,
  };
  const result = VisitCreate.safeParse(body);
  const errors = { ...collect(result, options.language), ...required(values, options) };
  Object.assign(errors, teamRules(values, status, options.messages));
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, body: result.data };
}

export function validateUpdate(
  values: VisitFormValues,
  version: number,
  options: ValidateOptions,
  status: VisitStatus,
): Checked<{ body: VisitUpdate; followUps: FollowUpCreate[] }> {
  const result = VisitUpdate.safeParse({ ...commonBody(values), version });
  const errors = { ...collect(result, options.language), ...required(values, options) };
  const followUps = VisitCreate.shape.followUps.safeParse(followUpBodies(values));
  if (!followUps.success) {
    for (const e of fieldErrorsFromZod(followUps.error, ['followUps'])) {
      errors[formPath(e.field)] ??= e.message[options.language];
    }
  }
  Object.assign(errors, teamRules(values, status, options.messages));
  if (Object.keys(errors).length > 0 || !result.success || !followUps.success) {
    return { ok: false, errors };
  }
  return { ok: true, body: { body: result.data, followUps: followUps.data } };
}

/** Empty required inputs the contract would report less clearly (an empty uuid, a missing day). */
function required(values: VisitFormValues, options: ValidateOptions): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.companyId) errors.companyId = options.messages.required;
  if (!values.date) errors.date = options.messages.required;
  values.issues.forEach((issue, index) => {
    if (!issue.category) errors[`issues.${index}.category`] = options.messages.required;
  });
  values.followUps.forEach((f, index) => {
    if (!f.title.trim()) errors[`followUps.${index}.title`] = options.messages.required;
  });
  return errors;
}
