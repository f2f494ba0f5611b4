import {
  companies,
  companyFlags,
  type Database,
  followUps,
  supporters,
  visitIssues,
  visits,
} from '@banso/db';
import { COUNTED_VISIT_KINDS } from '@banso/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';

/** Companies the caravan visits (SMEs and startups; not banks, universities, large firms). */
export const PLANNED_COMPANY_KINDS = ['sme', 'startup'] as const;

export interface FactsRow {
  id: string;
  kanaSort: string;
  municipalityCode: string | null;
  postalCode: string | null;
  representativeBirthYear: number | null;
  successorStatus: string;
  /** The Asia/Tokyo day of registration (Japan keeps +09:00 all year, so UTC + 9 h). */
  registeredOn: string;
  lastContactOn: string | null;
  overdueFollowUps: number;
  flagNote: string | null;
  flagBy: string | null;
}

const kinds = (list: readonly string[]) =>
  sql.join(
    list.map((k) => sql`${k}`),
    sql`, `,
  );

type Row = Record<string, unknown>;
type FactsTuple = [
  string,
  string,
  string | null,
  string | null,
  number | null,
  string,
  string,
  string | null,
  number,
  boolean,
  string | null,
  string | null,
];
const rowsOf = (result: unknown): Row[] =>
  Array.isArray(result) ? (result as Row[]) : ((result as { rows: Row[] }).rows ?? []);

