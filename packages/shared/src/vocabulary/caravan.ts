import { defineVocabulary } from './define';

/** 出張キャラバン隊: visits, their teams, issues and follow-ups, and the supporters. */

/** The wording of the visits page (訪問記録). */
export const VISIT_KIND = defineVocabulary(
  'visit_kind',
  ['caravan', 'follow_up', 'online', 'phone', 'event'],
  {
    caravan: { ja: '出張キャラバン', en: 'Caravan visit' },
    follow_up: { ja: 'フォローアップ', en: 'Follow-up visit' },
    online: { ja: 'オンライン', en: 'Online' },
    phone: { ja: '電話', en: 'Phone' },
    event: { ja: 'イベント', en: 'Event' },
  },
);

export const VISIT_STATUS = defineVocabulary('visit_status', ['draft', 'completed'], {
  draft: { ja: '下書き', en: 'Draft' },
  completed: { ja: '完了', en: 'Completed' },
});

export const SUPPORTER_KIND = defineVocabulary(
  'supporter_kind',
  ['staff', 'coordinator', 'expert', 'financial', 'other'],
  {
    staff: { ja: '市職員', en: 'City staff' },
    coordinator: { ja: 'コーディネーター', en: 'Coordinator' },
    expert: { ja: '専門家', en: 'Expert' },
    financial: { ja: '金融機関', en: 'Financial institution' },
    other: { ja: 'その他', en: 'Other' },
  },
);

/** A supporter's role in a visit's team. */
export const TEAM_ROLE = defineVocabulary('team_role', ['lead', 'member'], {
  lead: { ja: 'リーダー', en: 'Lead' },
  member: { ja: 'メンバー', en: 'Member' },
});

/** Who raised an issue on a visit: the owner (in their own words) or a supporter. */
export const ISSUE_RAISER = defineVocabulary('issue_raiser', ['owner', 'supporter'], {
  owner: { ja: '経営者', en: 'Owner' },
  supporter: { ja: '支援者', en: 'Supporter' },
});

export const FOLLOW_UP_STATUS = defineVocabulary('follow_up_status', ['open', 'done'], {
  open: { ja: '未完了', en: 'Open' },
  done: { ja: '完了', en: 'Done' },
});
