import { defineVocabulary } from './define';

/** マッチング: listings (the wording of the listings page) and matches (the matches page). */

/** What a listing is; its side says whether it is offered (seed) or wanted (need). */
export const LISTING_KIND = defineVocabulary(
  'listing_kind',
  [
    'open_patent',
    'sme_seed',
    'large_need',
    'life_science_seed',
    'life_science_need',
    'welfare_need',
    'talent',
    'startup_role',
  ],
  {
    open_patent: { ja: '開放特許', en: 'Open patent' },
    sme_seed: { ja: '中小企業のシーズ', en: 'SME seed' },
    large_need: { ja: '大企業のニーズ', en: 'Large company need' },
    life_science_seed: { ja: 'ライフサイエンスのシーズ', en: 'Life-science seed' },
    life_science_need: { ja: 'ライフサイエンスのニーズ', en: 'Life-science need' },
    welfare_need: { ja: '福祉現場のニーズ', en: 'Welfare-field need' },
    talent: { ja: '副業・兼業人材', en: 'Side-job talent' },
    startup_role: { ja: 'スタートアップの求人', en: 'Startup role' },
  },
);

export const LISTING_STATUS = defineVocabulary(
  'listing_status',
  ['offered', 'licensed', 'withdrawn', 'expired'],
  {
    offered: { ja: '提供中', en: 'Offered' },
    licensed: { ja: '許諾済み', en: 'Licensed' },
    withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
    expired: { ja: '権利消滅', en: 'Expired' },
  },
);

/** 実施許諾 offered: none, non-exclusive (通常実施権), exclusive (専用実施権), either. */
export const LICENSING_OFFER = defineVocabulary(
  'licensing_offer',
  ['none', 'non_exclusive', 'exclusive', 'either'],
  {
    none: { ja: '実施許諾なし', en: 'No licence' },
    non_exclusive: { ja: '通常実施権', en: 'Non-exclusive' },
    exclusive: { ja: '専用実施権', en: 'Exclusive' },
    either: { ja: '通常・専用いずれも可', en: 'Exclusive or non-exclusive' },
  },
);

/** A coordinator's verdict on an engine candidate. */
export const DECISION_VERDICT = defineVocabulary('decision_verdict', ['accepted', 'rejected'], {
  accepted: { ja: '採用済み', en: 'Accepted' },
  rejected: { ja: '見送り', en: 'Rejected' },
});

/** The licence pipeline's stages, in order. */
export const MATCH_STAGE = defineVocabulary(
  'match_stage',
  [
    'candidate',
    'introduced',
    'meeting',
    'negotiating',
    'contracted',
    'prototyping',
    'commercialized',
  ],
  {
    candidate: { ja: '候補', en: 'Candidate' },
    introduced: { ja: '紹介', en: 'Introduced' },
    meeting: { ja: '面談', en: 'Meeting' },
    negotiating: { ja: '条件交渉', en: 'Negotiating' },
    contracted: { ja: '契約（成約）', en: 'Contracted' },
    prototyping: { ja: '試作・評価', en: 'Prototyping' },
    commercialized: { ja: '製品化', en: 'Commercialised' },
  },
);
export type MatchStageCode = (typeof MATCH_STAGE.codes)[number];

/**
 * The licence pipeline (pure data): 候補 → 紹介 → 面談 → 条件交渉 → 契約(成約) → 試作・評価 →
 * 製品化, forward only. Early stages may be skipped (a meeting without a recorded introduction),
 * but the stages after the gate need the gate reached first: no product before the licence.
 */
export const MATCH_PIPELINE = {
  stages: MATCH_STAGE.codes,
  gate: 'contracted',
  afterGate: ['prototyping', 'commercialized'],
} as const satisfies {
  stages: readonly MatchStageCode[];
  gate: MatchStageCode;
  afterGate: readonly MatchStageCode[];
};

/** A stage's place in the pipeline (0 = 候補). */
export const stageIndex = (stage: MatchStageCode): number => MATCH_STAGE.codes.indexOf(stage);

/** The stages a match may move to: every later one (early stages may be skipped). */
export const laterStages = (stage: MatchStageCode): MatchStageCode[] =>
  MATCH_STAGE.codes.slice(stageIndex(stage) + 1);

export const MATCH_STATUS = defineVocabulary('match_status', ['active', 'dropped'], {
  active: { ja: '進行中', en: 'Active' },
  dropped: { ja: '不成立', en: 'Dropped' },
});

/** How a match came about (Kawasaki's routes to a licence). */
export const MATCH_ORIGIN = defineVocabulary(
  'match_origin',
  [
    'open_meeting',
    'closed_meeting',
    'individual',
    'creator_proposal',
    'online_wide_area',
    'engine',
    'other',
  ],
  {
    open_meeting: { ja: '知財マッチング会（公開）', en: 'IP matching meeting (open)' },
    closed_meeting: { ja: '個別マッチング会（非公開）', en: 'Closed matching meeting' },
    individual: { ja: '個別紹介', en: 'Individual introduction' },
    creator_proposal: { ja: 'クリエイターの提案', en: 'Creator’s proposal' },
    online_wide_area: { ja: 'オンライン広域連携', en: 'Online, with a partner region' },
    engine: { ja: 'マッチング候補から採用', en: 'Accepted candidate' },
    other: { ja: 'その他', en: 'Other' },
  },
);

export const LICENSE_TYPE = defineVocabulary(
  'license_type',
  ['non_exclusive', 'exclusive', 'assignment', 'other'],
  {
    non_exclusive: { ja: '通常実施権', en: 'Non-exclusive' },
    exclusive: { ja: '専用実施権', en: 'Exclusive' },
    assignment: { ja: '譲渡', en: 'Assignment' },
    other: { ja: 'その他', en: 'Other' },
  },
);

export const ROYALTY_TYPE = defineVocabulary(
  'royalty_type',
  ['lump_sum', 'running', 'lump_sum_and_running', 'free', 'other'],
  {
    lump_sum: { ja: '一時金', en: 'Lump sum' },
    running: { ja: 'ランニングロイヤリティ', en: 'Running royalty' },
    lump_sum_and_running: { ja: '一時金＋ランニング', en: 'Lump sum and running' },
    free: { ja: '無償', en: 'Free' },
    other: { ja: 'その他', en: 'Other' },
  },
);