export function createPlannerRepository(db: Database) {
  return {
    /**
     * One aggregate query: per active company of the planned kinds, the last completed contact,
     * open follow-ups due before `today`, and the planner flag — leaving out companies that
     * already have a draft (planned) visit on or after `plannedFrom`.
     */
    async facts(tenantId: string, today: string, plannedFrom: string): Promise<FactsRow[]> {
      // One row holding one JSON array: PGlite hands rows from WASM to JS one value at a time
      // (40,000 rows × 12 columns took seconds); a single text value parses in milliseconds.
      const result = await db.execute(sql`
        select coalesce(json_agg(json_build_array(
                 c.id, c.kana_sort, c.municipality_code, c.postal_code,
                 c.representative_birth_year, c.successor_status,
                 ((c.created_at at time zone 'UTC') + interval '9 hours')::date::text,
                 lv.last_contact::text, coalesce(fo.overdue, 0),
                 f.company_id is not null, f.note, coalesce(s.name, f.created_by_label)
               ))::text, '[]') as facts
        from ${companies} c
        left join (
          select company_id, max(local_date) as last_contact from ${visits}
          where tenant_id = ${tenantId} and status = 'completed'
          group by company_id
        ) lv on lv.company_id = c.id
        left join (
          select company_id, count(*) as overdue from ${followUps}
          where tenant_id = ${tenantId} and status = 'open' and due_on < ${today}
          group by company_id
        ) fo on fo.company_id = c.id
        left join ${companyFlags} f on f.tenant_id = c.tenant_id and f.company_id = c.id
        left join ${supporters} s on s.tenant_id = f.tenant_id and s.id = f.supporter_id
        where c.tenant_id = ${tenantId} and c.archived_at is null and c.status = 'active'
          and c.kind in (${kinds(PLANNED_COMPANY_KINDS)})
          and not exists (
            select 1 from ${visits} p
            where p.tenant_id = c.tenant_id and p.company_id = c.id
              and p.status = 'draft' and p.local_date >= ${plannedFrom}
          )`);
      const text = rowsOf(result)[0]?.facts;
      const rows = JSON.parse(typeof text === 'string' ? text : '[]') as FactsTuple[];
      return rows.map((r) => ({
        id: r[0],
        kanaSort: r[1],
        municipalityCode: r[2],
        postalCode: r[3],
        representativeBirthYear: r[4],
        successorStatus: r[5],
        registeredOn: r[6],
        lastContactOn: r[7],
        overdueFollowUps: Number(r[8]),
        flagNote: r[9] ? r[10] : null,
        flagBy: r[9] ? (r[11] ?? '') : null,
      }));
    },

    /** Names and addresses of the few companies shown (the facts query leaves them out). */
    async names(tenantId: string, ids: string[]) {
      if (ids.length === 0) return new Map<string, { name: string; address: string | null }>();
      const rows = await db
        .select({ id: companies.id, name: companies.name, address: companies.address })
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids)));
      return new Map(rows.map((r) => [r.id, { name: r.name, address: r.address }]));
    },

    /** Completed visits (counted kinds) between two days, and drafts planned between two days. */
    async counts(
      tenantId: string,
      done: { from: string; to: string },
      planned: { from: string; to: string },
    ): Promise<{ done: number; planned: number }> {
      const result = await db.execute(sql`
        select
          count(*) filter (where status = 'completed' and kind in (${kinds(COUNTED_VISIT_KINDS)})
                             and local_date between ${done.from} and ${done.to})::int as done,
          count(*) filter (where status = 'draft' and local_date between ${planned.from} and ${planned.to})::int as planned
        from ${visits} where tenant_id = ${tenantId}`);
      const [r] = rowsOf(result);
      return { done: Number(r?.done ?? 0), planned: Number(r?.planned ?? 0) };
    },

    async dashboard(tenantId: string, fy: { from: string; to: string }, today: string) {
      const [byMonth, totals, categories] = await Promise.all([
        db.execute(sql`
          select substr(local_date::text, 1, 7) as month, count(*)::int as visits
          from ${visits}
          where tenant_id = ${tenantId} and status = 'completed'
            and kind in (${kinds(COUNTED_VISIT_KINDS)})
            and local_date between ${fy.from} and ${fy.to}
          group by 1 order by 1`),
        db.execute(sql`
          select
            (select count(distinct company_id)::int from ${visits}
              where tenant_id = ${tenantId} and status = 'completed'
                and local_date between ${fy.from} and ${fy.to}) as distinct_companies,
            (select count(*)::int from ${companies}
              where tenant_id = ${tenantId} and archived_at is null and status = 'active') as registered,
            (select avg(${today}::date - first_visit)::float8 from (
               select min(local_date) as first_visit from ${visits}
               where tenant_id = ${tenantId} and status = 'completed' and local_date <= ${today}
               group by company_id) fv) as avg_days,
            (select count(*)::int from ${followUps}
              where tenant_id = ${tenantId} and status = 'open') as open_follow_ups,
            (select count(*)::int from ${followUps}
              where tenant_id = ${tenantId} and status = 'open' and due_on < ${today}) as overdue`),
        db.execute(sql`
          select i.category,
                 count(distinct i.visit_id)::int as visits,
                 count(*) filter (where i.raised_by = 'owner')::int as owner,
                 count(*) filter (where i.raised_by = 'supporter')::int as supporter
          from ${visitIssues} i
          join ${visits} v on v.tenant_id = i.tenant_id and v.id = i.visit_id
          where i.tenant_id = ${tenantId} and v.status = 'completed'
            and v.local_date between ${fy.from} and ${fy.to}
          group by i.category order by 2 desc, 1`),
      ]);
      const t = rowsOf(totals)[0] ?? {};
      return {
        byMonth: rowsOf(byMonth).map((r) => ({
          month: r.month as string,
          visits: Number(r.visits),
        })),
        distinctCompanies: Number(t.distinct_companies ?? 0),
        registeredCompanies: Number(t.registered ?? 0),
        averageRelationshipDays:
          t.avg_days === null || t.avg_days === undefined ? null : Number(t.avg_days),
        followUpsOpen: Number(t.open_follow_ups ?? 0),
        followUpsOverdue: Number(t.overdue ?? 0),
        categories: rowsOf(categories).map((r) => ({
          category: r.category as string,
          visits: Number(r.visits),
          raisedByOwner: Number(r.owner),
          raisedBySupporter: Number(r.supporter),
        })),
      };
    },
  };
}
