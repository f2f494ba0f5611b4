import { Alert, Button, Group, Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiDto, ProgramDetailDto } from '../../../api/programs';
import { useErrorMessage } from '../../../components/error-state';
import { describeMetric } from '../detail/kpi-records-modal';
import { unitOf } from '../program-format';
import { useDeleteKpi } from './kpi-api';
import { KpiEditorModal, type KpiEditorTarget } from './kpi-editor-modal';

/**
 * Editors manage the program's KPIs here: add one, change one (name, unit, basis, baseline,
 * notes, metric definition) or delete one. Plans and actuals are typed in the grid.
 */
export function KpiManager({ program }: { program: ProgramDetailDto }) {
  const { t } = useTranslation('programs');
  const [editing, setEditing] = useState<KpiEditorTarget | null>(null);
  const [deleting, setDeleting] = useState<KpiDto | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5">
          {t('kpiEditor.listTitle')}
        </Title>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing({ kpi: null })}
        >
          {t('kpiEditor.add')}
        </Button>
      </Group>
      {program.kpis.length > 0 ? (
        <ScrollArea type="auto" offsetScrollbars>
          <Table withTableBorder striped verticalSpacing={6}>
            <Table.Caption>{t('kpiEditor.listCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('kpiEditor.colName')}</Table.Th>
                <Table.Th scope="col">{t('kpiEditor.colUnit')}</Table.Th>
                <Table.Th scope="col">{t('kpiEditor.colBasis')}</Table.Th>
                <Table.Th scope="col">{t('kpiEditor.colSource')}</Table.Th>
                <Table.Th scope="col">{t('kpiEditor.colActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {program.kpis.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Th scope="row" fw={500}>
                    {k.name}
                  </Table.Th>
                  <Table.Td>{unitOf(k) || '—'}</Table.Td>
                  <Table.Td>
                    {k.basis === 'calendar'
                      ? t('kpiEditor.basisCalendar')
                      : t('kpiEditor.basisFiscal')}
                  </Table.Td>
                  <Table.Td>
                    {k.metric
                      ? `${t('kpi.computed')}: ${describeMetric(k.metric, t)}`
                      : t('kpiEditor.manual')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconEdit size={14} aria-hidden />}
                        aria-label={t('kpiEditor.editLabel', { name: k.name })}
                        onClick={() => setEditing({ kpi: k })}
                      >
                        {t('kpiEditor.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        leftSection={<IconTrash size={14} aria-hidden />}
                        aria-label={t('kpiEditor.deleteLabel', { name: k.name })}
                        onClick={() => setDeleting(k)}
                      >
                        {t('kpiEditor.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : null}
      <KpiEditorModal program={program} target={editing} onClose={() => setEditing(null)} />
      <DeleteKpiModal kpi={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

function DeleteKpiModal({ kpi, onClose }: { kpi: KpiDto | null; onClose: () => void }) {
  const { t } = useTranslation('programs');
  const remove = useDeleteKpi();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal
      opened={kpi !== null}
      onClose={close}
      title={t('kpiEditor.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {kpi ? (
        <Stack gap="md">
          <Text>{t('kpiEditor.deleteBody', { name: kpi.name })}</Text>
          {error ? <Alert color="red" variant="light" role="alert" title={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={async () => {
                try {
                  await remove.mutateAsync(kpi);
                  notifications.show({
                    color: 'green',
                    message: t('kpiEditor.deleted', { name: kpi.name }),
                  });
                  close();
                } catch (e) {
                  setError(errorMessage(e));
                }
              }}
            >
              {t('kpiEditor.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
