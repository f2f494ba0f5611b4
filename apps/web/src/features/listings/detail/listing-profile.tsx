import { Anchor, DataList, Paper, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListingDto } from '../../../api/listings';
import { useFormatters } from '../../../app/preferences';
import { WordList } from '../../../components/word-list';
import { ipcText } from '../ipc-text';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel fw={600}>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** Every field of a listing, grouped as a coordinator reads an INPIT record. */
export function ListingProfile({ listing: l }: { listing: ListingDto }) {
  const { t } = useTranslation('listings');
  const format = useFormatters();
  const notSet = t('detail.notSet');
  const text = (value: string | null) => value || notSet;
  const date = (value: string | null) => (value ? format.date(value) : notSet);
  return (
    <>
      <Section title={t('detail.sections.technology')}>
        <DataList labelWidth="9rem" gap="xs" withDivider>
          <Field label={t('fields.abstract')}>{text(l.abstract)}</Field>
          <Field label={t('fields.applicableProducts')}>
            <WordList items={l.applicableProducts} empty={notSet} />
          </Field>
          <Field label={t('fields.technicalFields')}>
            <WordList items={l.technicalFields} empty={notSet} />
          </Field>
          <Field label={t('fields.functions')}>
            <WordList items={l.functions} empty={notSet} />
          </Field>
          <Field label={t('fields.purpose')}>{text(l.purpose)}</Field>
          <Field label={t('fields.effect')}>{text(l.effect)}</Field>
          <Field label={t('fields.claims')}>{text(l.claims)}</Field>
        </DataList>
      </Section>
      <Section title={t('detail.sections.classification')}>
        {l.ipc.length === 0 ? (
          <Text size="sm">{notSet}</Text>
        ) : (
          <DataList labelWidth="9rem" gap="xs" withDivider>
            {l.ipc.map((code) => (
              <Field key={code} label={code}>
                <span lang="en">{ipcText(code) ?? t('detail.ipcUnknown')}</span>
              </Field>
            ))}
          </DataList>
        )}
      </Section>
      <Section title={t('detail.sections.numbers')}>
        <DataList labelWidth="9rem" gap="xs" withDivider>
          <Field label={t('fields.patentNumber')}>{text(l.patentNumber)}</Field>
          <Field label={t('fields.applicationNumber')}>{text(l.applicationNumber)}</Field>
          <Field label={t('fields.publicationNumber')}>{text(l.publicationNumber)}</Field>
          <Field label={t('fields.filedOn')}>{date(l.filedOn)}</Field>
          <Field label={t('fields.registeredOn')}>{date(l.registeredOn)}</Field>
        </DataList>
      </Section>
      <Section title={t('detail.sections.terms')}>
        <DataList labelWidth="9rem" gap="xs" withDivider>
          <Field label={t('fields.holder')}>
            {l.holderCompanyId ? (
              <Anchor component={Link} to={`/companies/${l.holderCompanyId}`}>
                {l.holderName ?? notSet}
              </Anchor>
            ) : (
              text(l.holderName)
            )}
          </Field>
          <Field label={t('fields.assignmentOffered')}>
            {l.assignmentOffered ? t('detail.assignmentYes') : t('detail.assignmentNo')}
          </Field>
          <Field label={t('fields.licensing')}>{t(`licensing.${l.licensing}`)}</Field>
          <Field label={t('fields.licensingRecord')}>{text(l.licensingRecord)}</Field>
          <Field label={t('fields.licenseConditions')}>{text(l.licenseConditions)}</Field>
          <Field label={t('fields.contact')}>{text(l.contact)}</Field>
        </DataList>
      </Section>
      <Section title={t('detail.sections.management')}>
        <DataList labelWidth="9rem" gap="xs" withDivider>
          <Field label={t('fields.status')}>{t(`status.${l.status}`)}</Field>
          <Field label={t('fields.verifiedOn')}>{date(l.verifiedOn)}</Field>
          <Field label={t('fields.source')}>{text(l.source)}</Field>
          <Field label={t('fields.externalId')}>{text(l.externalId)}</Field>
          <Field label={t('fields.municipalityCode')}>{text(l.municipalityCode)}</Field>
          <Field label={t('fields.createdAt')}>{format.dateTime(l.createdAt)}</Field>
          <Field label={t('fields.updatedAt')}>{format.dateTime(l.updatedAt)}</Field>
        </DataList>
      </Section>
    </>
  );
}
