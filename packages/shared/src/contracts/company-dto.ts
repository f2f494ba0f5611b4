import { z } from 'zod';
import { LIMITS } from '../limits';
import { BoolQuery } from './common';

/**
 * Company responses, queries and enumerations: no validators that need the
 * code lists, so a client that only reads companies does not bundle them.
 */

export const COMPANY_KINDS = [
  'sme',
  'large',
  'startup',
  'university',
  'research',
  'financial',
  'public',
  'other',
] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

/** 後継者: decided (決定), candidate (候補あり), none (不在), not_needed (不要), unknown (未確認). */
export const SUCCESSOR_STATUSES = [
  'unknown',
  'decided',
  'candidate',
  'none',
  'not_needed',
] as const;
export const COMPANY_STATUSES = ['active', 'closed'] as const;

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
  .object({ version: z.number().int().positive() })
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
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'shift_jis'] as const;
export const IMPORT_MODES = ['atomic', 'batches'] as const;

export const ImportResult = z
  .object({
    id: z.uuid().nullable().meta({ description: 'The import record; null for a dry run.' }),
    status: z.enum(['dry_run', 'completed', 'rejected', 'failed', 'interrupted', 'running']),
    format: z.enum(['banso', 'nta']),
    encoding: z.enum(['utf-8', 'shift_jis']),
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
