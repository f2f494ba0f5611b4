import { Button, Group, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconList, IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type TimelineDto, useCompanyTimeline } from '../../api/caravan';
import { useFormatters } from '../../app/preferences';
import { CompanyTimeline, type TimelineItem } from '../companies/detail/company-timeline';
import { CompanyFlagButton } from './company-flag-button';

type Entry = TimelineDto['items'][number];

/** The timeline API's visits and follow-ups as items of the company's 「支援の経過」. */
export function timelineItems(
  entries: readonly Entry[],
  t: TFunction<'caravan'>,
  formatDate: (value: string | null) => string,
): TimelineItem[] {
  const sep = t('common.listSeparator');
  return entries.map((entry) => {
    if (entry.type === 'visit') {
      const v = entry.visit;
      const issues = v.issues.map((i) => `${i.category}（${t(`raisedBy.${i.raisedBy}`)}）`);
      return {
        id: `visit:${v.id}`,
        at: v.startsAt,
        kind: v.kind === 'phone' ? 'call' : 'visit',
        title: t('timeline.visitTitle', {
          kind: t(`visitKind.${v.kind}`),
          status: t(`visitStatus.${v.status}`),
        }),
        body: [v.purpose, issues.length > 0 ? `${t('detail.issues')}: ${issues.join(sep)}` : null]
          .filter(Boolean)
          .join('\n'),
        people: v.team.map(
          (m) =>
            `${m.name}（${t(`supporterKind.${m.kind}`)}${m.role === 'lead' ? `・${t('role.lead')}` : ''}）`,
        ),
      };
    }
    const f = entry.followUp;
    const state =
      f.status === 'done'
        ? t('followUpStatus.done')
        : f.overdue
          ? t('detail.overdue')
          : t('followUpStatus.open');
    return {
      id: `follow-up:${f.id}`,
      at: entry.at,
      kind: 'other',
      title: `${t('timeline.followUpTitle', { title: f.title })}（${state}）`,
      body: [
        [
          f.assignee ? t('detail.assignee', { name: f.assignee.name }) : null,
          f.dueOn ? t('detail.due', { date: formatDate(f.dueOn) }) : null,
        ]
          .filter(Boolean)
          .join(' · '),
        f.completionNote,
      ]
        .filter(Boolean)
        .join('\n'),
    };
  });
}

/**
 * The company page's support history fed with the caravan's visits and follow-ups (with who was
 * there; CompanyTimeline shows them newest first), plus 「訪問を記録」, the visit list, the
 * briefing PDF, and the planner flag (訪問を要望 / 要望を取り消す) for those who record visits.
 */
export function CaravanTimeline({
  companyId,
  canRecord,
}: {
  companyId: string;
  canRecord: boolean;
}) {
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  const timeline = useCompanyTimeline(companyId);
  const items = timeline.data ? timelineItems(timeline.data.items, t, format.date) : [];
  return (
    <Stack gap="xs">
      <Group gap="xs" className="no-print" wrap="wrap">
        {canRecord ? (
          <Button
            component={Link}
            size="sm"
            to={`/visits/new?companyId=${companyId}`}
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            {t('timeline.record')}
          </Button>
        ) : null}
        <Button
          component={Link}
          size="sm"
          variant="default"
          to={`/visits?companyId=${companyId}`}
          leftSection={<IconList size={16} aria-hidden />}
        >
          {t('timeline.allVisits')}
        </Button>
        <Button
          component="a"
          size="sm"
          variant="default"
          href={`/api/v1/companies/${companyId}/briefing.pdf`}
          download
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
        >
          {t('detail.briefing')}
        </Button>
      </Group>
      {timeline.data?.flag || (canRecord && timeline.data) ? (
        <Group gap="xs" wrap="wrap" className="no-print">
          {timeline.data.flag ? (
            <Text size="sm">
              {t('timeline.flagged', {
                by: timeline.data.flag.supporter?.name ?? timeline.data.flag.flaggedBy,
                note: timeline.data.flag.note ?? '—',
              })}
            </Text>
          ) : null}
          {canRecord ? (
            <CompanyFlagButton companyId={companyId} flagged={timeline.data.flag !== null} />
          ) : null}
        </Group>
      ) : null}
      {timeline.data?.firstVisitOn ? (
        <Text size="sm">
          {t('timeline.firstVisit', { date: format.date(timeline.data.firstVisitOn) })}
        </Text>
      ) : null}
      <CompanyTimeline
        items={items}
        loading={timeline.isPending}
        error={timeline.data ? null : timeline.error}
        onRetry={() => void timeline.refetch()}
      />
    </Stack>
  );
}
