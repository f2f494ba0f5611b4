import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Calendar, formatDate, formatDateTime, type UiLanguage } from '../lib/format';

const CALENDAR_KEY = 'banso.calendar';

interface Preferences {
  calendar: Calendar;
  setCalendar: (calendar: Calendar) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

function storedCalendar(): Calendar {
  try {
    return localStorage.getItem(CALENDAR_KEY) === 'wareki' ? 'wareki' : 'gregorian';
  } catch {
    return 'gregorian';
  }
}

/** Display preferences kept in the browser: the calendar (西暦 or 和暦) dates are shown in. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [calendar, setCalendarState] = useState<Calendar>(storedCalendar);
  const setCalendar = useCallback((next: Calendar) => {
    setCalendarState(next);
    try {
      localStorage.setItem(CALENDAR_KEY, next);
    } catch {
      // Private mode: lasts for this page only.
    }
  }, []);
  const value = useMemo(() => ({ calendar, setCalendar }), [calendar, setCalendar]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}

/** Date formatters bound to the user's language and calendar. */
export function useFormatters() {
  const { calendar } = usePreferences();
  const { i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'en' ? 'en' : 'ja';
  return useMemo(
    () => ({
      language,
      date: (value: string | Date | null | undefined) => formatDate(value, { calendar, language }),
      dateTime: (value: string | Date | null | undefined) =>
        formatDateTime(value, { calendar, language }),
    }),
    [calendar, language],
  );
}
