import type { Database } from '@banso/db';
import type { CountingBasis } from '@banso/shared';
import { type SQL, sql } from 'drizzle-orm';
import { kpiPeriod } from './kpi-period';
import {
  acceptsVisitCompany,
  acceptsVisitGroup,
  type VisitGroup,
  type VisitMetric,
} from './kpi-visit-rules';

/**
 * The values of visit metrics (訪問件数, 訪問企業数) over the whole span of the requested years,
 * fiscal and calendar KPIs together, in at most four statements however many KPIs there are:
 *
 * - 訪問件数: one scan of the completed visits grouped by fiscal and calendar year and by only
 *   the attributes some KPI filters on — visit kind, company kind, municipality code and, for
 *   category filters, a bit mask of the categories named in any KPI that the visit's purposes
 *   have; a second, small scan over the visits with such an issue (課題) moves them to the
 *   groups of their purposes and issues together (each visit still counted once);
 * - 訪問企業数: per counting basis, one scan grouped by year and company with one bit per
 *   distinct visit-level condition (kinds, categories) of those KPIs, joined to the companies
 *   afterwards and grouped again by company kind and municipality.
 *
 * Each KPI then adds up the groups it accepts (`acceptsVisitGroup`, the rules of the
 * drill-down's SQL). The statements run with JIT off (compiling costs more than it saves here)
 * and without sorts: PostgreSQL multiplies the grouped columns' distinct counts, expects
 * hundreds of thousands of groups and would sort a million rows for a few thousand groups.
 */

export interface VisitMetricItem {
  metric: VisitMetric;
  basis: CountingBasis;
}

