import type { Database, TenantTx } from '@banso/db';
import {
  type AchievementSummary,
  type ContractIssue,
  type CountingBasis,
  fieldErrorMessage,
  type KpiCreate,
  type KpiDirection,
  KpiId,
  type KpiPreview,
  type KpiPreviewRequest,
  type KpiRecords,
  type KpiUpdate,
  type KpiYearResult,
  type Locale,
  type MetricDefinition,
  type ProgramAchievement,
  type ProgramCreate,
  ProgramId,
  type ProgramListQuery,
  type ProgramUpdate,
  programIssues,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { type AuditRow, createAuditRepository, insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { isUniqueViolation } from '../companies/unique-violation';
import { evaluateKpiYear, programAchievement, readStoredMetric, round1 } from './kpi-evaluation';
import { createKpiMetricsRepository } from './kpi-metrics.repository';
import { type KpiPeriod, kpiPeriod } from './kpi-period';
import { presentKpiRecord } from './programs.presenter';
import {
  createProgramsRepository,
  type KpiRow,
  type NewKpiRow,
  type ProgramRow,
} from './programs.repository';

/** A KPI with its years evaluated (plan, effective actual, source, achievement). */
export interface EvaluatedKpi {
  row: KpiRow;
  metric: MetricDefinition | null;
  /**
   * A metric definition is stored but cannot be read (e.g. written by another version): the
   * KPI has no computed actuals, and the response says so instead of showing it as manual.
   */
  metricUnreadable: boolean;
  years: KpiYearResult[];
}

export interface EvaluatedProgram {
  program: ProgramRow;
  kpis: EvaluatedKpi[];
}

const MAX_DRILL_DOWN = 1000;

const invalid = (issues: { field: string; code: ContractIssue['code'] }[]) =>
  new AppError('validation_failed', {
    log: issues.map((i) => `${i.field}: ${i.code}`).join('; '),
    fields: issues.map((i) => ({ ...i, message: fieldErrorMessage(i.code) })),
  });

/** KPI years must lie in the program's period. */
function kpiYearIssues(
  years: { fy: number }[],
  program: { fromFy: number; toFy: number },
  prefix = 'years',
) {
  return years.flatMap((y, i) =>
    y.fy < program.fromFy || y.fy > program.toFy
      ? [{ field: `${prefix}.${i}.fy`, code: 'fiscal_year_outside_period' as const }]
      : [],
  );
}

export function createProgramsService(deps: { db: Database; now: () => Date }) {
  async function load(tx: TenantTx, id: ProgramId): Promise<ProgramRow> {
    const row = await createProgramsRepository(tx).find(id);
    if (!row) throw notFound('program');
    return row;
  }

  async function loadKpi(tx: TenantTx, id: KpiId): Promise<KpiRow> {
    const row = await createProgramsRepository(tx).findKpi(id);
    if (!row) throw notFound('kpi');
    return row;
  }

  /** The fiscal years a KPI is reported for: its own, and with a metric the program's period. */
  const yearsOf = (program: ProgramRow, row: KpiRow, metric: MetricDefinition | null) => {
    const fys = new Set(row.years.map((y) => y.fy));
    if (metric) for (let fy = program.fromFy; fy <= program.toFy; fy++) fys.add(fy);
    return [...fys].sort((x, y) => x - y);
  };

  /**
   * Plans, actuals (manual over computed) and achievement of the KPIs of several programs. The
   * computed actuals of all of them come from one grouped scan per entity (not one per KPI).
   */
  async function evaluateAll(
    tx: TenantTx,
    entries: { program: ProgramRow; rows: KpiRow[] }[],
  ): Promise<EvaluatedProgram[]> {
    const computed = new Map<string, Map<number, number>>();
    const items = entries.flatMap(({ program, rows }) =>
      rows.flatMap((row) => {
        const { metric } = readStoredMetric(row.metric);
        return metric ? [{ program, row, metric, basis: row.basis as CountingBasis }] : [];
      }),
    );
    if (items.length > 0) {
      const fys = [...new Set(items.flatMap((i) => yearsOf(i.program, i.row, i.metric)))].sort(
        (x, y) => x - y,
      );
      const values = await createKpiMetricsRepository(tx).valuesMany(
        items.map(({ metric, basis }) => ({ metric, basis })),
        fys,
      );
      for (const [i, item] of items.entries()) computed.set(item.row.id, values[i] ?? new Map());
    }
    return entries.map(({ program, rows }) => ({
      program,
      kpis: rows.map((row) => {
        const { metric, unreadable } = readStoredMetric(row.metric);
        const values = computed.get(row.id);
        return {
          row,
          metric,
          metricUnreadable: unreadable,
          years: yearsOf(program, row, metric).map((fy) =>
            evaluateKpiYear(
              row.direction as KpiDirection,
              row.years.find((y) => y.fy === fy) ?? { fy, plan: null, actual: null },
              metric ? (values?.get(fy) ?? 0) : null,
            ),
          ),
        };
      }),
    }));
  }

  async function evaluate(tx: TenantTx, programs: ProgramRow[]): Promise<EvaluatedProgram[]> {
    const kpiRows = await createProgramsRepository(tx).listKpis(programs.map((p) => p.id));
    return evaluateAll(
      tx,
      programs.map((program) => ({
        program,
        rows: kpiRows.filter((k) => k.programId === program.id),
      })),
    );
  }

  const achievementsOf = (e: EvaluatedProgram): ProgramAchievement[] => {
    const list: ProgramAchievement[] = [];
    for (let fy = e.program.fromFy; fy <= e.program.toFy; fy++)
      list.push(programAchievement(e.program, fy, e.kpis));
    return list;
  };

  async function changeArchive(actor: Actor, id: ProgramId, version: number, archive: boolean) {
    authorize(actor, 'programs:write');
    return asActor(deps.db, actor, async (tx) => {
      const before = await load(tx, id);
      if (before.version !== version) throw new AppError('stale_version');
      const now = deps.now();
      const after = await createProgramsRepository(tx).update(id, version, {
        archivedAt: archive ? now : null,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      if (!after) throw new AppError('stale_version');
      await insertAudit(tx, actor, [
        {
          action: archive ? 'archive' : 'restore',
          entity: 'program',
          entityId: id,
          changes: diffRecords(before, after),
        },
      ]);
      return after;
    });
  }

  const codeTaken = () =>
    new AppError('already_exists', {
      log: 'program code taken',
      fields: [{ field: 'code', code: 'code_taken', message: fieldErrorMessage('code_taken') }],
    });

  return {
    async list(actor: Actor, query: Partial<ProgramListQuery> = {}): Promise<ProgramRow[]> {
      authorize(actor, 'programs:read');
      const filter = {
        ...(query.fy !== undefined ? { fy: query.fy } : {}),
        ...(query.includeArchived ? { includeArchived: true } : {}),
      };
      return asActor(deps.db, actor, (tx) => createProgramsRepository(tx).list(filter));
    },

    async get(actor: Actor, id: ProgramId): Promise<ProgramRow> {
      authorize(actor, 'programs:read');
      return asActor(deps.db, actor, (tx) => load(tx, id));
    },

    /** A program with its KPIs evaluated and its achievement per year. */
    async detail(actor: Actor, id: ProgramId) {
      authorize(actor, 'programs:read');
      const [evaluated] = await asActor(deps.db, actor, async (tx) =>
        evaluate(tx, [await load(tx, id)]),
      );
      if (!evaluated) throw notFound('program');
      return { ...evaluated, achievement: achievementsOf(evaluated) };
    },

    /** The audit history of a program or of a KPI, newest first (after checking it exists). */
    async history(
      actor: Actor,
      of: { entity: 'program'; id: ProgramId } | { entity: 'kpi'; id: KpiId },
    ): Promise<AuditRow[]> {
      authorize(actor, 'programs:read');
      return asActor(deps.db, actor, async (tx) => {
        if (of.entity === 'program') await load(tx, of.id);
        else await loadKpi(tx, of.id);
        return createAuditRepository(tx).list({ entity: of.entity, entityId: of.id, limit: 500 });
      });
    },

    /**
     * Programs by id or code (in the order given), or every program active in the fiscal year;
     * evaluated for reports.
     */
    async evaluateForReport(
      actor: Actor,
      fy: number,
      refs?: string[],
    ): Promise<EvaluatedProgram[]> {
      authorize(actor, 'programs:read');
      return asActor(deps.db, actor, async (tx) => {
        const repo = createProgramsRepository(tx);
        let rows: ProgramRow[];
        if (refs && refs.length > 0) {
          const all = await repo.list({ includeArchived: true });
          rows = refs.map((ref) => {
            const row = all.find((p) => p.id === ref || p.code === ref);
            if (!row)
              throw new AppError('not_found', {
                log: `program ${ref} not found`,
                userMessage: {
                  ja: `事業「${ref}」が見つかりません。`,
                  en: `No program "${ref}".`,
                },
              });
            return row;
          });
        } else {
          rows = await repo.list({ fy });
        }
        return evaluate(tx, rows);
      });
    },

    async achievementSummary(actor: Actor, fy: number): Promise<AchievementSummary> {
      authorize(actor, 'programs:read');
      const evaluated = await asActor(deps.db, actor, async (tx) =>
        evaluate(tx, await createProgramsRepository(tx).list({ fy })),
      );
      const programs = evaluated.map((e) => programAchievement(e.program, fy, e.kpis));
      const total = programs.reduce((n, p) => n + p.evaluated, 0);
      const achieved = programs.reduce((n, p) => n + p.achieved, 0);
      return {
        fy,
        programs,
        evaluated: total,
        achieved,
        share: total === 0 ? null : round1((achieved / total) * 100),
      };
    },

    async create(actor: Actor, input: ProgramCreate): Promise<ProgramRow> {
      authorize(actor, 'programs:write');
      try {
        return await asActor(deps.db, actor, async (tx) => {
          const programs = createProgramsRepository(tx);
          if (input.code && (await programs.findByCode(input.code))) throw codeTaken();
          const now = deps.now();
          const row = await programs.insert({
            ...input,
            id: newId(ProgramId),
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
          await insertAudit(tx, actor, [
            {
              action: 'create',
              entity: 'program',
              entityId: row.id,
              changes: diffRecords(null, row),
            },
          ]);
          return row;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken();
        throw error;
      }
    },

    async update(actor: Actor, id: ProgramId, input: ProgramUpdate): Promise<ProgramRow> {
      authorize(actor, 'programs:write');
      const { version, ...changes } = input;
      try {
        return await asActor(deps.db, actor, async (tx) => {
          const programs = createProgramsRepository(tx);
          const before = await load(tx, id);
          if (before.version !== version) throw new AppError('stale_version');
          const merged = { ...before, ...changes };
          const issues = programIssues(merged).map((i) => ({
            field: i.path.join('.'),
            code: i.code,
          }));
          // A narrower period must still hold every KPI year.
          if (changes.fromFy !== undefined || changes.toFy !== undefined) {
            const kpis = await programs.listKpis([id]);
            const outside = kpis.some((k) => kpiYearIssues(k.years, merged).length > 0);
            if (outside)
              issues.push({
                field: changes.fromFy !== undefined ? 'fromFy' : 'toFy',
                code: 'fiscal_year_outside_period',
              });
          }
          if (issues.length > 0) throw invalid(issues);
          if (
            changes.code &&
            changes.code !== before.code &&
            (await programs.findByCode(changes.code))
          )
            throw codeTaken();
          const now = deps.now();
          const after = await programs.update(id, version, {
            ...changes,
            updatedAt: now,
            updatedBy: actor.userId,
          });
          if (!after) throw new AppError('stale_version');
          await insertAudit(tx, actor, [
            {
              action: 'update',
              entity: 'program',
              entityId: id,
              changes: diffRecords(before, after),
            },
          ]);
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken();
        throw error;
      }
    },

    archive: (actor: Actor, id: ProgramId, version: number) =>
      changeArchive(actor, id, version, true),
    restore: (actor: Actor, id: ProgramId, version: number) =>
      changeArchive(actor, id, version, false),

    async evaluateKpi(actor: Actor, kpi: KpiRow): Promise<EvaluatedKpi> {
      authorize(actor, 'programs:read');
      const evaluated = await asActor(deps.db, actor, async (tx) => {
        const program = await load(tx, kpi.programId);
        return (await evaluateAll(tx, [{ program, rows: [kpi] }]))[0]?.kpis[0];
      });
      if (!evaluated) throw notFound('kpi');
      return evaluated;
    },

    async getKpi(actor: Actor, id: KpiId): Promise<KpiRow> {
      authorize(actor, 'programs:read');
      return asActor(deps.db, actor, (tx) => loadKpi(tx, id));
    },

    async createKpi(actor: Actor, programId: ProgramId, input: KpiCreate): Promise<KpiRow> {
      authorize(actor, 'programs:write');
      return asActor(deps.db, actor, async (tx) => {
        const program = await load(tx, programId);
        const issues = kpiYearIssues(input.years, program);
        if (issues.length > 0) throw invalid(issues);
        const now = deps.now();
        const row = await createProgramsRepository(tx).insertKpi({
          ...(input as Omit<NewKpiRow, 'tenantId' | 'id' | 'programId'>),
          id: newId(KpiId),
          programId,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await insertAudit(tx, actor, [
          { action: 'create', entity: 'kpi', entityId: row.id, changes: diffRecords(null, row) },
        ]);
        return row;
      });
    },

    async updateKpi(actor: Actor, id: KpiId, input: KpiUpdate): Promise<KpiRow> {
      authorize(actor, 'programs:write');
      const { version, ...changes } = input;
      return asActor(deps.db, actor, async (tx) => {
        const before = await loadKpi(tx, id);
        if (before.version !== version) throw new AppError('stale_version');
        if (changes.years) {
          const program = await load(tx, before.programId);
          const issues = kpiYearIssues(changes.years, program);
          if (issues.length > 0) throw invalid(issues);
        }
        const now = deps.now();
        const after = await createProgramsRepository(tx).updateKpi(id, version, {
          ...(changes as Partial<Omit<NewKpiRow, 'tenantId'>>),
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('stale_version');
        await insertAudit(tx, actor, [
          { action: 'update', entity: 'kpi', entityId: id, changes: diffRecords(before, after) },
        ]);
        return after;
      });
    },

    async deleteKpi(actor: Actor, id: KpiId, version: number): Promise<void> {
      authorize(actor, 'programs:write');
      await asActor(deps.db, actor, async (tx) => {
        const before = await loadKpi(tx, id);
        if (before.version !== version) throw new AppError('stale_version');
        const removed = await createProgramsRepository(tx).deleteKpi(id, version);
        if (!removed) throw new AppError('stale_version');
        await insertAudit(tx, actor, [
          { action: 'delete', entity: 'kpi', entityId: id, changes: diffRecords(before, null) },
        ]);
      });
    },

    /** A metric definition's value for each year of the program, before a KPI holds it. */
    async previewMetric(
      actor: Actor,
      programId: ProgramId,
      input: KpiPreviewRequest,
    ): Promise<KpiPreview> {
      authorize(actor, 'programs:read');
      const { periods, values } = await asActor(deps.db, actor, async (tx) => {
        const program = await load(tx, programId);
        const periods: KpiPeriod[] = [];
        for (let fy = program.fromFy; fy <= program.toFy; fy++)
          periods.push(kpiPeriod(input.basis, fy));
        const values = await createKpiMetricsRepository(tx).values(input.metric, periods);
        return { periods, values };
      });
      return {
        programId,
        basis: input.basis,
        metric: input.metric,
        years: periods.map((p) => ({
          fy: p.fy,
          from: p.from,
          to: p.to,
          value: values.get(p.fy) ?? 0,
        })),
      };
    },

    /** The records behind a computed actual (drill-down). */
    async kpiRecords(
      actor: Actor,
      id: KpiId,
      fy: number,
      locale: Locale = 'ja',
    ): Promise<KpiRecords> {
      authorize(actor, 'programs:read');
      return asActor(deps.db, actor, async (tx) => {
        const kpi = await loadKpi(tx, id);
        const { metric, unreadable } = readStoredMetric(kpi.metric);
        if (!metric)
          throw new AppError('not_found', {
            log: unreadable ? `kpi ${id}: the stored metric cannot be read` : 'kpi has no metric',
            userMessage: unreadable
              ? fieldErrorMessage('metric_unreadable')
              : {
                  ja: 'このKPIの実績は自動集計ではありません。',
                  en: 'This KPI is not computed from records.',
                },
          });
        const period = kpiPeriod(kpi.basis as CountingBasis, fy);
        const metrics = createKpiMetricsRepository(tx);
        const [values, records] = await Promise.all([
          metrics.values(metric, [period]),
          metrics.records(metric, period, MAX_DRILL_DOWN),
        ]);
        return {
          kpiId: id,
          fy,
          basis: period.basis,
          period: { from: period.from, to: period.to },
          metric,
          value: values.get(fy) ?? 0,
          total: records.total,
          items: records.items.map((r) => presentKpiRecord(r, locale)),
        };
      });
    },

    achievementsOf,
  };
}
export type ProgramsService = ReturnType<typeof createProgramsService>;
