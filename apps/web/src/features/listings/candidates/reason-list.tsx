import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CandidateReasonDto } from '../../../api/matching';
import { ipcShortText } from '../ipc-text';

const TYPE_COLOR: Record<CandidateReasonDto['type'], string> = {
  term: 'blue',
  related: 'grape',
  affinity: 'teal',
  region: 'orange',
  feedback: 'gray',
};

/** The reasons behind one candidate, each with what a coordinator can check it against. */
export function ReasonList({ reasons }: { reasons: readonly CandidateReasonDto[] }) {
  const { t, i18n } = useTranslation('listings');
  const english = i18n.language === 'en';
  const sep = t('common.listSeparator');
  const fields = (names: readonly string[]) =>
    names.map((f) => t(`candidates.field.${f}`, { defaultValue: f })).join(sep);

  const text = (r: CandidateReasonDto): string => {
    switch (r.type) {
      case 'term':
        return t('candidates.termIn', { term: r.term, fields: fields(r.fields) });
      case 'related':
        return t('candidates.relatedVia', {
          term: r.term,
          via: r.via,
          source: t(`candidates.source.${r.source}`),
          fields: fields(r.fields),
        });
      case 'affinity': {
        const title = ipcShortText(r.ipc);
        const learned =
          r.learned !== 0
            ? t('candidates.affinityLearned', {
                learned: `${r.learned > 0 ? '+' : ''}${r.learned}`,
              })
            : '';
        return `${t('candidates.affinity', {
          ipc: title ? `${r.ipc}（${title}）` : r.ipc,
          jsic: r.jsic,
          value: r.value,
        })}${learned}`;
      }
      case 'region':
        if (r.level === 'partner') {
          const name = (english ? (r.nameEn ?? r.name) : r.name) ?? r.region ?? '';
          return t('candidates.region.partner', { name });
        }
        return t(`candidates.region.${r.level}`);
      case 'feedback':
        if (r.verdict === 'accepted') return t('candidates.feedback.accepted');
        return r.reason
          ? t('candidates.feedback.rejectedWithReason', { reason: r.reason })
          : t('candidates.feedback.rejected');
    }
  };

  if (reasons.length === 0) return null;
  return (
    <List listStyleType="none" spacing={4} size="sm" aria-label={t('candidates.reasonsTitle')}>
      {reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reasons are fixed for one answer
        <List.Item key={i}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge
              variant="light"
              color={TYPE_COLOR[r.type]}
              c={`${TYPE_COLOR[r.type]}.9`}
              tt="none"
              miw={84}
              style={{ flexShrink: 0 }}
            >
              {t(`candidates.reason.${r.type}`)}
            </Badge>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {text(r)}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
