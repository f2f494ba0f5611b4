import type { AffinityMatch } from './affinity';
import type { QueryTerm } from './engine';
import type { FeedbackRecord } from './feedback';
import type { InvertedIndex } from './inverted-index';

/** Why a candidate was proposed — what a coordinator can check. */
export type Reason =
  | {
      type: 'term';
      /** The shared term (analysed form). */
      term: string;
      /** Candidate fields the term was found in. */
      fields: string[];
      contribution: number;
    }
  | {
      type: 'related';
      /** The candidate's term. */
      term: string;
      /** The query document's term it is related to, and how. */
      via: string;
      source: 'synonym' | 'thesaurus' | 'learned';
      fields: string[];
      contribution: number;
    }
  | { type: 'affinity'; ipc: string; jsic: string; value: number; learned: number; boost: number }
  | { type: 'region'; level: 'municipality' | 'prefecture' }
  | {
      type: 'region';
      /** In one of the organisation's partner regions (連携地域). */
      level: 'partner';
      /** The partner region's code as configured (prefecture 2 digits, municipality 6). */
      region: string;
      /** '栃木県', '栃木県 宇都宮市' when the code is known. */
      name?: string;
      /** Prefectures only: 'Tochigi'. */
      nameEn?: string;
    }
  | { type: 'feedback'; verdict: 'accepted' | 'rejected'; reason?: string; factor: number };

/** Where a candidate lies relative to the query document or the organisation's partner regions. */
export type RegionMatch =
  | { level: 'municipality' | 'prefecture' }
  | { level: 'partner'; region: string; name?: string; nameEn?: string };

const MAX_TERMS = 6;
const MAX_RELATED = 4;

export interface ExplainInput {
  query: ReadonlyMap<string, QueryTerm>;
  target: InvertedIndex;
  targetFields: readonly { name: string }[];
  slot: number;
  affinity: AffinityMatch | undefined;
  affinityBoost: number;
  region: RegionMatch | undefined;
  decision: FeedbackRecord | undefined;
  rejectedFactor: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function explain(input: ExplainInput): Reason[] {
  const terms: Reason[] = [];
  const related: Reason[] = [];
  for (const [term, q] of input.query) {
    const counts = input.target.fieldCounts(input.slot, term);
    if (!counts) continue;
    const contribution = r3(input.target.termScore(input.slot, term, q.weight));
    const fields = input.targetFields.filter((_, f) => (counts[f] ?? 0) > 0).map((f) => f.name);
    if (q.via)
      related.push({
        type: 'related',
        term,
        via: q.via.term,
        source: q.via.source,
        fields,
        contribution,
      });
    else terms.push({ type: 'term', term, fields, contribution });
  }
  const byContribution = (a: Reason, b: Reason) =>
    ('contribution' in b ? b.contribution : 0) - ('contribution' in a ? a.contribution : 0);
  // Character bigrams are a fallback: shown only when nothing better explains the match.
  const words = terms
    .sort(byContribution)
    .filter((r, _, all) => !(r.type === 'term' && isBigram(r.term) && all.length > 1));
  const reasons: Reason[] = [
    ...words.slice(0, MAX_TERMS),
    ...related.sort(byContribution).slice(0, MAX_RELATED),
  ];
  if (input.affinity)
    reasons.push({
      type: 'affinity',
      ipc: input.affinity.ipc,
      jsic: input.affinity.jsic,
      value: r3(input.affinity.value),
      learned: r3(input.affinity.learned),
      boost: r3(input.affinityBoost),
    });
  if (input.region) reasons.push({ type: 'region', ...input.region });
  if (input.decision)
    reasons.push({
      type: 'feedback',
      verdict: input.decision.verdict,
      ...(input.decision.reason ? { reason: input.decision.reason } : {}),
      factor: input.decision.verdict === 'rejected' ? input.rejectedFactor : 1,
    });
  return reasons;
}

const isBigram = (t: string) => Array.from(t).length === 2 && /^[\u30a0-\u30ff]+$/.test(t);

const FIELD_JA: Record<string, string> = {
  title: '名称',
  abstract: '概要',
  applicableProducts: '適用製品',
  effects: '目的・効果',
  fields: '技術分野',
  description: '事業内容',
  technologies: '技術',
  products: '製品',
  equipment: '設備',
  needs: 'ニーズ',
};
const SOURCE = {
  synonym: { ja: '同義語', en: 'synonym' },
  thesaurus: { ja: '関連語', en: 'related term' },
  learned: { ja: '過去の成約から学習', en: 'learned from accepted matches' },
} as const;

/** One short sentence per language from the reasons. */
export function summarize(reasons: readonly Reason[]): { ja: string; en: string } {
  const ja: string[] = [];
  const en: string[] = [];
  const shared = reasons.filter((r) => r.type === 'term').slice(0, 3);
  if (shared.length > 0) {
    ja.push(
      `共通語 ${shared.map((r) => `「${r.term}」(${r.fields.map((f) => FIELD_JA[f] ?? f).join('・')})`).join('')}`,
    );
    en.push(`shared terms ${shared.map((r) => `"${r.term}" (${r.fields.join(', ')})`).join(', ')}`);
  }
  const rel = reasons.filter((r) => r.type === 'related').slice(0, 2);
  if (rel.length > 0) {
    ja.push(`${rel.map((r) => `「${r.term}」は「${r.via}」の${SOURCE[r.source].ja}`).join('、')}`);
    en.push(rel.map((r) => `"${r.term}" is a ${SOURCE[r.source].en} of "${r.via}"`).join(', '));
  }
  for (const r of reasons) {
    if (r.type === 'affinity') {
      ja.push(
        `IPC ${r.ipc} と産業分類 ${r.jsic} の親和性 ${r.value}${r.learned !== 0 ? `（学習 ${r.learned > 0 ? '+' : ''}${r.learned}）` : ''}`,
      );
      en.push(
        `IPC ${r.ipc} fits JSIC ${r.jsic} (${r.value}${r.learned !== 0 ? `, learned ${r.learned > 0 ? '+' : ''}${r.learned}` : ''})`,
      );
    } else if (r.type === 'region') {
      if (r.level === 'partner') {
        ja.push(`連携地域（${r.name ?? r.region}）`);
        en.push(`partner region (${r.nameEn ?? r.name ?? r.region})`);
      } else {
        ja.push(r.level === 'municipality' ? '同じ市区町村' : '同じ都道府県');
        en.push(r.level === 'municipality' ? 'same municipality' : 'same prefecture');
      }
    } else if (r.type === 'feedback') {
      ja.push(
        r.verdict === 'rejected'
          ? `以前に見送り${r.reason ? `（${r.reason}）` : ''}のため順位を下げた`
          : '以前に採用済み',
      );
      en.push(
        r.verdict === 'rejected'
          ? `rejected before${r.reason ? ` (${r.reason})` : ''}, ranked lower`
          : 'accepted before',
      );
    }
  }
  return {
    ja: ja.length > 0 ? `${ja.join('、')}。` : '共通する語はありません。',
    en:
      en.length > 0
        ? `${en.join('; ')}.`.replace(/^./, (c) => c.toUpperCase())
        : 'No shared terms.',
  };
}
