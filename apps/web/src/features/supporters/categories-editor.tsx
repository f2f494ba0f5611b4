import { fieldErrorsFromZod, type IssueCategory, IssueCategoryList } from '@banso/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories, useSaveCategories } from '../../api/caravan';
import { ApiError } from '../../api/client';
import { ErrorState, useErrorMessage } from '../../components/error-state';
import { Loading } from '../../components/loading';

interface Row extends IssueCategory {
  key: number;
  /** Added here and not saved yet: may be removed (saved ones are deactivated instead). */
  added: boolean;
}

let nextKey = 1;
const toRows = (items: readonly IssueCategory[]): Row[] =>
  items.map((c) => ({ ...c, key: nextKey++, added: false }));
const toItems = (rows: readonly Row[]): IssueCategory[] =>
  rows.map(({ name, finance, active }) => ({ name: name.trim(), finance, active }));

/** Field errors of the list: the contract's, and a name used twice (the second one). */
function check(
  rows: readonly Row[],
  language: 'ja' | 'en',
  duplicate: string,
): { ok: true; items: IssueCategory[] } | { ok: false; errors: Record<string, string> } {
  const items = toItems(rows);
  const errors: Record<string, string> = {};
  const result = IssueCategoryList.safeParse({ items });
  if (!result.success)
    for (const e of fieldErrorsFromZod(result.error)) errors[e.field] ??= e.message[language];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.name && seen.has(item.name)) errors[`items.${i}.name`] ??= duplicate;
    seen.add(item.name);
  });
  return result.success && Object.keys(errors).length === 0
    ? { ok: true, items: result.data.items }
    : { ok: false, errors };
}

/** The per-tenant issue-category taxonomy: add, rename, reorder, mark finance, deactivate. */
export function CategoriesEditor() {
  const categories = useCategories();
  if (categories.isPending) return <Loading />;
  if (categories.isError)
    return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
  return <Editor key={JSON.stringify(categories.data.items)} saved={categories.data.items} />;
}

function Editor({ saved }: { saved: readonly IssueCategory[] }) {
  const { t, i18n } = useTranslation('caravan');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const save = useSaveCategories();
  const errorMessage = useErrorMessage();
  const [rows, setRows] = useState<Row[]>(() => toRows(saved));
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const dirty = JSON.stringify(toItems(rows)) !== JSON.stringify(saved);
  const label = (row: Row) => row.name.trim() || t('settings.categories.unnamed');

  const update = (index: number, change: Partial<IssueCategory>) => {
    setRows((current) => current.map((r, i) => (i === index ? { ...r, ...change } : r)));
    setErrors((current) => {
      const { [`items.${index}.name`]: _removed, ...rest } = current;
      return rest;
    });
  };
  const move = (index: number, by: -1 | 1) => {
    setErrors({});
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });
  };

  function add() {
    const name = newName.trim();
    if (!name) return setNewError(t('settings.categories.nameRequired'));
    if (rows.some((r) => r.name.trim() === name))
      return setNewError(t('settings.categories.duplicate'));
    setRows((current) => [
      ...current,
      { name, finance: false, active: true, key: nextKey++, added: true },
    ]);
    setNewName('');
    setNewError(null);
  }

  async function submit() {
    setProblem(null);
    const checked = check(rows, language, t('settings.categories.duplicate'));
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync(checked.items);
      notifications.show({ color: 'green', message: t('settings.categories.saved') });
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      setProblem(errorMessage(error));
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-categories-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-categories-title">
          {t('settings.categories.title')}
        </Title>
        <Text size="sm">{t('settings.categories.intro')}</Text>
        {problem ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={problem}
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          />
        ) : null}
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>{t('settings.categories.order')}</Table.Th>
                <Table.Th>{t('settings.categories.name')}</Table.Th>
                <Table.Th w={120}>{t('settings.categories.finance')}</Table.Th>
                <Table.Th w={90}>{t('settings.categories.active')}</Table.Th>
                <Table.Th w={120}>{t('settings.categories.move')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('settings.categories.nameOf', { n: index + 1 })}
                      value={row.name}
                      onChange={(e) => update(index, { name: e.currentTarget.value })}
                      error={errors[`items.${index}.name`]}
                      maxLength={100}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('settings.categories.financeOf', { name: label(row) })}
                      checked={row.finance}
                      onChange={(e) => update(index, { finance: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('settings.categories.activeOf', { name: label(row) })}
                      checked={row.active}
                      onChange={(e) => update(index, { active: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="default"
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                        aria-label={t('settings.categories.up', { name: label(row) })}
                      >
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        disabled={index === rows.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={t('settings.categories.down', { name: label(row) })}
                      >
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                      {row.added ? (
                        <ActionIcon
                          variant="subtle"
                          color="red.8"
                          onClick={() =>
                            setRows((current) => current.filter((_, i) => i !== index))
                          }
                          aria-label={t('settings.categories.remove', { name: label(row) })}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group gap="xs" align="flex-start">
          <TextInput
            label={t('settings.categories.newName')}
            value={newName}
            onChange={(e) => {
              setNewName(e.currentTarget.value);
              setNewError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
            error={newError}
            maxLength={100}
            w={260}
          />
          <Button
            variant="default"
            mt={25}
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={add}
          >
            {t('settings.categories.add')}
          </Button>
        </Group>
        <Group justify="space-between">
          <Text size="sm" aria-live="polite">
            {dirty ? t('settings.categories.unsaved') : ''}
          </Text>
          <Group gap="sm">
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => {
                setRows(toRows(saved));
                setErrors({});
                setProblem(null);
              }}
            >
              {t('settings.categories.reset')}
            </Button>
            <Button onClick={() => void submit()} loading={save.isPending} disabled={!dirty}>
              {t('settings.categories.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
