import { defineVocabulary } from './define';

/** 企業台帳: the wording of the companies pages (list and detail). */

export const COMPANY_KIND = defineVocabulary(
  'company_kind',
  ['sme', 'large', 'startup', 'university', 'research', 'financial', 'public', 'other'],
  {
    sme: { ja: '中小企業', en: 'SME' },
    large: { ja: '大企業', en: 'Large company' },
    startup: { ja: 'スタートアップ', en: 'Startup' },
    university: { ja: '大学', en: 'University' },
    research: { ja: '研究機関', en: 'Research institute' },
    financial: { ja: '金融機関', en: 'Financial institution' },
    public: { ja: '公的機関', en: 'Public body' },
    other: { ja: 'その他', en: 'Other' },
  },
);

/** 後継者: decided (決定), candidate (候補あり), none (不在), not_needed (不要), unknown (未確認). */
export const SUCCESSOR_STATUS = defineVocabulary(
  'successor_status',
  ['unknown', 'decided', 'candidate', 'none', 'not_needed'],
  {
    unknown: { ja: '未確認', en: 'Not checked' },
    decided: { ja: '決定', en: 'Decided' },
    candidate: { ja: '候補あり', en: 'Candidate' },
    none: { ja: '不在', en: 'None' },
    not_needed: { ja: '不要', en: 'Not needed' },
  },
);

/** Closure comes from the 国税庁 data as a status; companies are archived, never deleted. */
export const COMPANY_STATUS = defineVocabulary('company_status', ['active', 'closed'], {
  active: { ja: '営業中', en: 'Active' },
  closed: { ja: '閉鎖', en: 'Closed' },
});
