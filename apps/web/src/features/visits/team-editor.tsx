import {
  ActionIcon,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SupporterDto } from '../../api/caravan';
import type { TeamRow } from './visit-form-values';

/** The visit's team: supporters picked by name, each with kind, organisation, expertise and role. */
export function TeamEditor({
  team,
  supporters,
  onChange,
  error,
}: {
  team: readonly TeamRow[];
  supporters: readonly SupporterDto[];
  onChange: (team: TeamRow[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('caravan');
  const chosen = new Set(team.map((m) => m.supporterId));
  const options = supporters
    .filter((s) => s.active && !chosen.has(s.id))
    .map((s) => ({
      value: s.id,
      label: `${s.name}（${t(`supporterKind.${s.kind}`)}${s.organization ? `・${s.organization}` : ''}）`,
    }));

  function add(id: string | null) {
    const s = supporters.find((x) => x.id === id);
    if (!s) return;
    onChange([
      ...team,
      {
        supporterId: s.id,
        name: s.name,
        kind: s.kind,
        organization: s.organization,
        expertise: s.expertise,
        role: team.some((m) => m.role === 'lead') ? 'member' : 'lead',
      },
    ]);
  }

  function setRole(index: number, role: 'lead' | 'member') {
    onChange(
      team.map((m, i) => {
        if (i === index) return { ...m, role };
        // One lead: choosing a new lead makes the previous one a member.
        return role === 'lead' && m.role === 'lead' ? { ...m, role: 'member' } : m;
      }),
    );
  }

  return (
    <Stack gap="sm">
      <Select
        id="visit-team"
        label={t('form.team.add')}
        placeholder={t('form.team.addPlaceholder')}
        searchable
        data={options}
        value={null}
        onChange={add}
        error={error}
        nothingFoundMessage="—"
      />
      {team.length === 0 ? (
        <Text size="sm">{t('form.team.empty')}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {team.map((m, index) => (
            <Paper key={m.supporterId} withBorder p="xs" component="li">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600}>{m.name}</Text>
                    <Badge variant="light" color="blue" c="blue.9" tt="none">
                      {t(`supporterKind.${m.kind}`)}
                    </Badge>
                    {m.organization ? <Text size="sm">{m.organization}</Text> : null}
                  </Group>
                  {m.expertise.length > 0 ? (
                    <Group gap={4} wrap="wrap">
                      {m.expertise.map((e) => (
                        <Badge key={e} variant="outline" color="gray.8" tt="none" size="sm">
                          {e}
                        </Badge>
                      ))}
                    </Group>
                  ) : null}
                </Stack>
                <Group gap="xs" wrap="nowrap">
                  <SegmentedControl
                    size="xs"
                    aria-label={t('form.team.role', { name: m.name })}
                    value={m.role}
                    onChange={(v) => setRole(index, v as 'lead' | 'member')}
                    data={[
                      { value: 'lead', label: t('role.lead') },
                      { value: 'member', label: t('role.member') },
                    ]}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    onClick={() => onChange(team.filter((_, i) => i !== index))}
                    aria-label={t('form.team.remove', { name: m.name })}
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <VisuallyHidden aria-live="polite">
        {t('form.team.count', { count: team.length })}
      </VisuallyHidden>
    </Stack>
  );
}
