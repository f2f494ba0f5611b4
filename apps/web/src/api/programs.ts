import {
  AchievementSummary,
  Kpi,
  KpiRecords,
  type KpiUpdate,
  type ProgramCreate,
  ProgramDetail,
  ProgramList,
  type ProgramUpdate,
} from '@banso/shared';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from './client';

export type ProgramDto = z.output<typeof ProgramList>['items'][number];
export type ProgramDetailDto = z.output<typeof ProgramDetail>;
export type KpiDto = z.output<typeof Kpi>;
export type KpiRecordsDto = z.output<typeof KpiRecords>;
export type AchievementDto = z.output<typeof AchievementSummary>;

export const programKeys = {
  all: ['programs'] as const,
  list: (fy?: number) => ['programs', 'list', fy ?? null] as const,
  detail: (id: string) => ['programs', 'detail', id] as const,
  achievement: (fy: number) => ['programs', 'achievement', fy] as const,
  records: (kpiId: string, fy: number) => ['programs', 'records', kpiId, fy] as const,
};

const detailQuery = (id: string) => ({
  queryKey: programKeys.detail(id),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get(`/api/v1/programs/${id}`, ProgramDetail, { signal }),
});

/** Every program (in report order), or those whose period includes `fy`. */
export function usePrograms(fy?: number) {
  return useQuery({
    queryKey: programKeys.list(fy),
    queryFn: ({ signal }) => api.get('/api/v1/programs', ProgramList, { query: { fy }, signal }),
  });
}

/** One program with its KPIs evaluated (manual or computed actuals) and its achievement. */
export function useProgram(id: string) {
  return useQuery(detailQuery(id));
}

/** Several programs' details at once (the report preview). */
export function useProgramDetails(ids: string[]) {
  return useQueries({ queries: ids.map((id) => detailQuery(id)) });
}

/** KPI achievement of every program active in `fy`. */
export function useAchievement(fy: number | null) {
  return useQuery({
    queryKey: programKeys.achievement(fy ?? 0),
    queryFn: ({ signal }) =>
      api.get('/api/v1/programs/achievement', AchievementSummary, { query: { fy }, signal }),
    enabled: fy !== null,
  });
}

/** The records behind a computed actual for one year (drill-down). */
export function useKpiRecords(kpiId: string, fy: number, enabled: boolean) {
  return useQuery({
    queryKey: programKeys.records(kpiId, fy),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/kpis/${kpiId}/records`, KpiRecords, { query: { fy }, signal }),
    enabled,
  });
}

export type SaveProgramRequest =
  | { kind: 'create'; body: ProgramCreate }
  | { kind: 'update'; id: string; body: ProgramUpdate };

/** POST /programs or PATCH /programs/{id} (with the version read; stale → 409). */
export function useSaveProgram() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveProgramRequest) =>
      request.kind === 'create'
        ? api.post('/api/v1/programs', ProgramDetail, { body: request.body })
        : api.patch(`/api/v1/programs/${request.id}`, ProgramDetail, { body: request.body }),
    onSuccess: (program) => {
      client.setQueryData(programKeys.detail(program.id), program);
      void client.invalidateQueries({ queryKey: ['programs', 'list'] });
      void client.invalidateQueries({ queryKey: ['programs', 'achievement'] });
    },
  });
}

/** PATCH /programs/{id} without touching the cache (the grid saves several things in a row). */
export const patchProgram = (id: string, body: ProgramUpdate) =>
  api.patch(`/api/v1/programs/${id}`, ProgramDetail, { body });

/** PATCH /kpis/{id} with the version read. */
export const patchKpi = (id: string, body: KpiUpdate) =>
  api.patch(`/api/v1/kpis/${id}`, Kpi, { body });

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

/** The report download URL: a plain link, authenticated by the session cookie. */
export function reportUrl(fy: number, programIds: string[], format: ReportFormat): string {
  return buildUrl('/api/v1/reports/kpi', {
    fy,
    programs: programIds.length > 0 ? programIds.join(',') : undefined,
    format,
  });
}
