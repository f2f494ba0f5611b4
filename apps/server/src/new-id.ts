import { randomUUID } from 'node:crypto';
import type { IdSchema } from '@banso/shared';
import type { z } from 'zod';

/** A fresh id of one entity, branded by its schema: `newId(CompanyId)`. */
export const newId = <S extends IdSchema>(schema: S): z.output<S> => schema.parse(randomUUID());
