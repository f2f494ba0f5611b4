/**
 * A valid value for a request schema (body or query), made from its JSON Schema (the zod
 * contract's `z.toJSONSchema`, the same the OpenAPI document shows): every required property,
 * and with `full` every optional one too, so the isolation harness can put another
 * organisation's ids into every id field and the fuzz harness can mutate every field. Values
 * come from the schema (const, enum, example, format, bounds) and, where a zod refinement is
 * not visible in JSON Schema (法人番号 check digit, JSIC, municipality codes), from a short list
 * of known-good values by property name. Deterministic: the same schema gives the same value.
 */

export type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Where an id goes: the property name (`companyId`, `supporterId`, `id`) and its path. */
export type IdFor = (property: string, path: readonly string[]) => string;

/** Known-good values the JSON Schema cannot express (zod refinements), by property name. */
const KNOWN: Record<string, unknown> = {
  corporateNumber: '1180301018771',
  jsicCode: 'E',
  jsicPrefix: '09',
  municipalityCode: '141305',
  municipalityPrefix: '14',
  municipality: '141305',
  postalCode: '2100007',
  ipc: 'B29C',
  partnerRegions: ['09'],
  representativeBirthYear: 1960,
  password: 'correct-horse-battery-staple',
  currentPassword: 'correct-horse-battery-staple',
  newPassword: 'another-correct-horse-battery',
  organization: 'no-such-organisation',
  email: 'someone@example.jp',
  website: 'https://example.jp/',
  version: 1,
  month: '2025-06',
  mapping: '名称=名称',
  fileName: 'import.csv',
};

const FY = /(^fy$|fiscalYear|Fy$)/;
/** Optional properties whose values only the server makes (a page cursor): left out. */
const OPAQUE = new Set(['cursor']);
/** Text properties that hold ids without a uuid format (audit's entityId, a report's programs). */
const ID_TEXT = /^(entityId|programs)$/;

export function resolve(root: JsonSchema, s: JsonSchema): JsonSchema {
  let out = s;
  for (let i = 0; out.$ref && i < 20; i++) {
    const name = out.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`unresolved $ref ${out.$ref}`);
    out = { ...target, ...Object.fromEntries(Object.entries(out).filter(([k]) => k !== '$ref')) };
  }
  return out;
}

const typesOf = (s: JsonSchema): string[] =>
  s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];

function sampleString(s: JsonSchema, property: string, path: string[], idFor: IdFor): string {
  if (s.format === 'uuid' || ID_TEXT.test(property)) return idFor(property, path);
  if (s.format === 'date-time') return '2025-06-03T10:00:00+09:00';
  if (s.format === 'date') return '2025-06-03';
  if (s.format === 'email') return 'someone@example.jp';
  if (s.format === 'uri') return 'https://example.jp/';
  const known = KNOWN[property];
  if (typeof known === 'string') return known;
  if (typeof s.example === 'string') return s.example;
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    for (const candidate of ['a-b-c', 'sample', '2025-06', '2025-06-03', 'ab', 'A1'])
      if (re.test(candidate)) return candidate;
  }
  const min = s.minLength ?? 1;
  const word = `${property || 'value'}サンプル`;
  const text = word.repeat(Math.ceil(Math.max(min, 1) / word.length));
  return text.slice(0, Math.max(min, Math.min(text.length, s.maxLength ?? text.length)));
}

function sampleNumber(s: JsonSchema, property: string): number {
  const known = KNOWN[property];
  if (typeof known === 'number') return known;
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  const hi = s.maximum;
  let n = FY.test(property) ? 2025 : 1;
  if (lo !== undefined && n < lo) n = lo;
  if (hi !== undefined && n > hi) n = hi;
  return n;
}

export interface SampleOptions {
  /** Every optional property too (else only the required ones). */
  full: boolean;
  idFor: IdFor;
}

/** A value valid for the schema (checked by the caller with the zod contract itself). */
export function sampleOf(root: JsonSchema, options: SampleOptions): unknown {
  const visit = (raw: JsonSchema, property: string, path: string[], depth: number): unknown => {
    const s = resolve(root, raw);
    if (s.const !== undefined) return s.const;
    if (s.allOf?.length) return visit(s.allOf[0] as JsonSchema, property, path, depth);
    const options2 = s.anyOf ?? s.oneOf;
    if (options2?.length) {
      const nonNull = options2.find((o) => !typesOf(resolve(root, o)).includes('null'));
      return visit(nonNull ?? (options2[0] as JsonSchema), property, path, depth);
    }
    const known = KNOWN[property];
    if (known !== undefined) {
      const t = typesOf(s);
      const fits = Array.isArray(known)
        ? t.includes('array')
        : t.includes(
            typeof known === 'number'
              ? t.includes('integer')
                ? 'integer'
                : 'number'
              : typeof known,
          );
      if (fits) return known;
    }
    if (s.enum?.length) return s.enum[0];
    const types = typesOf(s).filter((t) => t !== 'null');
    const type = types[0] ?? (s.properties ? 'object' : s.items ? 'array' : 'string');
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        const required = new Set(s.required ?? []);
        for (const [key, child] of Object.entries(s.properties ?? {})) {
          if (!required.has(key) && (!(options.full && depth < 6) || OPAQUE.has(key))) continue;
          out[key] = visit(child, key, [...path, key], depth + 1);
        }
        return out;
      }
      case 'array': {
        if (s.prefixItems)
          return s.prefixItems.map((x, i) => visit(x, property, [...path, String(i)], depth + 1));
        const count = Math.max(s.minItems ?? 0, options.full && depth < 6 ? 1 : 0);
        if (!s.items) return [];
        return Array.from({ length: Math.min(count, s.maxItems ?? count) }, (_, i) =>
          visit(s.items as JsonSchema, property, [...path, String(i)], depth + 1),
        );
      }
      case 'integer':
      case 'number':
        return sampleNumber(s, property);
      case 'boolean':
        return false;
      default:
        return sampleString(s, property, path, options.idFor);
    }
  };
  return visit(root, '', [], 0);
}

/** Leaf and container paths of a JSON value (for mutation), root excluded. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const p = [...prefix, key];
    out.push(p, ...pathsOf(child, p));
  }
  return out;
}

/** A deep copy of `value` with the value at `path` replaced. */
export function withValueAt(
  value: unknown,
  path: readonly string[],
  replacement: unknown,
): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = withValueAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const obj = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { ...obj, [head]: withValueAt(obj[head], rest, replacement) };
}
