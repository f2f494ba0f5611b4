import type { Database } from '@banso/db';
import { CompanyId, type ImportId } from '@banso/shared';
import type { Actor } from '../../../context';
import { asActor, perCall } from '../../../data/actor-scope';
import { newId } from '../../../new-id';
import { isUniqueViolation } from '../unique-violation';
import { type BatchPlan, planBatch } from './batch-plan';
import { createCompanyImportRepository, type ImportCounts } from './company-import.repository';
import type { ImportRow } from './import-row';

/** Another process moved the same import on: this one must stop. */
export class ImportTakenOverError extends Error {
  constructor(readonly importId: string) {
    super(`import ${importId} was advanced by another process`);
    this.name = 'ImportTakenOverError';
  }
}

class ConcurrentChangeError extends Error {}

const ATTEMPTS = 3;

interface Prepared {
  plan: BatchPlan;
  /** Ids of the existing companies the plan read. */
  read: string[];
}

interface Batch {
  rows: readonly ImportRow[];
  /** The line of the batch's last record: the committed boundary once it is written. */
  toLine: number;
  /** Records of the file the batch covers (rows plus skipped and invalid records). */
  records: number;
  skipped: number;
}

/**
 * Writes an import's batches. Each batch goes in its own short transaction together with the
 * import record's new committed line and counts — the resumable unit: after a crash the
 * database holds either the whole batch and the advanced record, or neither.
 *
 * Pipelined: while one batch's transaction runs, the next is read from the file, validated and
 * planned against the companies it names (read outside any transaction), so the embedded
 * database's single connection is never held while reading. The plan is safe to make early: an
 * update applies only if the company still has the version that was read, and an insert fails
 * on a 法人番号 someone else took meanwhile; either way the batch is read and planned again.
 */
export function createBatchWriter(
  db: Database,
  actor: Actor,
  now: () => Date,
  start: { importId: ImportId; committedLine: number; counts: ImportCounts },
) {
  const repo = perCall(db, actor, createCompanyImportRepository);
  const auditActor: Actor = { ...actor, requestId: actor.requestId ?? `import:${start.importId}` };
  const committed = { line: start.committedLine, counts: { ...start.counts } };
  let inflight: Promise<{ error?: unknown }> | null = null;
  let lastWritten = new Set<string>();

  async function prepare(rows: readonly ImportRow[]): Promise<Prepared> {
    const existing = await repo.findForRows(rows);
    const plan = planBatch(rows, existing, {
      tenantId: actor.tenantId,
      userId: actor.userId,
      now: now(),
      newId: () => newId(CompanyId),
    });
    return { plan, read: existing.map((c) => c.id) };
  }

  async function commit(batch: Batch, first: Prepared): Promise<void> {
    let prepared = first;
    for (let attempt = 1; ; attempt++) {
      const { plan } = prepared;
      try {
        const counts = await asActor(db, actor, async (scope) => {
          const tx = createCompanyImportRepository(scope);
          const written = await tx.upsertCompanies(plan.writes);
          if (written !== plan.writes.length) throw new ConcurrentChangeError();
          await tx.insertAuditEvents(auditActor, plan.events);
          const next: ImportCounts = {
            rowsRead: committed.counts.rowsRead + batch.records,
            skipped: committed.counts.skipped + batch.skipped,
            inserted: committed.counts.inserted + plan.inserted,
            updated: committed.counts.updated + plan.updated,
            unchanged: committed.counts.unchanged + plan.unchanged,
          };
          const advanced = await tx.advanceImport(start.importId, committed.line, {
            ...next,
            committedLine: batch.toLine,
            heartbeatAt: now(),
          });
          if (!advanced) throw new ImportTakenOverError(start.importId);
          return next;
        });
        committed.counts = counts;
        committed.line = batch.toLine;
        lastWritten = new Set(plan.writes.map((w) => w.id));
        return;
      } catch (error) {
        const retry = error instanceof ConcurrentChangeError || isUniqueViolation(error);
        if (!retry || attempt >= ATTEMPTS) throw error;
        prepared = await prepare(batch.rows);
      }
    }
  }

  /** Waits for the batch in flight; rethrows its error. */
  async function settle(): Promise<void> {
    if (!inflight) return;
    const { error } = await inflight;
    inflight = null;
    if (error) throw error;
  }

  return {
    committed,

    /** Plans the batch now and starts writing it once the previous one is committed. */
    async submit(batch: Batch): Promise<void> {
      let prepared = await prepare(batch.rows);
      await settle();
      // A company the previous batch wrote was read before that write: read it again.
      if (prepared.read.some((id) => lastWritten.has(id))) prepared = await prepare(batch.rows);
      inflight = commit(batch, prepared).then(
        () => ({}),
        (error: unknown) => ({ error }),
      );
    },

    /** Waits until everything submitted is committed. */
    flush: settle,

    /** Waits for the batch in flight without raising its error (for clean-up after a failure). */
    async drain(): Promise<void> {
      if (inflight) await inflight;
      inflight = null;
    },
  };
}
