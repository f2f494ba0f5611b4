import {
  type CountingBasis,
  fieldErrorsFromZod,
  KpiCreate,
  type KpiDirection,
  type KpiUnit,
  KpiUpdate,
  type Localized,
  type MatchStage,
  MetricDefinition,
} from '@banso/shared';
import type { KpiDto } from '../../../api/programs';
import { parseFigure } from '../grid/clipboard';

/**
 * The KPI form's values and their checks. Checks are the API's contract (KpiCreate, KpiUpdate,
 * MetricDefinition), so a message shown before saving is the one the API would send; the API's
 * field paths (`metric.filters.status`) map to the same form fields.
 */

export type MetricEntity = MetricDefinition['entity'];

/** A metric definition being edited: the fields of every entity, the entity's ones are sent. */
export interface MetricFormValues {
  entity: MetricEntity;
  /** companies: count or sum (of `field`). */
  aggregate: 'count' | 'sum';
  field: 'employees' | 'capitalYen' | '';
  /** visits: 訪問件数 or 訪問企業数. */
  count: 'visits' | 'companies';
  /** follow_ups: by creation or completion day. */
  event: 'created' | 'completed';
  /** matches: the stage reached (its day places the match in a period). */
  stage: MatchStage;
  /** matches: only those linked to this program (the KPI's own; '' for all). */
  programId: string;
  origins: string[];
  listingKinds: string[];
  /** companies: company kinds; visits: visit kinds (the contract's `filters.kinds`). */
  kinds: string[];
  tagsAll: string[];
  jsicPrefix: string;
  municipalityPrefix: string;
  categories: string[];
  /** visits and follow-ups: the kinds of the visited companies. */
  companyKinds: string[];
  /** follow-ups: the kinds of their visits. */
  visitKinds: string[];
  /** follow-ups: the current status, or any. */
  status: 'any' | 'open' | 'done';
}

export interface KpiFormValues {
  name: string;
  unit: KpiUnit;
  unitLabel: string;
  basis: CountingBasis;
  direction: KpiDirection;
  baseline: string;
  notes: string;
  /** The actual is computed from Banso's records by `metric`. */
  computed: boolean;
  metric: MetricFormValues;
}

/** The form fields, in the order they are shown (the first with a problem gets the focus). */
export const KPI_FORM_FIELDS = [
  'name',
  'unit',
  'unitLabel',
  'basis',
  'direction',
  'baseline',
  'notes',
  'metric.entity',
  'metric.aggregate',
  'metric.field',
  'metric.count',
  'metric.event',
  'metric.kinds',
  'metric.visitKinds',
  'metric.companyKinds',
  'metric.categories',
  'metric.tagsAll',
  'metric.jsicPrefix',
  'metric.municipalityPrefix',
  'metric.status',
  'metric.stage',
  'metric.programId',
  'metric.origins',
  'metric.listingKinds',
] as const;
export type KpiFormField = (typeof KPI_FORM_FIELDS)[number];

export type KpiFieldMessages = Partial<Record<KpiFormField, Localized | string>>;
export type Checked<T> = { ok: true; body: T } | { ok: false; errors: KpiFieldMessages };

export const emptyMetricValues = (entity: MetricEntity = 'visits'): MetricFormValues => ({
  entity,
  aggregate: 'count',
  field: '',
  count: 'visits',
  event: 'created',
  kinds: [],
  tagsAll: [],
  jsicPrefix: '',
  municipalityPrefix: '',
  categories: [],
  companyKinds: [],
  visitKinds: [],
  status: 'any',
  stage: 'contracted',
  programId: '',
  origins: [],
  listingKinds: [],
});

export const emptyKpiValues = (): KpiFormValues => ({
  name: '',
  unit: '件',
  unitLabel: '',
  basis: 'fiscal',
  direction: 'increase',
  baseline: '',
  notes: '',
  computed: false,
  metric: emptyMetricValues(),
});

export function metricToValues(m: MetricDefinition | null): MetricFormValues {
  const v = emptyMetricValues();
  if (!m) return v;
  switch (m.entity) {
    case 'companies':
      return {
        ...v,
        entity: m.entity,
        aggregate: m.aggregate,
        field: m.field ?? '',
        kinds: [...(m.filters.kinds ?? [])],
        tagsAll: [...(m.filters.tagsAll ?? [])],
        jsicPrefix: m.filters.jsicPrefix ?? '',
        municipalityPrefix: m.filters.municipalityPrefix ?? '',
      };
    case 'visits':
      return {
        ...v,
        entity: m.entity,
        count: m.count,
        kinds: [...(m.filters.kinds ?? [])],
        categories: [...(m.filters.categories ?? [])],
        companyKinds: [...(m.filters.companyKinds ?? [])],
        municipalityPrefix: m.filters.municipalityPrefix ?? '',
      };
    case 'follow_ups':
      return {
        ...v,
        entity: m.entity,
        event: m.event,
        status: m.filters.status ?? 'any',
        visitKinds: [...(m.filters.visitKinds ?? [])],
        companyKinds: [...(m.filters.companyKinds ?? [])],
        municipalityPrefix: m.filters.municipalityPrefix ?? '',
      };
    case 'matches':
      return {
        ...v,
        entity: m.entity,
        stage: m.event,
        programId: m.filters.programId ?? '',
        origins: [...(m.filters.origins ?? [])],
        listingKinds: [...(m.filters.listingKinds ?? [])],
      };
  }
}

