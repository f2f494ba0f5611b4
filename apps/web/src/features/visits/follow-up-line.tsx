import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FollowUpDto } from '../../api/caravan';
import { useFormatters } from '../../app/preferences';

/** A follow-up in one line: title, status, overdue, assignee, due day. */
export function FollowUpLine({
  followUp,
  showTitle = true,
}: {
  followUp: FollowUpDto;
  showTitle?: boolean;
}) {
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  return (
    <Group gap="xs" wrap="wrap">
      {showTitle ? <Text size="sm">{followUp.title}</Text> : null}
      <Badge
        variant={followUp.status === 'done' ? 'light' : 'outline'}
        color={followUp.status === 'done' ? 'green' : 'gray.8'}
        c={followUp.status === 'done' ? '#1e5b2c' : undefined}
        style={{ flexShrink: 0, overflow: 'visible' }}
        tt="none"
      >
        {t(`followUpStatus.${followUp.status}`)}
      </Badge>
      {followUp.overdue ? (
        <Badge variant="filled" color="red.8" tt="none">
          {t('detail.overdue')}
        </Badge>
      ) : null}
      {followUp.assignee ? (
        <Text size="sm">{t('detail.assignee', { name: followUp.assignee.name })}</Text>
      ) : null}
      {followUp.dueOn ? (
        <Text size="sm">{t('detail.due', { date: format.date(followUp.dueOn) })}</Text>
      ) : null}
    </Group>
  );
}
