import type {
  CountingBasis,
  Kpi,
  KpiDirection,
  KpiUnit,
  Program,
  ProgramAchievement,
  ProgramDetail,
} from '@banso/shared';
import type { ProgramRow } from './programs.repository';
import type { EvaluatedKpi } from './programs.service';

/** Row → response DTO: the tenant never leaves the server. */
export function presentProgram(row: ProgramRow): Program {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    scheme: row.scheme,
    fromFy: row.fromFy,
    toFy: row.toFy,
    description: row.description,
    background: row.background,
    years: [...row.years].sort((a, b) => a.fy - b.fy),
    summary: row.summary,
    sortOrder: row.sortOrder,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function presentKpi(kpi: EvaluatedKpi): Kpi {
  const { row } = kpi;
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    unit: row.unit as KpiUnit,
    unitLabel: row.unitLabel,
    basis: row.basis as CountingBasis,
    direction: row.direction as KpiDirection,
    baseline: row.baseline,
    notes: row.notes,
    metric: kpi.metric,
    sortOrder: row.sortOrder,
    years: kpi.years,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function presentProgramDetail(detail: {
  program: ProgramRow;
  kpis: EvaluatedKpi[];
  achievement: ProgramAchievement[];
}): ProgramDetail {
  return {
    ...presentProgram(detail.program),
    kpis: detail.kpis.map(presentKpi),
    achievement: detail.achievement,
  };
}
