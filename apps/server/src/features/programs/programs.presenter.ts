import {
  type CountingBasis,
  fieldErrorMessage,
  type Kpi,
  type KpiDirection,
  type KpiRecord,
  type KpiUnit,
  type Locale,
  type Program,
  type ProgramAchievement,
  type ProgramDetail,
  VISIT_KIND,
} from '@banso/shared';
import type { KpiRecordRow } from './kpi-record-row';
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

/** A KPI; one whose stored metric cannot be read says so (in the request's language). */
export function presentKpi(kpi: EvaluatedKpi, locale: Locale = 'ja'): Kpi {
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
    ...(kpi.metricUnreadable
      ? {
          metricProblem: {
            field: 'metric',
            code: 'metric_unreadable' as const,
            message: fieldErrorMessage('metric_unreadable')[locale],
          },
        }
      : {}),
    sortOrder: row.sortOrder,
    years: kpi.years,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function presentProgramDetail(
  detail: {
    program: ProgramRow;
    kpis: EvaluatedKpi[];
    achievement: ProgramAchievement[];
  },
  locale: Locale = 'ja',
): ProgramDetail {
  return {
    ...presentProgram(detail.program),
    kpis: detail.kpis.map((kpi) => presentKpi(kpi, locale)),
    achievement: detail.achievement,
  };
}

const slashDay = (ymd: string) => ymd.replaceAll('-', '/');

/** A drill-down record in the request's language: the repositories give codes, never labels. */
export function presentKpiRecord(row: KpiRecordRow, locale: Locale): KpiRecord {
  const ja = locale === 'ja';
  let label: string;
  switch (row.entity) {
    case 'company':
      label =
        row.visits === undefined
          ? row.name
          : ja
            ? `${row.name}（訪問${row.visits}件）`
            : `${row.name} (${row.visits} ${row.visits === 1 ? 'visit' : 'visits'})`;
      break;
    case 'visit': {
      const kind = VISIT_KIND.labelOf(row.kind, locale);
      label = ja
        ? `${row.company}　${kind}　${slashDay(row.day)}`
        : `${row.company} — ${kind}, ${row.day}`;
      break;
    }
    case 'follow_up':
    case 'match':
      label = ja ? `${row.company}：${row.title}` : `${row.company}: ${row.title}`;
      break;
  }
  return { entity: row.entity, id: row.id, label, at: row.at, value: row.value };
}
