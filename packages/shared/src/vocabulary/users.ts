import { defineVocabulary } from './define';

/** A user's role in their organisation (the wording of the user menu). */
export const USER_ROLE = defineVocabulary(
  'user_role',
  ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  {
    admin: { ja: '管理者', en: 'Administrator' },
    staff: { ja: '職員', en: 'Staff' },
    coordinator: { ja: 'コーディネーター', en: 'Coordinator' },
    partner: { ja: '連携機関', en: 'Partner' },
    viewer: { ja: '閲覧のみ', en: 'Viewer' },
  },
);

/** The UI languages, each labelled in its own language. */
export const LOCALE = defineVocabulary('locale', ['ja', 'en'], {
  ja: { ja: '日本語', en: '日本語' },
  en: { ja: 'English', en: 'English' },
});
