import { LOCALE } from '@banso/shared';
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** 日本語 / English. Inside the shell the choice is also saved for the user (onChange). */
export function LanguageSwitch({ onChange }: { onChange?: (language: 'ja' | 'en') => void }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('preferences.language')}
      size="xs"
      value={i18n.language === 'en' ? 'en' : 'ja'}
      onChange={(value) => {
        const language = value === 'en' ? 'en' : 'ja';
        void i18n.changeLanguage(language);
        onChange?.(language);
      }}
      data={LOCALE.codes.map((code) => ({ value: code, label: LOCALE.labels[code].ja }))}
    />
  );
}
