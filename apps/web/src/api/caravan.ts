import {
  CalendarFeedCreated,
  CalendarFeedList,
  CaravanDashboard,
  CompanyFlag,
  CompanyTimeline,
  FollowUp,
  type FollowUpComplete,
  type FollowUpCreate,
  FollowUpList,
  type FollowUpListQuery,
  type IssueCategory,
  IssueCategoryList,
  PlannerResult,
  Supporter,
  type SupporterCreate,
  SupporterList,
  type SupporterListQuery,
  type SupporterUpdate,
  TeamProposal,
  type TeamProposalRequest,
  Visit,
  type VisitCreate,
  VisitList,
  type VisitListQuery,
  VisitTarget,
  type VisitUpdate,
} from '@banso/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiFetch } from './client';

/** 出張キャラバン隊: supporters, visits, follow-ups, timeline, planner and dashboard. */

export type VisitDto = z.output<typeof Visit>;
export type FollowUpDto = z.output<typeof FollowUp>;
export type SupporterDto = z.output<typeof Supporter>;
export type PlannerDto = z.output<typeof PlannerResult>;
export type TeamProposalDto = z.output<typeof TeamProposal>;
export type TimelineDto = z.output<typeof CompanyTimeline>;
export type DashboardDto = z.output<typeof CaravanDashboard>;

type Query = Record<string, string | number | boolean | undefined>;

export const caravanKeys = {
  all: ['caravan'] as const,
  supporters: (query: Query) => ['caravan', 'supporters', query] as const,
  categories: ['caravan', 'categories'] as const,
  target: (fiscalYear: number) => ['caravan', 'target', fiscalYear] as const,
  visits: (query: Query) => ['caravan', 'visits', query] as const,
  visit: (id: string) => ['caravan', 'visit', id] as const,
  followUps: (query: Query) => ['caravan', 'follow-ups', query] as const,
  timeline: (companyId: string) => ['caravan', 'timeline', companyId] as const,
  planner: (query: Query) => ['caravan', 'planner', query] as const,
  dashboard: (fiscalYear?: number) => ['caravan', 'dashboard', fiscalYear ?? null] as const,
};

