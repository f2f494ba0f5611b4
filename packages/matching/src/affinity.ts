import affinityData from '../data/ipc-jsic-affinity.json' with { type: 'json' };

export interface AffinityTable {
  sections: Readonly<Record<string, Readonly<Record<string, number>>>>;
  classes: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export const SHIPPED_AFFINITY: AffinityTable = affinityData;

/** 'B29C 70/06', 'b29c70/06', 'Ｂ２９Ｃ' → 'B29' (the IPC class), or undefined. */
export function ipcClass(code: string): string | undefined {
  const m = /^([A-H])\s*([0-9]{2})/.exec(code.normalize('NFKC').trim().toUpperCase());
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** A JSIC code at group level or below → its major group ('1821' → '18'); a division → undefined. */
export function jsicMajorGroup(code: string | undefined): string | undefined {
  const m = /^([0-9]{2})/.exec((code ?? '').normalize('NFKC').trim());
  return m?.[1];
}

export interface AffinityMatch {
  ipc: string;
  jsic: string;
  /** From the shipped table (class, else section). */
  base: number;
  /** Learned from feedback (bounded). */
  learned: number;
  value: number;
}

/** The strongest IPC↔JSIC affinity between a seed's IPC codes and a need's JSIC code. */
export function affinityOf(
  table: AffinityTable,
  ipcCodes: readonly string[],
  jsic: string | undefined,
  learned: (ipc: string, jsic: string) => number,
): AffinityMatch | undefined {
  const major = jsicMajorGroup(jsic);
  if (!major) return undefined;
  let best: AffinityMatch | undefined;
  for (const code of ipcCodes) {
    const cls = ipcClass(code);
    if (!cls) continue;
    const base = table.classes[cls]?.[major] ?? table.sections[cls.charAt(0)]?.[major] ?? 0;
    const l = learned(cls, major);
    const value = Math.max(0, Math.min(1.5, base + l));
    if (value > 0 && (!best || value > best.value))
      best = { ipc: cls, jsic: major, base, learned: l, value };
  }
  return best;
}
