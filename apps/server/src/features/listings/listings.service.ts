import { writeFile } from 'node:fs/promises';
import type { Database, TenantTx } from '@banso/db';
import {
  CompanyId,
  type ListingCreate,
  ListingId,
  type ListingImportResult,
  type ListingListQuery,
  type ListingUpdate,
  type Locale,
  normalizeCorporateNumber,
  normalizeForSearch,
  normalizeIpc,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { decodeCursor, encodeCursor } from '../../data/cursor';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { isUniqueViolation } from '../companies/unique-violation';
import { enqueueJobWithUpload } from '../jobs/job-upload';
import type { JobRow } from '../jobs/jobs.repository';
import { MatchInputError, recordsFromBytes } from '../matching/match-input';
import { type ImportRowError, listingFromRecord, textProblemOf } from './listing-import';
import {
  createListingsRepository,
  type ListingCursor,
  type ListingFilter,
  type ListingRow,
  type ListingWithHolder,
  type NewListingRow,
} from './listings.repository';

/** Derived columns never shown in the audit trail. */
const DERIVED = [
  'holderCompanyName',
  'searchText',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'version',
];
const auditable = (row: ListingRow | null) =>
  row ? Object.fromEntries(Object.entries(row).filter(([k]) => !DERIVED.includes(k))) : null;

/** The list search: title, numbers, holder, products, fields and abstract, normalised. */
export function listingSearchText(
  v: Pick<
    NewListingRow,
    | 'title'
    | 'patentNumber'
    | 'applicationNumber'
    | 'publicationNumber'
    | 'holderName'
    | 'applicableProducts'
    | 'technicalFields'
    | 'abstract'
  >,
  holderCompanyName: string | null,
): string {
  const parts = [
    v.title,
    v.patentNumber,
    v.applicationNumber,
    v.publicationNumber,
    holderCompanyName ?? v.holderName,
    ...(v.applicableProducts ?? []),
    ...(v.technicalFields ?? []),
    v.abstract,
  ];
  return parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .map(normalizeForSearch)
    .join('\n');
}

const isListingCursor = (v: unknown): v is ListingCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ListingCursor).at === 'string' &&
  !Number.isNaN(Date.parse((v as ListingCursor).at)) &&
  ListingId.safeParse((v as ListingCursor).id).success;

export function listingFilter(q: Partial<ListingListQuery>): ListingFilter {
  const f: ListingFilter = {};
  if (q.q?.trim()) {
    const text = normalizeForSearch(q.q);
    if (text) f.text = text;
  }
  if (q.kind) f.kind = q.kind;
  if (q.status) f.status = q.status;
  if (q.ipc?.trim())
    f.ipcPrefix = normalizeIpc(q.ipc) ?? q.ipc.normalize('NFKC').trim().toUpperCase();
  if (q.holderCompanyId) f.holderCompanyId = CompanyId.parse(q.holderCompanyId);
  if (q.archived === 'true') f.archived = true;
  return f;
}

/** What changed listings tell the matching index of this process (read-your-writes). */
export interface ListingChangeListener {
  listingChanged(actor: Actor, id: ListingId): Promise<void>;
}

