/**
 * 国際特許分類 (IPC): codes of open patents. Titles of the 8 sections, 132 classes and 651
 * subclasses (IPC 2023.01, English, from WIPO IPCPUB) are generated into
 * packages/shared/data/ipc.json by generate.mjs. A full code names a group below a subclass:
 * `B29C 70/06` (subclass, main group / subgroup).
 */
import ipcData from '../../data/ipc.json' with { type: 'json' };

export type IpcLevel = 'section' | 'class' | 'subclass' | 'group';

const TITLES: ReadonlyMap<string, string> = /* @__PURE__ */ new Map(
  ipcData.ipc.map((r: { code: string; title: string }) => [r.code, r.title]),
);

const FULL = /^([A-H])(\d{2})?([A-Z])?(?:\s*(\d{1,4})\s*\/\s*(\d{2,6}))?$/;

/**
 * The canonical form of an IPC code (`B29C 70/06`, `B29C`, `B29`, `H`): NFKC, upper case,
 * one space between subclass and group; undefined when it is not IPC-shaped. A group needs its
 * subclass, a subclass its class.
 */
export function normalizeIpc(input: string): string | undefined {
  const s = input.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, ' ');
  const m = FULL.exec(s);
  if (!m) return undefined;
  const [, section, cls, sub, main, group] = m;
  if (sub && !cls) return undefined;
  if (main && !sub) return undefined;
  const head = `${section}${cls ?? ''}${sub ?? ''}`;
  return main ? `${head} ${Number(main)}/${group}` : head;
}

export function ipcLevel(code: string): IpcLevel {
  if (code.includes('/')) return 'group';
  return code.length === 1 ? 'section' : code.length === 3 ? 'class' : 'subclass';
}

/** The subclass (or class, section) a code lies in, e.g. `B29C 70/06` → `B29C`. */
export const ipcSubclassOf = (code: string): string => code.split(' ')[0] ?? code;

/** A valid IPC code: IPC-shaped and its section/class/subclass exists in IPC 2023.01. */
export function isValidIpc(input: string): boolean {
  const code = normalizeIpc(input);
  return code !== undefined && TITLES.has(ipcSubclassOf(code));
}

/** English title of the code's subclass (or class/section), for display beside the code. */
export function ipcTitle(input: string): string | undefined {
  const code = normalizeIpc(input);
  return code === undefined ? undefined : TITLES.get(ipcSubclassOf(code));
}
