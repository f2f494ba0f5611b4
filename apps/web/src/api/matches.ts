import {
  Match,
  type MatchDrop,
  MatchList,
  type MatchListQuery,
  MatchSummary,
  type MatchUpdate,
  type StageChange,
} from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';

/** マッチング案件: the licence pipeline (board, detail, stage moves, 不成立) and its summary. */

export type MatchDto = z.output<typeof Match>;
export type MatchSummaryDto = z.output<typeof MatchSummary>;
export type MatchQuery = Partial<MatchListQuery>;

export const matchKeys = {
  all: ['matches'] as const,
  list: (query: MatchQuery) => ['matches', 'list', query] as const,
  detail: (id: string) => ['matches', 'detail', id] as const,
  summary: ['matches', 'summary'] as const,
};

export function useMatches(query: MatchQuery = {}, enabled = true) {
  return useQuery({
    queryKey: matchKeys.list(query),
    queryFn: ({ signal }) =>
      api.get('/api/v1/matches', MatchList, {
        query: query as Record<string, string | undefined>,
        signal,
      }),
    enabled,
  });
}

export function useMatch(id: string) {
  return useQuery({
    queryKey: matchKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/api/v1/matches/${id}`, Match, { signal }),
  });
}

export function useMatchSummary() {
  return useQuery({
    queryKey: matchKeys.summary,
    queryFn: ({ signal }) => api.get('/api/v1/matches/summary', MatchSummary, { signal }),
  });
}

function useOnSaved() {
  const client = useQueryClient();
  return (match: MatchDto) => {
    client.setQueryData(matchKeys.detail(match.id), match);
    void client.invalidateQueries({ queryKey: ['matches', 'list'] });
    void client.invalidateQueries({ queryKey: matchKeys.summary });
    // A candidate shows its open match: the lists of candidates follow.
    void client.invalidateQueries({ queryKey: ['matching'] });
  };
}

/** Move forward to a stage reached on a day (422 stage_order, stage_needs_contract, date_order). */
export function useMoveStage() {
  const onSaved = useOnSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StageChange }) =>
      api.post(`/api/v1/matches/${id}/stage`, Match, { body }),
    onSuccess: onSaved,
  });
}

/** 不成立 with a day and a reason. */
export function useDropMatch() {
  const onSaved = useOnSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: MatchDrop }) =>
      api.post(`/api/v1/matches/${id}/drop`, Match, { body }),
    onSuccess: onSaved,
  });
}

/** Details, licence terms, product, coordinator, program, notes, corrected stage days. */
export function useUpdateMatch() {
  const onSaved = useOnSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: MatchUpdate }) =>
      api.patch(`/api/v1/matches/${id}`, Match, { body }),
    onSuccess: onSaved,
  });
}
