import { z } from 'zod';
import { ERROR_CODES, FIELD_ERROR_CODES } from '../errors';

export const FieldProblem = z
  .object({
    field: z.string().meta({ description: 'Dotted path of the field, e.g. `corporateNumber`.' }),
    code: z.enum(FIELD_ERROR_CODES),
    message: z.string().meta({ description: 'In the language chosen by Accept-Language.' }),
  })
  .meta({ id: 'FieldProblem' });

/** RFC 9457 problem details, with Banso's stable `code` and field errors. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldProblem).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Uuid = z.uuid();

export const PageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` to get the next page; null at the end.' }),
    })
    .meta({ id });

/** Turns '' into null so HTML forms and CSV cells can clear a field. */
export const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const BoolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
