import { Anchor, Button, Group, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { IconFileReport, IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ProgramDto, useAchievement, usePrograms } from '../../api/programs';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import {
  costLabelOf,
  currentFiscalYear,
  formatFigure,
  fyText,
  periodText,
  periodYears,
} from './program-format';
import { useCanEditPrograms } from './use-can-edit-programs';

/**
 * The fiscal year the list and the report show by default: the latest year, up to this one, with
 * a spent cost (事業費, not a budget) — the year a report is written for — else this year.
 */
export function defaultListYear(programs: ProgramDto[], now = currentFiscalYear()): number {
  const years = (figure: 'actual' | null) =>
    programs.flatMap((p) =>
      p.years
        .filter((y) => y.costThousandYen !== null && y.fy <= now)
        .filter((y) => figure === null || y.figure === figure)
        .map((y) => y.fy),
    );
  const spent = years('actual');
  const any = spent.length > 0 ? spent : years(null);
  return any.length > 0 ? Math.max(...any) : now;
}

/** Programs (事業): period, the chosen year's cost and grant in 千円, KPIs achieved that year. */
export default function ProgramsListPage() {
  const { t, i18n } = useTranslation('programs');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const canEdit = useCanEditPrograms();
  const [params, setParams] = useSearchParams();
  const programs = usePrograms();
  const list = programs.data?.items ?? [];
  const fyParam = Number(params.get('fy'));
  const fy = Number.isInteger(fyParam) && fyParam > 1988 ? fyParam : defaultListYear(list);
  const achievement = useAchievement(programs.isSuccess && list.length > 0 ? fy : null);

  const yearOptions = useMemo(() => {
    const years = new Set<number>([currentFiscalYear(), fy]);
    for (const p of list) for (const y of periodYears(p.fromFy, p.toFy)) years.add(y);
    return [...years]
      .sort((a, b) => b - a)
      .map((y) => ({ value: String(y), label: fyText(y, language) }));
  }, [list, fy, language]);

  const actions = (
    <>
      <Button
        component={Link}
        to={`/programs/report?fy=${fy}`}
        variant="default"
        leftSection={<IconFileReport size={16} aria-hidden />}
      >
        {t('actions.report')}
      </Button>
      {canEdit ? (
        <Button
          component={Link}
          to="/programs/new"
          leftSection={<IconPlus size={16} aria-hidden />}
        >
          {t('actions.create')}
        </Button>
      ) : null}
    </>
  );

  if (programs.isPending)
    return (
      <>
        <PageHeader title={t('title')} />
        <Loading />
      </>
    );
  if (programs.isError)
    return (
      <>
        <PageHeader title={t('title')} />
        <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
      </>
    );
  if (list.length === 0)
    return (
      <>
        <PageHeader title={t('title')} />
        <EmptyState
          title={t('list.emptyTitle')}
          description={canEdit ? t('list.emptyEditor') : t('list.emptyViewer')}
          action={
            canEdit ? (
              <Button
                component={Link}
                to="/programs/new"
                leftSection={<IconPlus size={16} aria-hidden />}
              >
                {t('actions.create')}
              </Button>
            ) : undefined
          }
        />
      </>
    );

  const byProgram = new Map(achievement.data?.programs.map((a) => [a.programId, a]) ?? []);
  return (
    <>
      <PageHeader title={t('title')} actions={actions} />
      <Stack gap="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select
            label={t('list.year')}
            data={yearOptions}
            value={String(fy)}
            allowDeselect={false}
            onChange={(value) => {
              if (!value) return;
              const next = new URLSearchParams(params);
              next.set('fy', value);
              setParams(next, { replace: true });
            }}
            w={240}
          />
          {achievement.data && achievement.data.evaluated > 0 ? (
            <Text size="sm" pb={8}>
              {t('list.overall', {
                year: fyText(fy, language),
                evaluated: achievement.data.evaluated,
                achieved: achievement.data.achieved,
                share: formatFigure(achievement.data.share),
              })}
            </Text>
          ) : null}
        </Group>
        {achievement.isError ? (
          <ErrorState error={achievement.error} onRetry={() => void achievement.refetch()} />
        ) : null}
        <ScrollArea type="auto" offsetScrollbars>
          <Table
            striped
            highlightOnHover
            withTableBorder
            verticalSpacing="sm"
            miw={640}
            captionSide="top"
          >
            <Table.Caption>{t('list.caption', { year: fyText(fy, language) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.name')}</Table.Th>
                <Table.Th scope="col">{t('fields.period')}</Table.Th>
                <Table.Th scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('list.cost')}
                </Table.Th>
                <Table.Th scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('list.grant')}
                </Table.Th>
                <Table.Th scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('list.achievement')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((p) => {
                const y = p.years.find((v) => v.fy === fy);
                const active = fy >= p.fromFy && fy <= p.toFy;
                const a = byProgram.get(p.id);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} to={`/programs/${p.id}`}>
                        {p.name}
                      </Anchor>
                      {p.scheme ? (
                        <Text size="xs" fw={400} mt={2}>
                          {t('detail.schemeBadge', { scheme: p.scheme })}
                        </Text>
                      ) : null}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{periodText(p.fromFy, p.toFy, language)}</Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {y && y.costThousandYen !== null ? (
                        <>
                          {formatFigure(y.costThousandYen)}
                          <Text span size="xs" ml={4}>
                            {y.figure === 'budget' ? costLabelOf(y) : ''}
                          </Text>
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatFigure(y?.grantThousandYen)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {!active
                        ? t('list.outsidePeriod')
                        : a && a.evaluated > 0
                          ? t('list.achievedOf', { achieved: a.achieved, evaluated: a.evaluated })
                          : '—'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Stack>
    </>
  );
}
