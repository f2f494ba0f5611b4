import { z } from 'zod';
import { TEXT_ENCODINGS } from '../csv-sniff';
import { LIMITS } from '../limits';
import { COMPANY_KIND, COMPANY_STATUS, SUCCESSOR_STATUS } from '../vocabulary/companies';
import { BoolQuery, Problem } from './common';

/**
 * Company responses, queries and enumerations: no validators that need the
 * code lists, so a client that only reads companies does not bundle them.
 */

export const COMPANY_KINDS = COMPANY_KIND.codes;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

export const SUCCESSOR_STATUSES = SUCCESSOR_STATUS.codes;
export const COMPANY_STATUSES = COMPANY_STATUS.codes;

export const Company = z
  .object({
    id: z.uuid(),
    corporateNumber: z.string().nullable(),
    name: z.string(),
    nameKana: z.string().nullable(),
    nameEn: z.string().nullable(),
    kind: z.enum(COMPANY_KINDS),
    jsicCode: z.string().nullable(),
    jsicName: z.object({ ja: z.string(), en: z.string() }).nullable(),
    postalCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    prefecture: z.string().nullable(),
    municipalityName: z.string().nullable(),
    address: z.string().nullable(),
    employees: z.number().int().nullable(),
    capitalYen: z.number().int().nullable(),
    foundedYear: z.number().int().nullable(),
    representativeName: z.string().nullable(),
    representativeBirthYear: z.number().int().nullable(),
    successorStatus: z.enum(SUCCESSOR_STATUSES),
    website: z.string().nullable(),
    businessDescription: z.string().nullable(),
    technologies: z.array(z.string()),
    products: z.array(z.string()),
    equipment: z.array(z.string()),
    needs: z.array(z.string()),
    tags: z.array(z.string()),
    status: z.enum(COMPANY_STATUSES),
    closedOn: z.string().nullable(),
    closeReason: z.string().nullable(),
    successorCorporateNumber: z.string().nullable(),
    archivedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof Company>;

export const COMPANY_SORTS = ['kana', 'updated'] as const;

export const CompanyListQuery = z.object({
  q: z.string().max(200).optional().meta({
    description:
      'Name or kana; insensitive to full/half width and hiragana/katakana. 13 digits search the 法人番号.',
  }),
  corporateNumber: z.string().max(20).optional(),
  jsic: z
    .string()
    .max(4)
    .optional()
    .meta({ description: 'JSIC code or prefix (division letter, 2/3/4 digits).' }),
  municipality: z
    .string()
    .max(6)
    .optional()
    .meta({ description: 'Municipality code (5 or 6 digits) or 2-digit prefecture code.' }),
  tag: z.string().max(200).optional(),
  kind: z.enum(COMPANY_KINDS).optional(),
  status: z.enum(COMPANY_STATUSES).optional(),
  includeArchived: BoolQuery.optional(),
  sort: z.enum(COMPANY_SORTS).default('kana'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type CompanyListQuery = z.infer<typeof CompanyListQuery>;

export const CompanyPage = z
  .object({ items: z.array(Company), nextCursor: z.string().nullable() })
  .meta({ id: 'CompanyPage' });

export const ArchiveRequest = z
  .object({ version: z.number().int().positive().max(LIMITS.rowVersionMax) })
  .meta({ id: 'ArchiveRequest' });

export const AssignmentRequest = z.object({ userId: z.uuid() }).meta({ id: 'AssignmentRequest' });
export const Assignment = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    role: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Assignment' });

export const IMPORT_FORMATS = ['auto', 'banso', 'nta'] as const;
export const IMPORT_ENCODINGS = ['auto', ...TEXT_ENCODINGS] as const;
export const IMPORT_MODES = ['atomic', 'batches'] as const;

export const ImportResult = z
  .object({
    id: z.uuid().nullable().meta({ description: 'The import record; null for a dry run.' }),
    status: z.enum(['dry_run', 'completed', 'rejected', 'failed', 'interrupted', 'running']),
    format: z.enum(['banso', 'nta']),
    encoding: z.enum(TEXT_ENCODINGS),
    rowsRead: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    committedLine: z.number().int(),
    errors: z.array(
      z.object({
        line: z.number().int(),
        field: z.string().optional(),
        code: z.string(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

/** ImportResult plus the number of errors found (the list holds at most 1,000). */
export const ImportRunResult = ImportResult.extend({
  errorCount: z
    .number()
    .int()
    .meta({ description: 'All errors found; `errors` lists at most the first 1,000.' }),
}).meta({ id: 'ImportRunResult' });
export type ImportRunResult = z.infer<typeof ImportRunResult>;

export const ImportRecord = z
  .object({
    id: z.uuid(),
    status: z.enum(['completed', 'rejected', 'failed', 'interrupted', 'running']),
    format: z.enum(['banso', 'nta']),
    encoding: z.enum(TEXT_ENCODINGS),
    fileName: z.string(),
    fileSha256: z.string(),
    fileSize: z.number().int(),
    options: z.object({
      format: z.enum(IMPORT_FORMATS),
      encoding: z.enum(IMPORT_ENCODINGS),
      mode: z.enum(IMPORT_MODES),
      municipality: z.string().nullable(),
      mapping: z.record(z.string(), z.string()).nullable(),
      batchSize: z.number().int(),
    }),
    committedLine: z.number().int().meta({
      description: 'Last source line whose row is committed; a resumed run continues after it.',
    }),
    rowsRead: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    errors: ImportResult.shape.errors,
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ImportRecord' });
export type ImportRecord = z.infer<typeof ImportRecord>;

/** One line of the import's progress stream (`Accept: application/x-ndjson`) while it works. */
export const ImportProgressEvent = z
  .object({
    type: z.literal('progress'),
    phase: z.enum(['validate', 'write']).meta({
      description: "'validate': the pass that checks every row; 'write': the pass that writes.",
    }),
    linesRead: z
      .number()
      .int()
      .meta({ description: 'Physical line of the file where the last row read starts.' }),
    rowsRead: z.number().int(),
    committedLine: z.number().int().meta({
      description: 'Last line whose row is committed (0 while validating).',
    }),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    errorCount: z.number().int(),
    importId: z.uuid().nullable().meta({ description: 'The import record, once writing began.' }),
  })
  .meta({ id: 'ImportProgressEvent' });
export type ImportProgressEvent = z.infer<typeof ImportProgressEvent>;

/** The last line of the progress stream when the import ran: its ImportRunResult. */
export const ImportResultEvent = ImportRunResult.extend({ type: z.literal('result') }).meta({
  id: 'ImportResultEvent',
});

/**
 * The last line when the import failed or was rejected: `problem` is the problem+json body the
 * plain request would have answered, with its HTTP `status` (a rejected file also has `result`).
 */
export const ImportProblemEvent = z
  .object({
    type: z.literal('problem'),
    problem: Problem.extend({ result: ImportRunResult.optional() }),
  })
  .meta({ id: 'ImportProblemEvent' });

export const ImportStreamEvent = z
  .discriminatedUnion('type', [ImportProgressEvent, ImportResultEvent, ImportProblemEvent])
  .meta({ id: 'ImportStreamEvent' });
export type ImportStreamEvent = z.infer<typeof ImportStreamEvent>;

/**
 * The columns of the Banso company CSV, in export order: field key (API name), the Japanese
 * header title, and how a cell is read. Importers and the web app's column mapping use it.
 */
export const BANSO_CSV_COLUMNS = [
  { key: 'corporateNumber', title: '法人番号', kind: 'text' },
  { key: 'name', title: '名称', kind: 'text' },
  { key: 'nameKana', title: 'フリガナ', kind: 'text' },
  { key: 'nameEn', title: '英語名称', kind: 'text' },
  { key: 'kind', title: '種別', kind: 'code' },
  { key: 'jsicCode', title: '産業分類コード', kind: 'text' },
  { key: 'postalCode', title: '郵便番号', kind: 'text' },
  { key: 'municipalityCode', title: '市区町村コード', kind: 'text' },
  { key: 'address', title: '所在地', kind: 'text' },
  { key: 'employees', title: '従業員数', kind: 'integer' },
  { key: 'capitalYen', title: '資本金(円)', kind: 'integer' },
  { key: 'foundedYear', title: '設立年', kind: 'integer' },
  { key: 'representativeName', title: '代表者氏名', kind: 'text' },
  { key: 'representativeBirthYear', title: '代表者生年', kind: 'integer' },
  { key: 'successorStatus', title: '後継者', kind: 'code' },
  { key: 'website', title: 'ウェブサイト', kind: 'text' },
  { key: 'businessDescription', title: '事業内容', kind: 'text' },
  { key: 'technologies', title: '技術', kind: 'list' },
  { key: 'products', title: '製品', kind: 'list' },
  { key: 'equipment', title: '設備', kind: 'list' },
  { key: 'needs', title: 'ニーズ', kind: 'list' },
  { key: 'tags', title: 'タグ', kind: 'list' },
  { key: 'status', title: '状態', kind: 'code' },
  { key: 'closedOn', title: '閉鎖日', kind: 'date' },
  { key: 'closeReason', title: '閉鎖事由', kind: 'text' },
  { key: 'successorCorporateNumber', title: '承継先法人番号', kind: 'text' },
  { key: 'id', title: 'ID', kind: 'id' },
] as const satisfies readonly {
  key: string;
  title: string;
  kind: 'text' | 'integer' | 'list' | 'code' | 'date' | 'id';
}[];
export type BansoCsvField = (typeof BANSO_CSV_COLUMNS)[number]['key'];
