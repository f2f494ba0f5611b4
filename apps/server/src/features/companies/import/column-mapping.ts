import { type BansoField, findBansoColumn } from './banso-columns';

/**
 * A column mapping for files from other sources: Banso field (Japanese title or English name)
 * → the file's own header. Written `名称=会社名,法人番号=法人番号` on the command line, or as a
 * JSON object `{"名称":"会社名"}` (API, or the CLI when the value starts with '{').
 */
export type ColumnMapping = ReadonlyMap<BansoField, string>;

export class ColumnMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid column mapping: ${problems.join('; ')}`);
    this.name = 'ColumnMappingError';
  }
}

/** Parses either form; throws ColumnMappingError naming every problem. */
export function parseColumnMapping(
  input: string | Readonly<Record<string, unknown>>,
): ColumnMapping {
  const pairs: [string, unknown][] = [];
  if (typeof input === 'string') {
    const text = input.trim();
    if (text.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ColumnMappingError(['not valid JSON']);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ColumnMappingError(['JSON must be an object']);
      }
      pairs.push(...Object.entries(parsed));
    } else {
      for (const part of text.split(',')) {
        if (part.trim() === '') continue;
        const eq = part.indexOf('=');
        pairs.push(eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)]);
      }
    }
  } else {
    pairs.push(...Object.entries(input));
  }

  const problems: string[] = [];
  const mapping = new Map<BansoField, string>();
  for (const [target, source] of pairs) {
    const column = findBansoColumn(target);
    if (!column) problems.push(`unknown Banso field "${target.trim()}"`);
    else if (typeof source !== 'string' || source.trim() === '')
      problems.push(`no source column for "${target.trim()}"`);
    else if (mapping.has(column.key)) problems.push(`"${column.title}" is mapped twice`);
    else mapping.set(column.key, source.trim());
  }
  if (problems.length === 0 && mapping.size === 0) problems.push('empty mapping');
  if (problems.length > 0) throw new ColumnMappingError(problems);
  return mapping;
}

/** The mapping as a plain object of English field names, for the import record. */
export const mappingToJson = (mapping: ColumnMapping): Record<string, string> =>
  Object.fromEntries(mapping);
