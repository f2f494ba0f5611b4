import {
  companies,
  companyFlags,
  followUps,
  supporters,
  type TenantTx,
  visitIssues,
  visits,
} from '@banso/db';
import {
  CARAVAN_TARGET_COMPANY_KINDS,
  COUNTED_VISIT_KINDS,
  type CompanyId,
  type TenantId,
} from '@banso/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { REASON_POINTS } from '../visits/visit-planner';

/** Companies the caravan visits: the support targets (SMEs and startups). */
export const PLANNED_COMPANY_KINDS = CARAVAN_TARGET_COMPANY_KINDS;

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

/** The planner's options as the SQL scoring needs them (see visit-planner.ts). */
export interface RankOptions {
  /** 'YYYY-MM-DD': the day the reasons are judged at (today, or a future period's start). */
  asOf: string;
  staleAfterMonths: number;
  newWithinDays: number;
  successionAge: number;
  /** How many of the best to return. */
  limit: number;
}

const kinds = (list: readonly string[]) =>
  sql.join(
    list.map((k) => sql`${k}`),
    sql`, `,
  );
const int = (n: number) => sql`${Math.trunc(n)}::int`;

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

const toRow = (r: FactsTuple): FactsRow => ({
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
});

/** One JSON array in one text value: PGlite hands rows from WASM to JS one value at a time. */
const parseTuples = (result: unknown, column: string): FactsTuple[] => {
  const text = rowsOf(result)[0]?.[column];
  return JSON.parse(typeof text === 'string' ? text : '[]') as FactsTuple[];
};

/**
 * Per active support-target company: the last completed contact, the open follow-ups due before
 * `today` and the planner flag — leaving out companies that already have a draft (planned) visit
 * on or after `plannedFrom`. Columns: f.id, kana_sort, municipality_code, postal_code,
 * birth_year, successor_status, created_at, last_contact, overdue, flagged, flag_note,
 * flag_supporter_id, flag_label.
 */
const factsQuery = (tenantId: TenantId, today: string, plannedFrom: string) => sql`
  select c.id, c.kana_sort, c.municipality_code, c.postal_code,
         c.representative_birth_year as birth_year, c.successor_status, c.created_at,
         lv.last_contact, coalesce(fo.overdue, 0)::int as overdue,
         f.company_id is not null as flagged, f.note as flag_note,
         f.supporter_id as flag_supporter_id, f.created_by_label as flag_label
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
  where c.tenant_id = ${tenantId} and c.archived_at is null and c.status = 'active'
    and c.kind in (${kinds(PLANNED_COMPANY_KINDS)})
    and not exists (
      select 1 from ${visits} p
      where p.tenant_id = c.tenant_id and p.company_id = c.id
        and p.status = 'draft' and p.local_date >= ${plannedFrom}
    )`;

/** A facts row (alias `x`) as the JSON tuple FactsRow reads; the flag's supporter joined as `s`. */
const tupleOf = sql`json_build_array(
  x.id, x.kana_sort, x.municipality_code, x.postal_code, x.birth_year, x.successor_status,
  ((x.created_at at time zone 'UTC') + interval '9 hours')::date::text,
  x.last_contact::text, x.overdue, x.flagged, x.flag_note, coalesce(s.name, x.flag_label))`;

const ymdParts = (ymd: string) => ({
  y: Number(ymd.slice(0, 4)),
  m: Number(ymd.slice(5, 7)),
  d: Number(ymd.slice(8, 10)),
});
/** The instant a Tokyo day starts, `days` days after `ymd` (Japan keeps +09:00 all year). */
const tokyoMidnight = (ymd: string, days: number) => {
  const { y, m, d } = ymdParts(ymd);
  return new Date(Date.UTC(y, m - 1, d + days) - 9 * 3_600_000).toISOString();
};

/**
 * The points of visit-planner.ts `reasonsFor`, summed in SQL over a facts row `x` (the same
 * REASON_POINTS, the same rules): the integration suite checks it against the pure module.
 */
function scoreOf(o: RankOptions) {
  const P = REASON_POINTS;
  const asOf = ymdParts(o.asOf);
  // Whole months from the last contact to asOf, as monthsBetween counts them.
  const months = sql`(${int(asOf.y * 12 + asOf.m)}
    - (extract(year from x.last_contact)::int * 12 + extract(month from x.last_contact)::int)
    - (case when ${int(asOf.d)} < extract(day from x.last_contact)::int then 1 else 0 end))`;
  return sql`(
    (case when x.flagged then ${int(P.flagged)} else 0 end)
    + (case when x.overdue > 0 then least(${int(P.overdue_max)},
         ${int(P.overdue_follow_ups)} + ${int(P.overdue_each_more)} * (x.overdue - 1)) else 0 end)
    + (case when x.last_contact is null then ${int(P.never_visited)}
            when ${months} >= ${int(o.staleAfterMonths)} then least(${int(P.stale_max)},
              ${int(P.stale_contact)} + ${int(P.stale_each_month)} * (${months} - ${int(o.staleAfterMonths)}))
            else 0 end)
    + (case when x.birth_year is not null and ${int(asOf.y)} - x.birth_year >= ${int(o.successionAge)}
            then ${int(P.succession_age)} else 0 end)
    + (case x.successor_status when 'none' then ${int(P.succession_no_successor)}
            when 'unknown' then ${int(P.succession_unknown)} else 0 end)
    + (case when x.created_at >= ${tokyoMidnight(o.asOf, -o.newWithinDays)}::timestamptz
             and x.created_at < ${tokyoMidnight(o.asOf, 1)}::timestamptz
            then ${int(P.newly_registered)} else 0 end))`;
}