export function createListingsService(deps: {
  db: Database;
  now: () => Date;
  onChange?: ListingChangeListener;
  /** Where queued imports keep their upload (BANSO_JOB_FILES_DIR). */
  config?: { jobFilesDir: string };
}) {
  /** The request's holder company, parsed and checked to be the organisation's (its name). */
  async function holderOf(tx: TenantTx, holderCompanyId: string | null | undefined) {
    if (!holderCompanyId) return null;
    const id = CompanyId.parse(holderCompanyId);
    const name = (await createListingsRepository(tx).companyNames([id])).get(id);
    if (name === undefined)
      throw AppError.field('validation_failed', 'holderCompanyId', 'invalid_value');
    return { id, name };
  }

  /** After the commit: the matching index of this process reads the change at once. */
  const notify = async (actor: Actor, id: ListingId) => {
    await deps.onChange?.listingChanged(actor, id);
  };

  const duplicate = (error: unknown) =>
    isUniqueViolation(error)
      ? AppError.field('already_exists', 'externalId', 'invalid_value')
      : error;

  async function load(tx: TenantTx, id: ListingId): Promise<ListingWithHolder> {
    const row = await createListingsRepository(tx).find(id);
    if (!row) throw notFound('listing');
    return row;
  }

  async function get(actor: Actor, id: ListingId): Promise<ListingWithHolder> {
    authorize(actor, 'listings:read');
    return asActor(deps.db, actor, (tx) => load(tx, id));
  }

  return {
    get,

    async list(actor: Actor, query: ListingListQuery) {
      authorize(actor, 'listings:read');
      const filter = listingFilter(query);
      const cursor = query.cursor ? decodeCursor(query.cursor, isListingCursor) : null;
      const [rows, total] = await asActor(deps.db, actor, (tx) => {
        const repo = createListingsRepository(tx);
        return Promise.all([repo.list(filter, cursor, query.limit + 1), repo.count(filter)]);
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id })
          : null;
      return { items: page, nextCursor, total };
    },

    /** Creates listings (one, or a whole import) in one transaction; audited per listing. */
    async createMany(actor: Actor, inputs: ListingCreate[]): Promise<ListingRow[]> {
      authorize(actor, 'listings:write');
      try {
        const rows = await asActor(deps.db, actor, async (tx) => {
          const out: ListingRow[] = [];
          for (const input of inputs) out.push(await insertOne(tx, actor, input));
          return out;
        });
        for (const r of rows) await notify(actor, r.id);
        return rows;
      } catch (error) {
        throw duplicate(error);
      }
    },

    async update(actor: Actor, id: ListingId, input: ListingUpdate): Promise<ListingWithHolder> {
      authorize(actor, 'listings:write');
      let after: ListingWithHolder;
      try {
        after = await asActor(deps.db, actor, async (tx) => {
          await updateOne(tx, actor, await load(tx, id), input);
          return load(tx, id);
        });
      } catch (error) {
        throw duplicate(error);
      }
      await notify(actor, id);
      return after;
    },

    async setArchived(actor: Actor, id: ListingId, version: number, archived: boolean) {
      authorize(actor, 'listings:write');
      const row = await asActor(deps.db, actor, async (tx) => {
        const before = await load(tx, id);
        const after = await createListingsRepository(tx).update(id, version, {
          archivedAt: archived ? deps.now() : null,
          updatedAt: deps.now(),
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('stale_version');
        await insertAudit(tx, actor, [
          {
            action: archived ? 'archive' : 'restore',
            entity: 'listing',
            entityId: id,
            changes: diffRecords(auditable(before), auditable(after)),
          },
        ]);
        return load(tx, id);
      });
      await notify(actor, id);
      return row;
    },

    /**
     * Queues an import as a background job (`listings.import`): the file is kept under
     * BANSO_JOB_FILES_DIR until the job has run `importFile` on it; its result is the job's result.
     */
    async queueImport(
      actor: Actor,
      bytes: Uint8Array,
      options: { dryRun: boolean; locale: Locale },
    ): Promise<JobRow> {
      authorize(actor, 'listings:write');
      const { config } = deps;
      if (!config) throw new Error('listings: no job files directory configured');
      return enqueueJobWithUpload({ ...deps, config }, actor, {
        kind: 'listings.import',
        fileName: 'upload',
        store: (file) => writeFile(file, bytes),
        payload: (file) => ({ file, options }),
      });
    },

    /**
     * Imports a file (CSV in UTF-8 or Shift_JIS, JSON Lines or a JSON array): every row is
     * validated first; with any error nothing is written and the errors are listed by line.
     * A dry run only validates and counts.
     */
    async importFile(
      actor: Actor,
      bytes: Uint8Array,
      options: { dryRun: boolean; locale: Locale },
    ): Promise<ListingImportResult> {
      authorize(actor, 'listings:write');
      let records: Awaited<ReturnType<typeof recordsFromBytes>>;
      try {
        records = await recordsFromBytes('upload', bytes, { requireId: false });
      } catch (error) {
        if (!(error instanceof MatchInputError)) throw error;
        return {
          dryRun: options.dryRun,
          created: 0,
          updated: 0,
          errors: [
            {
              line: error.line,
              field: '(file)',
              code: error.code,
              message: error.userMessage[options.locale],
            },
          ],
        };
      }
      // Text Banso cannot store is that row's error, and never reaches a query (the holder lookup).
      const errors: ImportRowError[] = [];
      records = records.filter(({ line, record }) => {
        const problem = textProblemOf(line, record);
        if (problem) errors.push(problem);
        return !problem;
      });
      const text = (r: Record<string, unknown>, ...names: string[]) =>
        names.map((n) => r[n]).find((v) => typeof v === 'string' && v.trim() !== '') as
          | string
          | undefined;
      const names = records
        .map(({ record }) => text(record, 'holder', 'holder_name', '特許権者', '権利者'))
        .filter((x): x is string => !!x)
        .map((n) => n.trim());
      const numbers = records
        .map(({ record }) => text(record, 'holder_corporate_number', '権利者法人番号'))
        .filter((x): x is string => !!x)
        .map(normalizeCorporateNumber);
      const found = await asActor(deps.db, actor, (tx) =>
        createListingsRepository(tx).holders([...new Set(names)], [...new Set(numbers)]),
      );
      const lookup = {
        byName: new Map(found.map((c) => [normalizeForSearch(c.name), c.id])),
        byCorporateNumber: new Map(
          found.filter((c) => c.corporateNumber).map((c) => [c.corporateNumber as string, c.id]),
        ),
      };
      const inputs: ListingCreate[] = [];
      const seen = new Map<string, number>();
      for (const { line, record } of records) {
        const result = listingFromRecord(line, record, lookup);
        if ('errors' in result) {
          errors.push(...result.errors);
          continue;
        }
        const ext = result.input.externalId;
        if (ext) {
          const first = seen.get(ext);
          if (first !== undefined) {
            errors.push({
              line,
              field: 'externalId',
              code: 'invalid_value',
              message: {
                ja: `id「${ext}」が ${first} 行目と重複しています。`,
                en: `id "${ext}" repeats line ${first}.`,
              },
            });
            continue;
          }
          seen.set(ext, line);
        }
        inputs.push(result.input);
      }
      const present = (e: ImportRowError) => ({ ...e, message: e.message[options.locale] });
      errors.sort((a, b) => a.line - b.line);
      if (errors.length > 0)
        return {
          dryRun: options.dryRun,
          created: 0,
          updated: 0,
          errors: errors.slice(0, 1000).map(present),
        };
      if (options.dryRun) {
        const ext = inputs.map((i) => i.externalId).filter((x): x is string => !!x);
        const existing = (
          await asActor(deps.db, actor, (tx) => createListingsRepository(tx).byExternalIds(ext))
        ).length;
        return { dryRun: true, created: inputs.length - existing, updated: existing, errors: [] };
      }
      const { created, updated } = await upsertMany(actor, inputs);
      return { dryRun: false, created, updated, errors: [] };
    },

    upsertMany,
  };

  /**
   * An import: rows with an external id already in Banso update that listing, the others are
   * created; all in one transaction, so a failure leaves nothing half-written.
   */
  async function upsertMany(
    actor: Actor,
    inputs: ListingCreate[],
  ): Promise<{ created: number; updated: number }> {
    authorize(actor, 'listings:write');
    const externalIds = inputs.map((i) => i.externalId).filter((x): x is string => !!x);
    let created = 0;
    let updated = 0;
    const touched: ListingId[] = [];
    await asActor(deps.db, actor, async (tx) => {
      const repo = createListingsRepository(tx);
      const existing = new Map(
        (await repo.byExternalIds(externalIds)).map((r) => [r.externalId, r]),
      );
      for (const input of inputs) {
        const before = input.externalId ? existing.get(input.externalId) : undefined;
        if (before) {
          const found = await load(tx, before.id);
          await updateOne(tx, actor, found, { ...input, version: found.version });
          touched.push(before.id);
          updated++;
        } else {
          const row = await insertOne(tx, actor, input);
          if (row.externalId) existing.set(row.externalId, row);
          touched.push(row.id);
          created++;
        }
      }
    });
    for (const id of touched) await notify(actor, id);
    return { created, updated };
  }

  async function insertOne(tx: TenantTx, actor: Actor, input: ListingCreate): Promise<ListingRow> {
    const holder = await holderOf(tx, input.holderCompanyId);
    const now = deps.now();
    const values: Omit<NewListingRow, 'tenantId'> = {
      id: newId(ListingId),
      kind: input.kind,
      title: input.title,
      patentNumber: input.patentNumber ?? null,
      applicationNumber: input.applicationNumber ?? null,
      publicationNumber: input.publicationNumber ?? null,
      filedOn: input.filedOn ?? null,
      registeredOn: input.registeredOn ?? null,
      abstract: input.abstract ?? null,
      claims: input.claims ?? null,
      technicalFields: input.technicalFields,
      functions: input.functions,
      applicableProducts: input.applicableProducts,
      purpose: input.purpose ?? null,
      effect: input.effect ?? null,
      ipc: input.ipc,
      holderCompanyId: holder?.id ?? null,
      holderName: input.holderName ?? null,
      assignmentOffered: input.assignmentOffered,
      licensing: input.licensing,
      licensingRecord: input.licensingRecord ?? null,
      status: input.status,
      verifiedOn: input.verifiedOn ?? null,
      licenseConditions: input.licenseConditions ?? null,
      contact: input.contact ?? null,
      source: input.source ?? null,
      externalId: input.externalId ?? null,
      municipalityCode: input.municipalityCode ?? null,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    };
    values.searchText = listingSearchText(values, holder?.name ?? null);
    const row = await createListingsRepository(tx).insert(values);
    await insertAudit(tx, actor, [
      {
        action: 'create',
        entity: 'listing',
        entityId: row.id,
        changes: diffRecords(null, auditable(row)),
      },
    ]);
    return row;
  }

  async function updateOne(
    tx: TenantTx,
    actor: Actor,
    before: ListingWithHolder,
    input: ListingUpdate,
  ): Promise<ListingRow> {
    const { version, holderCompanyId, ...fields } = input;
    const dates = { ...before, ...fields };
    if (dates.filedOn && dates.registeredOn && dates.registeredOn < dates.filedOn)
      throw AppError.field('validation_failed', 'registeredOn', 'date_order');
    const newHolder =
      holderCompanyId !== undefined ? await holderOf(tx, holderCompanyId) : undefined;
    const patch =
      newHolder !== undefined ? { ...fields, holderCompanyId: newHolder?.id ?? null } : fields;
    const merged = { ...before, ...patch };
    const holder = newHolder !== undefined ? (newHolder?.name ?? null) : before.holderCompanyName;
    const after = await createListingsRepository(tx).update(before.id, version, {
      ...patch,
      searchText: listingSearchText(merged, holder),
      updatedAt: deps.now(),
      updatedBy: actor.userId,
    });
    if (!after) throw new AppError('stale_version');
    const changes = diffRecords(auditable(before), auditable(after));
    if (Object.keys(changes).length > 0)
      await insertAudit(tx, actor, [
        { action: 'update', entity: 'listing', entityId: before.id, changes },
      ]);
    return after;
  }
}
export type ListingsService = ReturnType<typeof createListingsService>;