interface Row {
  fy: number | null;
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

const rowsOf = async (db: Database, statement: SQL): Promise<Row[]> =>
  ((await db.execute(statement)) as unknown as { rows: Row[] }).rows;

export async function valuesOfVisits(
  db: Database,
  tenantId: string,
  items: VisitMetricItem[],
  fys: number[],
): Promise<Map<number, number>[]> {
  const results = items.map(() => new Map<number, number>(fys.map((fy) => [fy, 0])));
  if (items.length === 0 || fys.length === 0) return results;
  const bases = [...new Set(items.map((i) => i.basis))];
  const periods = bases.flatMap((b) => fys.map((fy) => kpiPeriod(b, fy)));
  const from = periods.reduce((a, p) => (p.from < a ? p.from : a), periods[0]?.from ?? '');
  const to = periods.reduce((a, p) => (p.to > a ? p.to : a), periods[0]?.to ?? '');
  const uses = (key: keyof VisitMetric['filters'], list = items) =>
    list.some(({ metric }) => {
      const value = metric.filters[key];
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    });
  const fyOf = sql`extract(year from v.local_date::timestamp - interval '3 months')::int`;
  const cyOf = sql`extract(year from v.local_date)::int`;
  const where = sql`v.tenant_id = ${tenantId} and v.status = 'completed' and v.local_date between ${from} and ${to}`;
  const add = (i: number, year: number | null, n: number) => {
    const result = results[i];
    if (year === null || !result?.has(year)) return;
    result.set(year, (result.get(year) ?? 0) + n);
  };

  await db.transaction(async (txDb) => {
    const tx = txDb as unknown as Database;
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local enable_sort = off`);

    // 訪問件数
    const counted = items.flatMap((item, i) =>
      item.metric.count === 'visits' ? [{ ...item, i }] : [],
    );
    if (counted.length > 0) {
      const categories = [
        ...new Set(counted.flatMap(({ metric }) => metric.filters.categories ?? [])),
      ].sort();
      const needCompany = uses('companyKinds', counted) || uses('municipalityPrefix', counted);
      const keys: SQL[] = [
        bases.includes('fiscal') ? sql`${fyOf} as fy` : sql`null::int as fy`,
        bases.includes('calendar') ? sql`${cyOf} as cy` : sql`null::int as cy`,
        uses('kinds', counted) ? sql`v.kind` : sql`null::text as kind`,
        uses('companyKinds', counted)
          ? sql`c.kind as company_kind`
          : sql`null::text as company_kind`,
        uses('municipalityPrefix', counted)
          ? sql`c.municipality_code`
          : sql`null::text as municipality_code`,
      ];
      // Per chunk of 62 categories: the visit's purposes, or its issues (課題), have them.
      const purposeBits = bitColumns(
        categories.map((c) => sql`v.purpose_categories @> array[${c}]::text[]`),
      );
      const categoryMasks = purposeBits.map(
        (bits, k) => sql`(${bits} | coalesce(i.${sql.raw(`i${k}`)}, 0)) as ${sql.raw(`c${k}`)}`,
      );
      const join = sql`${
        needCompany
          ? sql`join companies c on c.tenant_id = v.tenant_id and c.id = v.company_id`
          : sql``
      } ${
        categories.length === 0
          ? sql``
          : sql`left join (
              select visit_id, ${sql.join(
                bitColumns(categories.map((c) => sql`category = ${c}`)).map(
                  (bits, k) => sql`bit_or(${bits}) as ${sql.raw(`i${k}`)}`,
                ),
                sql`, `,
              )}
              from visit_issues
              where tenant_id = ${tenantId} and category = any(${textArray(categories)})
              group by visit_id
            ) i on i.visit_id = v.id`
      }`;
      const groupBy = sql.raw(
        Array.from({ length: keys.length + categoryMasks.length }, (_, k) => k + 1).join(', '),
      );
      const groups = await rowsOf(
        tx,
        sql`select ${sql.join([...keys, ...categoryMasks], sql`, `)}, count(*) as n
          from visits v ${join} where ${where} group by ${groupBy}`,
      );
      const groupOf = (row: Row, masks: bigint[]): VisitGroup => ({
        kind: row.kind ?? '',
        companyKind: row.company_kind ?? '',
        municipalityCode: row.municipality_code,
        categories: categories.filter((_, j) => bitSet(masks, j)),
      });
      const yearOf = (row: Row, basis: CountingBasis) => {
        const year = basis === 'fiscal' ? row.fy : row.cy;
        return year === null ? null : Number(year);
      };
      for (const row of groups) {
        const g = groupOf(row, masksOf(row, 'c', categories.length));
        const n = Number(row.n);
        for (const { metric, basis, i } of counted)
          if (acceptsVisitGroup(metric, g)) add(i, yearOf(row, basis), n);
      }
    }

    // 訪問企業数, per counting basis: a company counts once per year.
    for (const basis of bases) {
      const mine = items.flatMap((item, i) =>
        item.metric.count === 'companies' && item.basis === basis ? [{ ...item, i }] : [],
      );
      if (mine.length === 0) continue;
      /** The visit-level part of a metric (kinds and categories); company filters come after. */
      const visitLevel = (m: VisitMetric) =>
        JSON.stringify([
          [...(m.filters.kinds ?? [])].sort(),
          [...(m.filters.categories ?? [])].sort(),
        ]);
      const conditions = [...new Set(mine.map(({ metric }) => visitLevel(metric)))];
      const conditionSql = conditions.map((key) => {
        const [kinds, categories] = JSON.parse(key) as [string[], string[]];
        const parts: SQL[] = [sql`true`];
        if (kinds.length > 0) parts.push(sql`v.kind = any(${textArray(kinds)})`);
        if (categories.length > 0)
          parts.push(
            sql`(v.purpose_categories && ${textArray(categories)} or v.id in (select visit_id from visit_issues where tenant_id = ${tenantId} and category = any(${textArray(categories)})))`,
          );
        return sql.join(parts, sql` and `);
      });
      const masks = bitColumns(conditionSql);
      const maskNames = masks.map((_, k) => `m${k}`);
      const rows = await rowsOf(
        tx,
        sql`select s.year as ${sql.raw(basis === 'fiscal' ? 'fy' : 'cy')}, c.kind as company_kind, c.municipality_code,
            ${sql.raw(maskNames.map((m) => `s.${m}`).join(', '))}, count(*) as n
          from (
            select ${basis === 'fiscal' ? fyOf : cyOf} as year, v.company_id,
              ${sql.join(
                masks.map((_, k) => sql.raw(`bit_or(${maskNames[k]}) as ${maskNames[k]}`)),
                sql`, `,
              )}
            from (select v.local_date, v.company_id, ${sql.join(
              masks.map((m, k) => sql`${m} as ${sql.raw(maskNames[k] ?? '')}`),
              sql`, `,
            )} from visits v where ${where}) v
            group by 1, 2
          ) s
          join companies c on c.tenant_id = ${tenantId} and c.id = s.company_id
          group by ${sql.raw(Array.from({ length: 3 + masks.length }, (_, k) => k + 1).join(', '))}`,
      );
      for (const row of rows) {
        const bits = masksOf(row, 'm', conditions.length);
        const year = basis === 'fiscal' ? row.fy : row.cy;
        const n = Number(row.n);
        for (const { metric, i } of mine) {
          if (!bitSet(bits, conditions.indexOf(visitLevel(metric)))) continue;
          const company = {
            companyKind: row.company_kind ?? '',
            municipalityCode: row.municipality_code,
          };
          if (!acceptsVisitCompany(metric, company)) continue;
          add(i, year === null ? null : Number(year), n);
        }
      }
    }
  });
  return results;
}
