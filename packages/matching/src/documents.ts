/** A seed: an open patent or any other offer (SME technology, talent …), patent-shaped. */
export interface SeedDocument {
  id: string;
  /** seed kind: open_patent (default), sme_seed, talent, … (the same engine for all). */
  kind?: string;
  title?: string;
  abstract?: string;
  /** Technical fields (技術分野). */
  fields?: readonly string[];
  /** Applicable products (適用製品). */
  applicableProducts?: readonly string[];
  /** Purpose and effect (目的・効果). */
  effects?: string;
  ipc?: readonly string[];
  holder?: string;
  /** 全国地方公共団体コード or a municipality name. */
  municipality?: string;
}

/** A need: a company (SME capabilities and wishes) or any other demand, company-shaped. */
export interface NeedDocument {
  id: string;
  kind?: string;
  name?: string;
  description?: string;
  technologies?: readonly string[];
  products?: readonly string[];
  equipment?: readonly string[];
  needs?: string;
  /** JSIC code at any level ('E', '18', '182', '1821'). */
  jsic?: string;
  municipality?: string;
}

export type Side = 'seed' | 'need';

/** Index fields per side with BM25F weights (also the weights of the same fields in a query). */
export const SEED_FIELDS = [
  { name: 'title', weight: 2.0, label: { ja: '名称', en: 'title' } },
  { name: 'abstract', weight: 1.0, label: { ja: '概要', en: 'abstract' } },
  { name: 'applicableProducts', weight: 1.5, label: { ja: '適用製品', en: 'applicable products' } },
  { name: 'effects', weight: 1.0, label: { ja: '目的・効果', en: 'purpose/effect' } },
  { name: 'fields', weight: 1.2, label: { ja: '技術分野', en: 'technical fields' } },
] as const;

export const NEED_FIELDS = [
  { name: 'description', weight: 1.0, label: { ja: '事業内容', en: 'description' } },
  { name: 'technologies', weight: 2.0, label: { ja: '技術', en: 'technologies' } },
  { name: 'products', weight: 1.5, label: { ja: '製品', en: 'products' } },
  { name: 'equipment', weight: 1.2, label: { ja: '設備', en: 'equipment' } },
  { name: 'needs', weight: 1.5, label: { ja: 'ニーズ', en: 'needs' } },
] as const;

export type SeedField = (typeof SEED_FIELDS)[number]['name'];
export type NeedField = (typeof NEED_FIELDS)[number]['name'];

const join = (list: readonly string[] | undefined) => (list ?? []).join('、');

/** The texts of a seed per index field, in SEED_FIELDS order. */
export function seedTexts(d: SeedDocument): string[] {
  return [
    d.title ?? '',
    d.abstract ?? '',
    join(d.applicableProducts),
    d.effects ?? '',
    join(d.fields),
  ];
}

/** The texts of a need per index field, in NEED_FIELDS order. */
export function needTexts(d: NeedDocument): string[] {
  return [
    d.description ?? '',
    join(d.technologies),
    join(d.products),
    join(d.equipment),
    d.needs ?? '',
  ];
}
