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

/** A numbered group of activities: heading, prose, items one per line (written with their ①②). */
export interface GroupForm {
  title: string;
  body: string;
  items: string;
}

/** One fiscal year's texts; its cost and grant are edited in the grid and carried through. */
export interface YearForm {
  figure: 'actual' | 'budget';
  costLabel: string;
  intro: string;
  activities: GroupForm[];
}

export interface ProgramFormValues {
  name: string;
  code: string;
  scheme: string;
  fromFy: string;
  toFy: string;
  description: string;
  summary: string;
  sortOrder: string;
  /** Keyed by fiscal year ('2022'); only the years of the period are sent. */
  years: Record<string, YearForm>;
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
  years: {},
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
  years: Object.fromEntries(
    p.years.map((y) => [
      String(y.fy),
      {
        figure: y.figure,
        costLabel: y.costLabel ?? '',
        intro: y.intro ?? '',
        activities: y.activities.map((g) => ({
          title: g.title ?? '',
          body: g.body ?? '',
          items: g.items.join('\n'),
        })),
      },
    ]),
  ),
});

/** A year's texts when the form has none yet: spent before this year, else a budget. */
export const emptyYear = (fy: number, currentFy: number): YearForm => ({
  figure: fy < currentFy ? 'actual' : 'budget',
  costLabel: '',
  intro: '',
  activities: [],
});

type ProgramYearDto = ProgramDetailDto['years'][number];

/**
 * The years to send: each year of the period with texts or figures (the figures as loaded),
 * and any other loaded year with a cost (left for the API to refuse as outside the period).
 */
export function yearsToBody(
  v: ProgramFormValues,
  loaded: ProgramYearDto[],
): ProgramYearDto[] | string {
  const from = Number(v.fromFy);
  const to = Number(v.toFy);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to - from > 50) return 'invalid';
  const out: ProgramYearDto[] = [];
  for (let fy = from; fy <= to; fy++) {
    const form = v.years[String(fy)];
    const old = loaded.find((y) => y.fy === fy);
    const activities = (form?.activities ?? [])
      .map((g) => ({
        title: g.title.trim() || null,
        body: g.body.trim() || null,
        items: lines(g.items),
      }))
      .filter((g) => g.title !== null || g.body !== null || g.items.length > 0);
    const year: ProgramYearDto = {
      fy,
      figure: form?.figure ?? old?.figure ?? 'actual',
      costLabel: form ? form.costLabel.trim() || null : (old?.costLabel ?? null),
      costThousandYen: old?.costThousandYen ?? null,
      grantThousandYen: old?.grantThousandYen ?? null,
      intro: form ? form.intro.trim() || null : (old?.intro ?? null),
      activities: form ? activities : (old?.activities ?? []),
    };
    const hasContent =
      year.costThousandYen !== null ||
      year.grantThousandYen !== null ||
      year.intro !== null ||
      year.activities.length > 0;
    if (old || hasContent) out.push(year);
  }
  for (const y of loaded)
    if ((y.fy < from || y.fy > to) && (y.costThousandYen !== null || y.grantThousandYen !== null))
      out.push(y);
  return out.sort((a, b) => a.fy - b.fy);
}

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
export function valuesToBody(v: ProgramFormValues, loaded: ProgramYearDto[] = []) {
  return {
    years: yearsToBody(v, loaded),
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

/** Messages by form field; a year's problems under `years.<fy>`. */
export type FieldMessages = Partial<Record<ProgramField | `years.${number}`, Localized | string>>;
export type Checked<T> = { ok: true; body: T } | { ok: false; errors: FieldMessages };

/**
 * `description.3` → description; `years.1.activities.0.items.2` → `years.<fy of the second year
 * sent>`; unknown paths → null.
 */
export function formFieldOf(
  path: string,
  sentYears?: { fy: number }[] | string,
): ProgramField | `years.${number}` | null {
  const [head, index] = path.split('.');
  if (head === 'years') {
    const year = Array.isArray(sentYears) ? sentYears[Number(index)] : undefined;
    return year ? `years.${year.fy}` : null;
  }
  return (PROGRAM_FORM_FIELDS as readonly string[]).includes(head ?? '')
    ? (head as ProgramField)
    : null;
}

function collect(
  issues: { field: string; message: Localized }[],
  sentYears?: { fy: number }[] | string,
): FieldMessages {
  const errors: FieldMessages = {};
  for (const issue of issues) {
    const field = formFieldOf(issue.field, sentYears);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

export function validateCreate(v: ProgramFormValues): Checked<ProgramCreate> {
  const body = valuesToBody(v);
  const parsed = ProgramCreate.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: collect(fieldErrorsFromZod(parsed.error), body.years) };
}

/** Only the changed fields, with the version read; the period is checked against the budget years. */
export function validateUpdate(
  v: ProgramFormValues,
  initial: ProgramFormValues,
  program: ProgramDetailDto,
): Checked<ProgramUpdate> {
  const body = valuesToBody(v, program.years);
  const before = valuesToBody(initial, program.years);
  const changed: Record<string, unknown> = { version: program.version };
  for (const key of Object.keys(body) as (keyof typeof body)[])
    if (JSON.stringify(body[key]) !== JSON.stringify(before[key])) changed[key] = body[key];
  const parsed = ProgramUpdate.safeParse(changed);
  if (!parsed.success)
    return { ok: false, errors: collect(fieldErrorsFromZod(parsed.error), body.years) };
  const merged = {
    fromFy: parsed.data.fromFy ?? program.fromFy,
    toFy: parsed.data.toFy ?? program.toFy,
    years: parsed.data.years ?? program.years,
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
  if (issues.length > 0) return { ok: false, errors: collect(issues, merged.years) };
  return { ok: true, body: parsed.data };
}
