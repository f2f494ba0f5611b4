import {
  Kpi,
  type KpiCreate,
  KpiPreview,
  type KpiPreviewRequest,
  KpiReport,
  type KpiUpdate,
} from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../api/client';
import { programKeys } from '../../../api/programs';

/** KPI management and the report model: the calls the programs pages make besides api/programs. */

export type KpiPreviewDto = z.output<typeof KpiPreview>;
export type KpiReportDto = z.output<typeof KpiReport>;

export type SaveKpiRequest =
  | { kind: 'create'; programId: string; body: KpiCreate }
  | { kind: 'update'; id: string; body: KpiUpdate };

/** After a KPI changes: its program, the lists (achievement) and reports are stale. */
function useInvalidate() {
  const client = useQueryClient();
  return (programId: string) => {
    void client.invalidateQueries({ queryKey: programKeys.detail(programId) });
    void client.invalidateQueries({ queryKey: ['programs', 'list'] });
    void client.invalidateQueries({ queryKey: ['programs', 'achievement'] });
    void client.invalidateQueries({ queryKey: ['programs', 'report'] });
  };
}

/** POST /programs/{id}/kpis or PATCH /kpis/{id} (with the version read; stale → 409). */
export function useSaveKpi() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (request: SaveKpiRequest) =>
      request.kind === 'create'
        ? api.post(`/api/v1/programs/${request.programId}/kpis`, Kpi, { body: request.body })
        : api.patch(`/api/v1/kpis/${request.id}`, Kpi, { body: request.body }),
    onSuccess: (kpi) => invalidate(kpi.programId),
  });
}

/** DELETE /kpis/{id}?version= (stale → 409). */
export function useDeleteKpi() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (kpi: { id: string; programId: string; version: number }) => {
      await api.send('DELETE', `/api/v1/kpis/${kpi.id}`, { query: { version: kpi.version } });
      return kpi;
    },
    onSuccess: (kpi) => invalidate(kpi.programId),
  });
}

/** What a metric definition would count in each year of the program (nothing is saved). */
export function useMetricPreview(programId: string) {
  return useMutation({
    mutationFn: (body: KpiPreviewRequest) =>
      api.post(`/api/v1/programs/${programId}/kpis/preview`, KpiPreview, { body }),
  });
}

/** The report as the server builds it for the PDF and Excel files (the preview renders it). */
export function useReportModel(fy: number, programIds: string[], enabled: boolean) {
  return useQuery({
    queryKey: ['programs', 'report', fy, programIds.join(',')] as const,
    queryFn: ({ signal }) =>
      api.get('/api/v1/reports/kpi/model', KpiReport, {
        query: { fy, programs: programIds.join(',') },
        signal,
      }),
    enabled: enabled && programIds.length > 0,
  });
}
