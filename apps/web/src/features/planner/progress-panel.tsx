import { Group, Paper, Progress, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlannerDto } from '../../api/caravan';

/** Visits this fiscal year against the target, and the pace needed for the rest of it. */
export function ProgressPanel({
  progress: p,
  planned,
}: {
  progress: PlannerDto['progress'];
  /** Drafts already planned in the planner's period, and how many more to plan. */
  planned?: { planned: number; suggested: number };
}) {
  const { t } = useTranslation('caravan');
  const percent = p.target > 0 ? Math.min(100, Math.round((p.done / p.target) * 100)) : 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="caravan-progress" h="100%">
      <Title order={2} size="h4" id="caravan-progress" mb="xs">
        {t('planner.progress', { fy: p.fiscalYear })}
      </Title>
      <Group justify="space-between" mb={4}>
        <Text fw={700} size="lg">
          {t('planner.progressValue', { done: p.done, target: p.target })}
        </Text>
        <Text size="sm">{percent}%</Text>
      </Group>
      <Progress
        value={percent}
        color={p.onPace ? 'green.8' : 'orange.8'}
        aria-label={t('planner.progressValue', { done: p.done, target: p.target })}
      />
      <Text mt="xs" fw={600}>
        {t('planner.pace', { remaining: p.remaining, perMonth: p.neededPerMonth })}
      </Text>
      <Text size="sm">
        {p.onPace
          ? t('planner.onPace', { expected: p.expectedByNow })
          : t('planner.behind', { expected: p.expectedByNow })}
      </Text>
      {planned ? (
        <Text size="sm">
          {t('planner.planned', { planned: planned.planned, suggested: planned.suggested })}
        </Text>
      ) : null}
    </Paper>
  );
}
