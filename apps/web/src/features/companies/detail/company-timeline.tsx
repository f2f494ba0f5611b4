import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../app/preferences';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/loading';

/** One event of a company's support history: a visit, a case stage, a meeting, a note, … */
export interface TimelineItem {
  /** Unique within the list (e.g. 'visit:<uuid>'). */
  id: string;
  /** ISO date-time or YYYY-MM-DD. */
  at: string;
  /** visit, case, meeting, call, note, stage, match or other; an unknown kind shows as その他. */
  kind: string;
  title: string;
  body?: string | null;
  /** Who took part (display names). */
  people?: readonly string[];
}

const KINDS = new Set(['visit', 'case', 'meeting', 'call', 'note', 'stage', 'match']);

/** Newest first; equal times keep their given order. */
export function sortTimeline(items: readonly TimelineItem[]): TimelineItem[] {
  return [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/**
 * 「支援の経過」: one timeline per company joining visits, cases, meetings and notes.
 * Features that record those pass their items in; until then it says what will appear.
 * A feature that loads its items passes `loading`, or `error` with `onRetry` when the load
 * failed: a failure is shown as one (with a retry), never as "nothing recorded yet".
 */
export function CompanyTimeline({
  items,
  loading = false,
  error = null,
  onRetry,
}: {
  items: readonly TimelineItem[];
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
}) {
  const { t } = useTranslation('companies');
  const format = useFormatters();
  const sorted = sortTimeline(items);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="company-timeline-title">
      <Title order={2} size="h4" id="company-timeline-title" mb="sm">
        {t('detail.timeline.title')}
      </Title>
      {error ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : loading ? (
        <Loading />
      ) : sorted.length === 0 ? (
        <Text>{t('detail.timeline.empty')}</Text>
      ) : (
        <Timeline
          bulletSize={14}
          lineWidth={2}
          component="ol"
          style={{ paddingLeft: 0, listStyle: 'none' }}
        >
          {sorted.map((item) => (
            <Timeline.Item
              key={item.id}
              component="li"
              title={
                <Text fw={600} size="sm" component="span">
                  {item.title}
                </Text>
              }
            >
              <Text size="sm">
                <time dateTime={item.at}>
                  {/^\d{4}-\d{2}-\d{2}$/.test(item.at)
                    ? format.date(item.at)
                    : format.dateTime(item.at)}
                </time>
                {' · '}
                {t(`detail.timeline.kinds.${KINDS.has(item.kind) ? item.kind : 'other'}`)}
              </Text>
              {item.body ? (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {item.body}
                </Text>
              ) : null}
              {item.people && item.people.length > 0 ? (
                <Text size="sm" mt={4}>
                  {t('detail.timeline.people', {
                    names: item.people.join(format.language === 'en' ? ', ' : '、'),
                  })}
                </Text>
              ) : null}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