export function useSupporters(
  query: Partial<z.input<typeof SupporterListQuery>> = {},
  enabled = true,
) {
  return useQuery({
    enabled,
    queryKey: caravanKeys.supporters(query as Query),
    queryFn: ({ signal }) =>
      api.get('/api/v1/supporters', SupporterList, { query: query as Query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: caravanKeys.categories,
    queryFn: ({ signal }) => api.get('/api/v1/caravan/categories', IssueCategoryList, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** PUT /caravan/categories (admin): the whole taxonomy, in the order given. */
export function useSaveCategories() {
  const client = useQueryClient();
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: async (items: IssueCategory[]) => {
      const response = await apiFetch('PUT', '/api/v1/caravan/categories', { body: { items } });
      return IssueCategoryList.parse(await response.json());
    },
    onSuccess: (saved) => {
      client.setQueryData(caravanKeys.categories, saved);
      refresh();
    },
  });
}

export type VisitTargetDto = z.output<typeof VisitTarget>;

/** The annual visit target of a fiscal year (500 when none was set). */
export function useVisitTarget(fiscalYear: number) {
  return useQuery({
    queryKey: caravanKeys.target(fiscalYear),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/caravan/targets/${fiscalYear}`, VisitTarget, { signal }),
  });
}

/** PUT /caravan/targets/{fy} (admin); the planner and dashboard show the new pace. */
export function useSaveVisitTarget() {
  const client = useQueryClient();
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: async ({ fiscalYear, target }: { fiscalYear: number; target: number }) => {
      const response = await apiFetch('PUT', `/api/v1/caravan/targets/${fiscalYear}`, {
        body: { target },
      });
      return VisitTarget.parse(await response.json());
    },
    onSuccess: (saved) => {
      client.setQueryData(caravanKeys.target(saved.fiscalYear), saved);
      refresh();
    },
  });
}

export function useVisits(query: Partial<z.input<typeof VisitListQuery>>) {
  return useQuery({
    queryKey: caravanKeys.visits(query as Query),
    queryFn: ({ signal }) =>
      api.get('/api/v1/visits', VisitList, { query: query as Query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVisit(id: string | undefined) {
  return useQuery({
    queryKey: caravanKeys.visit(id ?? ''),
    queryFn: ({ signal }) => api.get(`/api/v1/visits/${id}`, Visit, { signal }),
    enabled: Boolean(id),
  });
}

export type SaveVisitRequest =
  | { kind: 'create'; body: VisitCreate }
  | { kind: 'complete'; id: string; version: number }
  | {
      kind: 'update';
      id: string;
      body: VisitUpdate;
      /** New follow-ups to add after the change. */
      followUps?: FollowUpCreate[];
      complete?: boolean;
    };

/** Everything a visit shows up in: lists, timeline, follow-ups, planner and dashboard. */
function useRefreshCaravan() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: caravanKeys.all });
}

/** POST /visits, or PATCH /visits/{id} (then POST …/complete when a draft is being completed). */
export function useSaveVisit() {
  const client = useQueryClient();
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: async (request: SaveVisitRequest) => {
      if (request.kind === 'create') {
        return api.post('/api/v1/visits', Visit, { body: request.body });
      }
      if (request.kind === 'complete') {
        return api.post(`/api/v1/visits/${request.id}/complete`, Visit, {
          body: { version: request.version },
        });
      }
      let saved = await api.patch(`/api/v1/visits/${request.id}`, Visit, {
        body: request.body,
      });
      for (const followUp of request.followUps ?? []) {
        await api.post(`/api/v1/visits/${request.id}/follow-ups`, FollowUp, { body: followUp });
      }
      if (request.followUps?.length) saved = await api.get(`/api/v1/visits/${request.id}`, Visit);
      if (!request.complete || saved.status === 'completed') return saved;
      return api.post(`/api/v1/visits/${request.id}/complete`, Visit, {
        body: { version: saved.version },
      });
    },
    onSuccess: (visit) => {
      client.setQueryData(caravanKeys.visit(visit.id), visit);
      refresh();
    },
  });
}

/** Adds a follow-up action to an existing visit. */
export function useAddFollowUp(visitId: string) {
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: (body: { title: string; assigneeId?: string | null; dueOn?: string | null }) =>
      api.post(`/api/v1/visits/${visitId}/follow-ups`, FollowUp, { body }),
    onSuccess: refresh,
  });
}

export function useFollowUps(query: Partial<z.input<typeof FollowUpListQuery>>, enabled = true) {
  return useQuery({
    queryKey: caravanKeys.followUps(query as Query),
    queryFn: ({ signal }) =>
      api.get('/api/v1/follow-ups', FollowUpList, { query: query as Query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCompleteFollowUp() {
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof FollowUpComplete> }) =>
      api.post(`/api/v1/follow-ups/${id}/complete`, FollowUp, { body }),
    onSuccess: refresh,
  });
}

export function useReopenFollowUp() {
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post(`/api/v1/follow-ups/${id}/reopen`, FollowUp, { body: { version } }),
    onSuccess: refresh,
  });
}

export function useCompanyTimeline(companyId: string) {
  return useQuery({
    queryKey: caravanKeys.timeline(companyId),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/companies/${companyId}/timeline`, CompanyTimeline, { signal }),
  });
}

export function useFlagCompany(companyId: string) {
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: async (body: { note?: string | null } | null) => {
      if (body === null) {
        await api.send('DELETE', `/api/v1/companies/${companyId}/flag`);
        return null;
      }
      const response = await apiFetch('PUT', `/api/v1/companies/${companyId}/flag`, { body });
      return CompanyFlag.parse(await response.json());
    },
    onSuccess: refresh,
  });
}

export interface PlannerParams {
  period: 'month' | 'quarter';
  from?: string;
  staleAfterMonths?: number;
  limit?: number;
}

export function usePlanner(params: PlannerParams) {
  return useQuery({
    queryKey: caravanKeys.planner(params as unknown as Query),
    queryFn: ({ signal }) =>
      api.get('/api/v1/planner', PlannerResult, {
        query: params as unknown as Query,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useTeamProposal(companyId: string) {
  return useMutation({
    mutationFn: (body: Partial<TeamProposalRequest>) =>
      api.post(`/api/v1/companies/${companyId}/team-proposal`, TeamProposal, { body }),
  });
}

export function useCaravanDashboard(fiscalYear?: number) {
  return useQuery({
    queryKey: caravanKeys.dashboard(fiscalYear),
    queryFn: ({ signal }) =>
      api.get('/api/v1/dashboard/caravan', CaravanDashboard, {
        query: { fiscalYear },
        signal,
      }),
  });
}

export type SaveSupporterRequest =
  | { kind: 'create'; body: SupporterCreate }
  | { kind: 'update'; id: string; body: SupporterUpdate };

export function useSaveSupporter() {
  const refresh = useRefreshCaravan();
  return useMutation({
    mutationFn: (request: SaveSupporterRequest) =>
      request.kind === 'create'
        ? api.post('/api/v1/supporters', Supporter, { body: request.body })
        : api.patch(`/api/v1/supporters/${request.id}`, Supporter, { body: request.body }),
    onSuccess: refresh,
  });
}

export type CalendarFeedCreatedDto = z.output<typeof CalendarFeedCreated>;

export function useCalendarFeeds(supporterId: string) {
  return useQuery({
    queryKey: ['caravan', 'calendar-feeds', supporterId],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/supporters/${supporterId}/calendar-feeds`, CalendarFeedList, { signal }),
  });
}

/** Create (returns the secret URL, shown once) or revoke an iCalendar feed of a supporter. */
export function useCalendarFeedActions(supporterId: string) {
  const client = useQueryClient();
  const refresh = () =>
    void client.invalidateQueries({ queryKey: ['caravan', 'calendar-feeds', supporterId] });
  return {
    create: useMutation({
      mutationFn: () =>
        api.post(`/api/v1/supporters/${supporterId}/calendar-feeds`, CalendarFeedCreated),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (id: string) => api.send('DELETE', `/api/v1/calendar-feeds/${id}`),
      onSuccess: refresh,
    }),
  };
}
