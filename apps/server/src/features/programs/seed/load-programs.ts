import { KpiCreate, ProgramCreate } from '@banso/shared';
import type { Actor } from '../../../context';
import type { ProgramsService } from '../programs.service';
import { KAWASAKI_PROGRAMS, type SeedProgram } from './kawasaki-programs';

/**
 * Creates programs and their KPIs through the service (validation, audit), as the API would.
 * Everything is parsed first, so bad seed data fails before anything is written.
 */
export async function loadPrograms(
  programs: ProgramsService,
  actor: Actor,
  seed: readonly SeedProgram[] = KAWASAKI_PROGRAMS,
): Promise<{ id: string; code: string | null; kpis: number }[]> {
  const parsed = seed.map((s) => ({
    program: ProgramCreate.parse(s.program),
    kpis: s.kpis.map((k, i) => KpiCreate.parse({ sortOrder: i + 1, ...k })),
  }));
  const created: { id: string; code: string | null; kpis: number }[] = [];
  for (const s of parsed) {
    const row = await programs.create(actor, s.program);
    for (const kpi of s.kpis) await programs.createKpi(actor, row.id, kpi);
    created.push({ id: row.id, code: row.code, kpis: s.kpis.length });
  }
  return created;
}
