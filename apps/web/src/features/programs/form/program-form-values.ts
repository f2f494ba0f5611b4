import {
  fieldErrorMessage,
  fieldErrorsFromZod,
  type Localized,
  ProgramCreate,
  ProgramUpdate,
  programIssues,
} from '@banso/shared';
import type { ProgramDetailDto } from '../../../api/programs';

/**
 * The program form's values and their checks. The form edits the program's own fields; budgets
 * and KPIs are edited in the grid. Bullets are one per line. Checks are the API's contract, so a
 * message shown before saving is the one the API would send.
 */

export interface ProgramFormValues {
  name: string;
  code: string;
  scheme: string;
  fromFy: string;
  toFy: string;
  description: string;
  summary: string;
  sortOrder: string;
}

export const PROGRAM_FORM_FIELDS = [
  'name',
  'code',
  'scheme',
  'fromFy',
  'toFy',
  'description',
  'summary',
  'sortOrder',
] as const satisfies readonly (keyof ProgramFormValues)[];
export type ProgramField = (typeof PROGRAM_FORM_FIELDS)[number];

export const emptyProgramValues = (fy: number): ProgramFormValues => ({
  name: '',
  code: '',
  scheme: '地方創生推進交付金',
  fromFy: String(fy),
  toFy: String(fy + 2),
  description: '',
  summary: '',
  sortOrder: '0',
});

export const programToValues = (p: ProgramDetailDto): ProgramFormValues => ({
  name: p.name,
  code: p.code ?? '',
  scheme: p.scheme ?? '',
  fromFy: String(p.fromFy),
  toFy: String(p.toFy),
  description: p.description.join('\n'),
  summary: p.summary.join('\n'),
  sortOrder: String(p.sortOrder),
});

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-・•]\s*/, '').trim())
    .filter((l) => l !== '');

const numberOrText = (s: string): number | string => {
  const n = Number(s.normalize('NFKC').trim());
  return s.trim() !== '' && Number.isFinite(n) ? n : s;
};

/** The values as the API's body (before its checks). */
export function valuesToBody(v: ProgramFormValues) {
  return {
    name: v.name,
    code: v.code,
    scheme: v.scheme,
    fromFy: numberOrText(v.fromFy),
    toFy: numberOrText(v.toFy),
    description: lines(v.description),
    summary: lines(v.summary),
    sortOrder: numberOrText(v.sortOrder === '' ? '0' : v.sortOrder),
  };
}

export type FieldMessages = Partial<Record<ProgramField, Localized | string>>;
export type Checked<T> = { ok: true; body: T } | { ok: false; errors: FieldMessages };

/** `description.3` → description; unknown paths → null. */
export function formFieldOf(path: string): ProgramField | null {
  const head = path.split('.')[0] as ProgramField;
  return (PROGRAM_FORM_FIELDS as readonly string[]).includes(head) ? head : null;
}

function collect(issues: { field: string; message: Localized }[]): FieldMessages {
  const errors: FieldMessages = {};
  for (const issue of issues) {
    const field = formFieldOf(issue.field);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

export function validateCreate(v: ProgramFormValues): Checked<ProgramCreate> {
  const parsed = ProgramCreate.safeParse(valuesToBody(v));
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: collect(fieldErrorsFromZod(parsed.error)) };
}

/** Only the changed fields, with the version read; the period is checked against the budget years. */
export function validateUpdate(
  v: ProgramFormValues,
  initial: ProgramFormValues,
  program: ProgramDetailDto,
): Checked<ProgramUpdate> {
  const body = valuesToBody(v);
  const before = valuesToBody(initial);
  const changed: Record<string, unknown> = { version: program.version };
  for (const key of Object.keys(body) as (keyof typeof body)[])
    if (JSON.stringify(body[key]) !== JSON.stringify(before[key])) changed[key] = body[key];
  const parsed = ProgramUpdate.safeParse(changed);
  if (!parsed.success) return { ok: false, errors: collect(fieldErrorsFromZod(parsed.error)) };
  const merged = {
    fromFy: parsed.data.fromFy ?? program.fromFy,
    toFy: parsed.data.toFy ?? program.toFy,
    years: program.years,
  };
  const issues = programIssues(merged).map((i) => ({
    // A budget year left outside a narrowed period is a problem of the period.
    field:
      i.path[0] === 'years'
        ? parsed.data.fromFy !== undefined
          ? 'fromFy'
          : 'toFy'
        : i.path.join('.'),
    message: fieldErrorMessage(i.code),
  }));
  if (issues.length > 0) return { ok: false, errors: collect(issues) };
  return { ok: true, body: parsed.data };
}
