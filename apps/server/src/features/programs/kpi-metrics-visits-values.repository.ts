import type { TenantTx } from '@banso/db';
import { executeRows } from '@banso/db';
import type { CountingBasis } from '@banso/shared';
import { type SQL, sql } from 'drizzle-orm';
import {
  acceptsVisitCompany,
  acceptsVisitGroup,
  type VisitGroup,
  type VisitMetric,
} from './kpi-visit-rules';

/**
 * The values of visit metrics (訪問件数, 訪問企業数) for the requested years, fiscal and calendar
 * KPIs together, in at most three statements however many KPIs there are. They read the
 * rollups that triggers keep current on every write of visits, issues and companies (migration
 * 0006; `kpi-rollups.ts` in packages/db), not the visits themselves:
 *
 * - 訪問件数: `kpi_visit_counts` (completed visits counted per fiscal and calendar year, visit
 *   kind, company kind, municipality code and the set of categories of the visit's purposes and
 *   issues together), grouped again by only the attributes some KPI filters on, the category set
 *   reduced to a bit mask of the categories named in any KPI;
 * - 訪問企業数: per counting basis, `kpi_company_years` (one row per company and year with a
 *   completed visit: the kinds, categories and kind–category pairs of its visits, the company's
 *   kind and municipality) with one bit per distinct visit-level condition (kinds, categories)
 *   of those KPIs, grouped by year, company attributes and bits.
 *
 * Each KPI then adds up the groups it accepts (`acceptsVisitGroup`, the rules of the
 * drill-down's SQL, which reads the visits: an integration test holds both equal, and another
 * the rollups equal to the visits after every kind of write).
 */

export interface VisitMetricItem {
  metric: VisitMetric;
  basis: CountingBasis;
}

interface Row {
  fy: number | null;
  year?: number | null;
  cy: number | null;
  kind: string | null;
  company_kind: string | null;
  municipality_code: string | null;
  n: string;
  [mask: string]: unknown;
}

const BITS = 62;

/** Conditions as bits of bigint expressions (at most 62 each: bit j of expression j / 62). */
function bitColumns(conditions: SQL[]): SQL[] {
  const columns: SQL[] = [];
  for (let i = 0; i < conditions.length; i += BITS) {
    const bits = conditions
      .slice(i, i + BITS)
      .map((c, j) => sql`(coalesce(${c}, false)::int::int8 << ${sql.raw(String(j))})`);
    columns.push(sql`(${sql.join(bits, sql` | `)})`);
  }
  return columns;
}

/** The bigint columns of a row read back (node-postgres and PGlite answer strings or bigints). */
const masksOf = (row: Row, prefix: string, count: number): bigint[] =>
  Array.from({ length: Math.ceil(count / BITS) }, (_, k) =>
    BigInt(String(row[`${prefix}${k}`] ?? 0)),
  );

const bitSet = (masks: bigint[], j: number) =>
  (((masks[Math.floor(j / BITS)] ?? 0n) >> BigInt(j % BITS)) & 1n) === 1n;

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

interface Distinct extends VisitMetricItem {
  positions: number[];
  totals: Map<number, number>;
  add(year: number, n: number): void;
}

/** What a visit metric counts, as a key: equal keys count the same. */
const metricKey = ({ metric, basis }: VisitMetricItem) => {
  const f = metric.filters;
  const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();
  return JSON.stringify([
    metric.count,
    basis,
    sorted(f.kinds),
    sorted(f.companyKinds),
    f.municipalityPrefix ?? '',
    sorted(f.categories),
  ]);
};

const rowsOf = ({ db }: TenantTx, statement: SQL): Promise<Row[]> =>
  executeRows<Row>(db, statement);

