import { MetricDefinition } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import {
  emptyKpiValues,
  kpiFieldOf,
  metricBody,
  metricToValues,
  validateKpiCreate,
} from './kpi-form-values';

const definitions: MetricDefinition[] = [
  MetricDefinition.parse({
    version: 1,
    entity: 'companies',
    aggregate: 'sum',
    field: 'employees',
    filters: { kinds: ['sme'], tagsAll: ['福祉'], jsicPrefix: '24', municipalityPrefix: '1413' },
  }),
  MetricDefinition.parse({
    version: 1,
    entity: 'visits',
    aggregate: 'count',
    count: 'companies',
    filters: {
      kinds: ['caravan'],
      categories: ['事業承継'],
      companyKinds: ['startup'],
      municipalityPrefix: '14133',
    },
  }),
  MetricDefinition.parse({
    version: 1,
    entity: 'follow_ups',
    aggregate: 'count',
    event: 'created',
    filters: { status: 'open', visitKinds: ['online'], companyKinds: ['sme'] },
  }),
  MetricDefinition.parse({ version: 1, entity: 'visits', aggregate: 'count' }),
  MetricDefinition.parse({
    version: 1,
    entity: 'matches',
    aggregate: 'count',
    event: 'commercialized',
    filters: {
      programId: '0190a3c4-0000-7000-8000-000000000001',
      origins: ['open_meeting'],
      listingKinds: ['open_patent', 'sme_seed'],
    },
  }),
  MetricDefinition.parse({
    version: 1,
    entity: 'matches',
    aggregate: 'count',
    event: 'contracted',
  }),
];

describe('the KPI form values', () => {
  it('give back every entity’s definition, filters included, as they were loaded', () => {
    for (const m of definitions)
      expect(MetricDefinition.parse(metricBody(metricToValues(m)))).toEqual(m);
  });

  it('send no empty filter', () => {
    const v = metricToValues(null);
    expect(metricBody({ ...v, municipalityPrefix: '  ', kinds: [] })).toMatchObject({
      filters: {},
    });
  });

  it('map the API’s field paths to the form’s fields', () => {
    expect(kpiFieldOf('name')).toBe('name');
    expect(kpiFieldOf('metric.filters.status')).toBe('metric.status');
    expect(kpiFieldOf('metric.filters.kinds.1')).toBe('metric.kinds');
    expect(kpiFieldOf('metric.field')).toBe('metric.field');
    expect(kpiFieldOf('years.0.fy')).toBeNull();
  });

  it('read the baseline as a figure (21,618) and refuse other text', () => {
    const ok = validateKpiCreate({ ...emptyKpiValues(), name: '件数', baseline: '21,618' }, 2);
    expect(ok).toMatchObject({ ok: true, body: { baseline: 21618, sortOrder: 2, metric: null } });
    const bad = validateKpiCreate({ ...emptyKpiValues(), name: '件数', baseline: 'たくさん' }, 0);
    expect(bad).toMatchObject({
      ok: false,
      errors: { baseline: { ja: '数値を入力してください。' } },
    });
  });
});