export const kpiToValues = (k: KpiDto): KpiFormValues => ({
  name: k.name,
  unit: k.unit,
  unitLabel: k.unitLabel ?? '',
  basis: k.basis,
  direction: k.direction,
  baseline: k.baseline === null ? '' : String(k.baseline),
  notes: k.notes ?? '',
  computed: k.metric !== null,
  metric: metricToValues(k.metric),
});

/** Only the filters that are set, so an empty list or text is not sent as a filter. */
function filters(entries: [string, string | string[]][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of entries) {
    if (Array.isArray(value) ? value.length > 0 : value.trim() !== '') out[key] = value;
  }
  return out;
}

/** The definition as the API's body (before its checks). */
export function metricBody(m: MetricFormValues): Record<string, unknown> {
  switch (m.entity) {
    case 'companies':
      return {
        version: 1,
        entity: 'companies',
        aggregate: m.aggregate,
        field: m.aggregate === 'sum' ? m.field || null : null,
        event: 'registered',
        filters: filters([
          ['kinds', m.kinds],
          ['tagsAll', m.tagsAll],
          ['jsicPrefix', m.jsicPrefix],
          ['municipalityPrefix', m.municipalityPrefix],
        ]),
      };
    case 'visits':
      return {
        version: 1,
        entity: 'visits',
        aggregate: 'count',
        count: m.count,
        event: 'visited',
        filters: filters([
          ['kinds', m.kinds],
          ['categories', m.categories],
          ['companyKinds', m.companyKinds],
          ['municipalityPrefix', m.municipalityPrefix],
        ]),
      };
    case 'follow_ups':
      return {
        version: 1,
        entity: 'follow_ups',
        aggregate: 'count',
        event: m.event,
        filters: filters([
          ['status', m.status === 'any' ? '' : m.status],
          ['visitKinds', m.visitKinds],
          ['companyKinds', m.companyKinds],
          ['municipalityPrefix', m.municipalityPrefix],
        ]),
      };
    case 'matches':
      return {
        version: 1,
        entity: 'matches',
        aggregate: 'count',
        event: m.stage,
        filters: filters([
          ['programId', m.programId],
          ['origins', m.origins],
          ['listingKinds', m.listingKinds],
        ]),
      };
  }
}

/**
 * An API field path as a form field: `name` → name; `metric.filters.status` and
 * `metric.filters.kinds.0` → metric.status / metric.kinds; `metric.field` → metric.field.
 */
export function kpiFieldOf(path: string): KpiFormField | null {
  const parts = path.split('.');
  let field: string | undefined = parts[0];
  if (parts[0] === 'metric')
    field = parts[1] === 'filters' ? `metric.${parts[2]}` : `metric.${parts[1] ?? 'entity'}`;
  return (KPI_FORM_FIELDS as readonly string[]).includes(field ?? '')
    ? (field as KpiFormField)
    : null;
}

function collect(issues: { field: string; message: Localized }[]): KpiFieldMessages {
  const errors: KpiFieldMessages = {};
  for (const issue of issues) {
    const field = kpiFieldOf(issue.field);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

const NOT_A_NUMBER: Localized = { ja: '数値を入力してください。', en: 'Enter a number.' };

/** The values as the API's body; the baseline read as a figure (21,618 and 2.5 are fine). */
function valuesToBody(v: KpiFormValues): { body: Record<string, unknown>; baselineOk: boolean } {
  const baseline = parseFigure(v.baseline);
  return {
    baselineOk: baseline.ok,
    body: {
      name: v.name,
      unit: v.unit,
      unitLabel: v.unit === 'free' ? v.unitLabel.trim() || null : null,
      basis: v.basis,
      direction: v.direction,
      baseline: baseline.ok ? baseline.value : null,
      notes: v.notes.trim() || null,
      metric: v.computed ? metricBody(v.metric) : null,
    },
  };
}

export function validateKpiCreate(v: KpiFormValues, sortOrder: number): Checked<KpiCreate> {
  const { body, baselineOk } = valuesToBody(v);
  const parsed = KpiCreate.safeParse({ ...body, sortOrder, years: [] });
  const errors = parsed.success ? {} : collect(fieldErrorsFromZod(parsed.error));
  if (!baselineOk) errors.baseline = NOT_A_NUMBER;
  if (!parsed.success || !baselineOk) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** Only the changed fields, with the version read (the figures per year stay as they are). */
export function validateKpiUpdate(
  v: KpiFormValues,
  initial: KpiFormValues,
  version: number,
): Checked<KpiUpdate> {
  const { body, baselineOk } = valuesToBody(v);
  const before = valuesToBody(initial).body;
  const changed: Record<string, unknown> = { version };
  for (const key of Object.keys(body))
    if (JSON.stringify(body[key]) !== JSON.stringify(before[key])) changed[key] = body[key];
  const parsed = KpiUpdate.safeParse(changed);
  const errors = parsed.success ? {} : collect(fieldErrorsFromZod(parsed.error));
  if (!baselineOk) errors.baseline = NOT_A_NUMBER;
  if (!parsed.success || !baselineOk) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** The definition checked by the contract, for a preview. */
export function checkMetric(
  m: MetricFormValues,
): { ok: true; metric: MetricDefinition } | { ok: false; errors: KpiFieldMessages } {
  const parsed = MetricDefinition.safeParse(metricBody(m));
  if (parsed.success) return { ok: true, metric: parsed.data };
  return { ok: false, errors: collect(fieldErrorsFromZod(parsed.error, ['metric'])) };
}
