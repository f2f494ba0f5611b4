import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProgram } from '../../api/programs';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { periodText } from './program-format';
import { useCanEditPrograms } from './use-can-edit-programs';
import { ValuesEditor } from './values/values-editor';

/** /programs/:id/values: the budget and KPI figures in spreadsheet-like grids. */
export default function ProgramValuesPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('programs');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const canEdit = useCanEditPrograms();
  const program = useProgram(id);
  const back = (
    <Anchor component={Link} to={`/programs/${id}`} size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('actions.backToProgram')}
      </Group>
    </Anchor>
  );
  const title = t('values.title');
  if (program.isPending)
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={title} />
        <Loading />
      </Stack>
    );
  if (program.isError)
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={title} />
        <ErrorState error={program.error} onRetry={() => void program.refetch()} />
      </Stack>
    );
  const p = program.data;
  return (
    <Stack gap="md">
      {back}
      <div>
        <PageHeader title={title} />
        <Text fw={700} mt={-8}>
          {p.name}
        </Text>
        <Text size="sm">{periodText(p.fromFy, p.toFy, language)}</Text>
      </div>
      {canEdit ? (
        <ValuesEditor
          key={p.id}
          program={p}
          onReload={async () => (await program.refetch({ throwOnError: true })).data}
        />
      ) : (
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      )}
    </Stack>
  );
}
