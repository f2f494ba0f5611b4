import type { NeedDocument, SeedDocument } from './documents';

/**
 * Input records (a JSON object or a CSV row) → documents, with the field names of the batch
 * CLI: seeds `id, title, abstract, fields, applicable_products, ipc, holder` (+ `effects`,
 * `municipality`, `kind`); needs `id, name, description, technologies, products, equipment,
 * needs, jsic, municipality` (+ `kind`). Unknown fields are ignored and missing ones are empty.
 * A list is a JSON array or a string separated by `;`, `；` or `、`.
 */
export type InputRecord = Readonly<Record<string, unknown>>;

export class RecordError extends Error {
  constructor(
    readonly problem: 'missing_id' | 'not_object',
    message: string,
  ) {
    super(message);
  }
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(text).join('、');
  return String(v).trim();
}

export function listOf(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v.map(text) : text(v).split(/[;；、]/);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

function idOf(rec: InputRecord): string {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec))
    throw new RecordError('not_object', 'record is not an object');
  const id = text(rec.id);
  if (id === '') throw new RecordError('missing_id', 'record has no id');
  return id;
}

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  (value === '' ? {} : { [key]: value }) as Partial<Record<K, string>>;

export function seedFromRecord(rec: InputRecord): SeedDocument {
  return {
    id: idOf(rec),
    title: text(rec.title),
    abstract: text(rec.abstract),
    fields: listOf(rec.fields),
    applicableProducts: listOf(rec.applicable_products),
    effects: text(rec.effects),
    ipc: listOf(rec.ipc),
    ...optional('holder', text(rec.holder)),
    ...optional('municipality', text(rec.municipality)),
    ...optional('kind', text(rec.kind)),
  };
}

export function needFromRecord(rec: InputRecord): NeedDocument {
  return {
    id: idOf(rec),
    name: text(rec.name),
    description: text(rec.description),
    technologies: listOf(rec.technologies),
    products: listOf(rec.products),
    equipment: listOf(rec.equipment),
    needs: text(rec.needs),
    ...optional('jsic', text(rec.jsic)),
    ...optional('municipality', text(rec.municipality)),
    ...optional('kind', text(rec.kind)),
  };
}