/** The planner's and the caravan dashboard's figures of the transaction's organisation. */
export function createPlannerRepository({ db, tenantId }: TenantTx) {
  return {
    /**
     * The facts of every company the planner considers (the reference the ranked query is tested
     * against; at full size use `ranked`).
     */
    async facts(today: string, plannedFrom: string): Promise<FactsRow[]> {
      const result = await db.execute(sql`
        select coalesce(json_agg(${tupleOf})::text, '[]') as facts
        from (${factsQuery(tenantId, today, plannedFrom)}) x
        left join ${supporters} s on s.tenant_id = ${tenantId} and s.id = x.flag_supporter_id`);
      return parseTuples(result, 'facts').map(toRow);
    },

    /**
     * The planner's points summed in SQL (scoreOf) so that only the best `limit` companies leave
     * the database, in the planner's order, with the number of companies that have any reason.
     */
    async ranked(
      today: string,
      plannedFrom: string,
      options: RankOptions,
    ): Promise<{ candidates: number; rows: (FactsRow & { score: number })[] }> {
      const result = await db.execute(sql`
        with scored as materialized (
          select x.*, ${scoreOf(options)} as score
          from (${factsQuery(tenantId, today, plannedFrom)}) x
        ), top as (
          select * from scored where score > 0
          order by score desc, last_contact asc nulls first, kana_sort collate "C", id
          limit ${int(options.limit)}
        )
        select (select count(*)::int from scored where score > 0) as candidates,
          (select coalesce(json_agg(json_build_array(${tupleOf}, x.score)
                    order by x.score desc, x.last_contact asc nulls first,
                             x.kana_sort collate "C", x.id)::text, '[]')
           from top x
           left join ${supporters} s on s.tenant_id = ${tenantId} and s.id = x.flag_supporter_id
          ) as top`);
      const rows = parseTuples(result, 'top') as unknown as [FactsTuple, number][];
      return {
        candidates: Number(rowsOf(result)[0]?.candidates ?? 0),
        rows: rows.map(([tuple, score]) => ({ ...toRow(tuple), score: Number(score) })),
      };
    },

    /** Names and addresses of the few companies shown (the facts query leaves them out). */
    async names(ids: CompanyId[]) {
      if (ids.length === 0) return new Map<string, { name: string; address: string | null }>();
      const rows = await db
        .select({ id: companies.id, name: companies.name, address: companies.address })
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids)));
      return new Map(rows.map((r) => [r.id, { name: r.name, address: r.address }]));
    },

    /** Completed visits (counted kinds) between two days, and drafts planned between two days. */
    async counts(
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

    /**
     * The dashboard's figures. Visits are completed visits of the counted kinds (as for the
     * annual target: a phone call is a contact, not a visit); companies are the support targets
     * (active, not archived SMEs and startups, as in the planner).
     */
    async dashboard(fy: { from: string; to: string }, today: string) {
      const counted = sql`v.status = 'completed' and v.kind in (${kinds(COUNTED_VISIT_KINDS)})`;
      const target = sql`c.tenant_id = ${tenantId} and c.archived_at is null and c.status = 'active'
        and c.kind in (${kinds(PLANNED_COMPANY_KINDS)})`;
      const [byMonth, totals, categories] = await Promise.all([
        db.execute(sql`
          select substr(local_date::text, 1, 7) as month, count(*)::int as visits
          from ${visits} v
          where v.tenant_id = ${tenantId} and ${counted}
            and v.local_date between ${fy.from} and ${fy.to}
          group by 1 order by 1`),
        db.execute(sql`
          select
            (select count(*)::int from ${companies} c
              where ${target} and exists (
                select 1 from ${visits} v
                where v.tenant_id = c.tenant_id and v.company_id = c.id and ${counted}
                  and v.local_date between ${fy.from} and ${fy.to})) as distinct_companies,
            (select count(*)::int from ${companies} c where ${target}) as registered,
            (select avg(${today}::date - fv.first_visit)::float8 from (
               select v.company_id, min(v.local_date) as first_visit from ${visits} v
               where v.tenant_id = ${tenantId} and ${counted} and v.local_date <= ${today}
               group by v.company_id) fv
             join ${companies} c on c.tenant_id = ${tenantId} and c.id = fv.company_id
             where ${target}) as avg_days,
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
          where i.tenant_id = ${tenantId} and ${counted}
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