export async function valuesOfVisits(
  t: TenantTx,
  items: VisitMetricItem[],
  fys: number[],
): Promise<Map<number, number>[]> {
  const { tenantId } = t;
  const results = items.map(() => new Map<number, number>(fys.map((fy) => [fy, 0])));
  if (items.length === 0 || fys.length === 0) return results;
  const first = Math.min(...fys);
  const last = Math.max(...fys);
  const uses = (key: keyof VisitMetric['filters'], list: readonly { metric: VisitMetric }[]) =>
    list.some(({ metric }) => {
      const value = metric.filters[key];
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    });
  /**
   * KPIs that ask the same (the same count, basis and filters: the same KPI in several programs)
   * are computed once; `positions` are theirs in `items`.
   */
  const distinct = new Map<string, Distinct>();
  const distinctMetrics = (
    list: VisitMetricItem[],
    wanted: (item: VisitMetricItem) => boolean,
  ): Distinct[] => {
    const mine = new Set<Distinct>();
    for (const [i, item] of list.entries()) {
      if (!wanted(item)) continue;
      const key = metricKey(item);
      let d = distinct.get(key);
      if (!d) {
        const totals = new Map<number, number>(fys.map((fy) => [fy, 0]));
        d = {
          metric: item.metric,
          basis: item.basis,
          positions: [],
          totals,
          add: (year, n) => {
            const value = totals.get(year);
            if (value !== undefined) totals.set(year, value + n);
          },
        };
        distinct.set(key, d);
      }
      d.positions.push(i);
      mine.add(d);
    }
    return [...mine];
  };
  const companyOf = (row: Row) => ({
    companyKind: row.company_kind ?? '',
    municipalityCode: row.municipality_code || null,
  });
  const work: Promise<void>[] = [];

  // 訪問件数
  const counted = distinctMetrics(items, (item) => item.metric.count === 'visits');
  if (counted.length > 0) {
    const bases = new Set(counted.map((c) => c.basis));
    const categories = [
      ...new Set(counted.flatMap(({ metric }) => metric.filters.categories ?? [])),
    ].sort();
    const keys: SQL[] = [
      bases.has('fiscal') ? sql`fy` : sql`null::int as fy`,
      bases.has('calendar') ? sql`cy` : sql`null::int as cy`,
      uses('kinds', counted) ? sql`kind` : sql`null::text as kind`,
      uses('companyKinds', counted) ? sql`company_kind` : sql`null::text as company_kind`,
      uses('municipalityPrefix', counted)
        ? sql`municipality_code`
        : sql`null::text as municipality_code`,
    ];
    const masks = bitColumns(categories.map((c) => sql`categories @> array[${c}]::text[]`)).map(
      (bits, k) => sql`${bits} as ${sql.raw(`c${k}`)}`,
    );
    const years = [
      ...(bases.has('fiscal') ? [sql`fy between ${first} and ${last}`] : []),
      ...(bases.has('calendar') ? [sql`cy between ${first} and ${last}`] : []),
    ];
    const groupBy = sql.raw(
      Array.from({ length: keys.length + masks.length }, (_, k) => k + 1).join(', '),
    );
    work.push(
      rowsOf(
        t,
        sql`select ${sql.join([...keys, ...masks], sql`, `)}, sum(visits) as n
          from kpi_visit_counts
          where tenant_id = ${tenantId} and visits <> 0 and (${sql.join(years, sql` or `)})
          group by ${groupBy}`,
      ).then((groups) => {
        for (const row of groups) {
          const masked = masksOf(row, 'c', categories.length);
          const group: VisitGroup = {
            kind: row.kind ?? '',
            ...companyOf(row),
            categories: categories.filter((_, j) => bitSet(masked, j)),
          };
          const n = Number(row.n);
          for (const d of counted) {
            if (!acceptsVisitGroup(d.metric, group)) continue;
            const year = d.basis === 'fiscal' ? row.fy : row.cy;
            if (year !== null) d.add(Number(year), n);
          }
        }
      }),
    );
  }

  // 訪問企業数, per counting basis: a company counts once per year.
  for (const basis of ['fiscal', 'calendar'] as const) {
    const mine = distinctMetrics(
      items,
      (item) => item.metric.count === 'companies' && item.basis === basis,
    );
    if (mine.length === 0) continue;
    /** The visit-level part of a metric (kinds and categories); company filters come after. */
    const visitLevel = (m: VisitMetric) =>
      JSON.stringify([
        [...(m.filters.kinds ?? [])].sort(),
        [...(m.filters.categories ?? [])].sort(),
      ]);
    const conditions = [...new Set(mine.map(({ metric }) => visitLevel(metric)))];
    const conditionOf = mine.map(({ metric }) => conditions.indexOf(visitLevel(metric)));
    // Some visit of the year has one of the kinds and (the same visit) one of the categories.
    const conditionSql = conditions.map((key) => {
      const [kinds, categories] = JSON.parse(key) as [string[], string[]];
      if (kinds.length > 0 && categories.length > 0)
        return sql`kind_categories && ${textArray(kinds.flatMap((k) => categories.map((c) => `${k}:${c}`)))}`;
      if (kinds.length > 0) return sql`kinds && ${textArray(kinds)}`;
      if (categories.length > 0) return sql`categories && ${textArray(categories)}`;
      return sql`true`;
    });
    const masks = bitColumns(conditionSql).map((bits, k) => sql`${bits} as ${sql.raw(`m${k}`)}`);
    const keys: SQL[] = [
      sql`year`,
      uses('companyKinds', mine) ? sql`company_kind` : sql`null::text as company_kind`,
      uses('municipalityPrefix', mine)
        ? sql`municipality_code`
        : sql`null::text as municipality_code`,
    ];
    work.push(
      rowsOf(
        t,
        sql`select ${sql.join([...keys, ...masks], sql`, `)}, count(*) as n
          from kpi_company_years
          where tenant_id = ${tenantId} and basis = ${basis} and year between ${first} and ${last}
          group by ${sql.raw(Array.from({ length: keys.length + masks.length }, (_, k) => k + 1).join(', '))}`,
      ).then((rows) => {
        for (const row of rows) {
          const bits = masksOf(row, 'm', conditions.length);
          const n = Number(row.n);
          for (const [k, d] of mine.entries()) {
            if (!bitSet(bits, conditionOf[k] ?? -1)) continue;
            if (!acceptsVisitCompany(d.metric, companyOf(row))) continue;
            if (row.year !== null && row.year !== undefined) d.add(Number(row.year), n);
          }
        }
      }),
    );
  }
  await Promise.all(work);
  for (const d of [...distinct.values()])
    for (const i of d.positions) results[i] = new Map(d.totals);
  return results;
}
