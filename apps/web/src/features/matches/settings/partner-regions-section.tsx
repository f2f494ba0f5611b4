import {
  fieldErrorsFromZod,
  findMunicipality,
  findPrefecture,
  PartnerRegionCode,
  PREFECTURES,
} from '@banso/shared';
import { Button, Group, List, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import {
  type MatchingSettingsDto,
  useMatchingSettings,
  useSaveMatchingSettings,
} from '../../../api/matching';
import { ErrorState, useErrorMessage } from '../../../components/error-state';
import { Loading } from '../../../components/loading';
import { type FormProblem, ProblemAlert } from '../../../components/problem-alert';

/**
 * 連携地域 (partner regions) of the organisation: candidates located there rank a little higher
 * and say so. Admins edit the list (a prefecture from a list, a municipality by its 地方公共団体
 * コード); everyone else who sees candidates reads it. Loaded lazily: it carries the
 * prefecture and municipality lists.
 */
export default function PartnerRegionsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('matches');
  const titleId = useId();
  const settings = useMatchingSettings();
  const codes = settings.data?.partnerRegions.map((r) => r.code) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('settings.title')}
        </Title>
        <Text size="sm">{t('settings.intro')}</Text>
        {settings.isPending ? <Loading /> : null}
        {settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : null}
        {settings.data && canEdit ? (
          <PartnerRegionsEditor key={codes.join()} saved={settings.data} />
        ) : null}
        {settings.data && !canEdit ? (
          <>
            <RegionList codes={codes} />
            <Text size="sm">{t('settings.adminOnly')}</Text>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** '09' → 栃木県（09）; '092011' → 栃木県 宇都宮市（092011）; English: Tochigi (09). */
function useRegionLabel() {
  const { t, i18n } = useTranslation('matches');
  const english = i18n.language === 'en';
  return (code: string) => {
    let name = code;
    if (code.length === 2) {
      const p = findPrefecture(code);
      if (p) name = english ? p.nameEn : p.name;
    } else {
      const m = findMunicipality(code);
      if (m) name = `${m.prefecture} ${m.name}`;
    }
    return t('settings.regionLabel', { name, code });
  };
}

function RegionList({
  codes,
  onRemove,
}: {
  codes: readonly string[];
  onRemove?: (code: string) => void;
}) {
  const { t } = useTranslation('matches');
  const label = useRegionLabel();
  if (codes.length === 0) return <Text size="sm">{t('settings.none')}</Text>;
  return (
    <List listStyleType="none" spacing={4} aria-label={t('settings.current')}>
      {codes.map((code) => (
        <List.Item key={code}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{label(code)}</Text>
            {onRemove ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                leftSection={<IconX size={12} aria-hidden />}
                aria-label={t('settings.remove', { name: label(code) })}
                onClick={() => onRemove(code)}
              >
                {t('settings.removeShort')}
              </Button>
            ) : null}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

function PartnerRegionsEditor({ saved }: { saved: MatchingSettingsDto }) {
  const { t, i18n } = useTranslation('matches');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const label = useRegionLabel();
  const save = useSaveMatchingSettings();
  const errorMessage = useErrorMessage();
  const savedCodes = saved.partnerRegions.map((r) => r.code);
  const [draft, setDraft] = useState<string[]>(sorted(savedCodes));
  const [prefecture, setPrefecture] = useState<string | null>(null);
  const [municipality, setMunicipality] = useState('');
  const [municipalityError, setMunicipalityError] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const changed = draft.join() !== sorted(savedCodes).join();

  const add = (code: string) => setDraft((d) => sorted([...d, code]));

  function addMunicipality() {
    const checked = PartnerRegionCode.safeParse(municipality);
    if (!checked.success || checked.data.length === 2) {
      const message = checked.success
        ? t('settings.municipalityFormat')
        : (fieldErrorsFromZod(checked.error)[0]?.message[language] ?? null);
      setMunicipalityError(message);
      return;
    }
    if (draft.includes(checked.data)) {
      setMunicipalityError(t('settings.duplicate'));
      return;
    }
    setMunicipalityError(null);
    setMunicipality('');
    add(checked.data);
  }

  async function submit() {
    setProblem(null);
    try {
      await save.mutateAsync({ partnerRegions: draft });
      notifications.show({ color: 'green', message: t('settings.saved') });
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors : {};
      const items = Object.entries(fields).map(([field, message]) => {
        const code = draft[Number(field.split('.')[1])];
        return code ? `${label(code)}: ${message}` : message;
      });
      setProblem({ title: errorMessage(e), items });
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {problem ? <ProblemAlert problem={problem} /> : null}
        <RegionList
          codes={draft}
          onRemove={(code) => setDraft((d) => d.filter((c) => c !== code))}
        />
        <Group align="flex-end" gap="sm">
          <Select
            label={t('settings.prefecture')}
            placeholder={t('settings.prefecturePlaceholder')}
            data={PREFECTURES.map((p) => ({
              value: p.code,
              label:
                language === 'en' ? `${p.code} ${p.nameEn}（${p.name}）` : `${p.code} ${p.name}`,
              disabled: draft.includes(p.code),
            }))}
            value={prefecture}
            onChange={setPrefecture}
            searchable
            clearable
            w={260}
          />
          <Button
            type="button"
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={!prefecture}
            onClick={() => {
              if (prefecture) add(prefecture);
              setPrefecture(null);
            }}
          >
            {t('settings.addPrefecture')}
          </Button>
        </Group>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('settings.municipality')}
            description={t('settings.municipalityHint')}
            value={municipality}
            onChange={(e) => setMunicipality(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addMunicipality();
              }
            }}
            error={municipalityError}
            inputMode="numeric"
            autoComplete="off"
            w={260}
          />
          <Button
            type="button"
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={addMunicipality}
            mt={46}
          >
            {t('settings.addMunicipality')}
          </Button>
        </Group>
        <Group gap="sm">
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('settings.save')}
          </Button>
          {changed ? <Text size="sm">{t('settings.unsaved')}</Text> : null}
        </Group>
      </Stack>
    </form>
  );
}
