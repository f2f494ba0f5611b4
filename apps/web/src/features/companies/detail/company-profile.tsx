import { Anchor, Badge, DataList, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyDto } from '../../../api/companies';
import { useFormatters } from '../../../app/preferences';
import { WordList } from '../../../components/word-list';
import { formatNumber, formatYen } from '../../../lib/format';

/** A titled block of the profile; its heading names the region for screen readers. */
export function ProfileSection({ title, children }: { title: string; children: ReactNode }) {
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

function Fields({ children }: { children: ReactNode }) {
  return (
    <DataList labelWidth="9rem" gap="xs" withDivider>
      {children}
    </DataList>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel fw={600}>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** Every field of the Company DTO, grouped as a supporter reads them. */
export function CompanyProfile({ company }: { company: CompanyDto }) {
  const { t } = useTranslation('companies');
  const format = useFormatters();
  const notSet = t('detail.notSet');
  const none = t('detail.none');
  const text = (value: string | null) => value || notSet;
  const year = new Date().getFullYear();
  const postal = company.postalCode
    ? `〒${company.postalCode.slice(0, 3)}-${company.postalCode.slice(3)}`
    : notSet;
  const jsic = company.jsicCode
    ? `${company.jsicCode} ${company.jsicName ? (format.language === 'en' ? company.jsicName.en : company.jsicName.ja) : ''}`.trim()
    : notSet;

  return (
    <>
      <ProfileSection title={t('detail.sections.basic')}>
        <Fields>
          <Field label={t('fields.corporateNumber')}>{text(company.corporateNumber)}</Field>
          <Field label={t('fields.name')}>{company.name}</Field>
          <Field label={t('fields.nameKana')}>{text(company.nameKana)}</Field>
          <Field label={t('fields.nameEn')}>{text(company.nameEn)}</Field>
          <Field label={t('fields.kind')}>{t(`kind.${company.kind}`)}</Field>
          <Field label={t('fields.jsicCode')}>{jsic}</Field>
          <Field label={t('fields.foundedYear')}>
            {company.foundedYear === null
              ? notSet
              : t('detail.foundedYear', { year: company.foundedYear })}
          </Field>
          <Field label={t('fields.employees')}>
            {company.employees === null
              ? notSet
              : t('detail.employeesCount', { formatted: formatNumber(company.employees) })}
          </Field>
          <Field label={t('fields.capitalYen')}>
            {company.capitalYen === null ? notSet : formatYen(company.capitalYen, format.language)}
          </Field>
          <Field label={t('fields.website')}>
            {company.website ? (
              <Anchor href={company.website} target="_blank" rel="noopener noreferrer">
                {company.website}
              </Anchor>
            ) : (
              notSet
            )}
          </Field>
          <Field label={t('fields.status')}>
            {t(`status.${company.status}`)}
            {company.status === 'closed' && company.closedOn
              ? `（${format.date(company.closedOn)}）`
              : null}
          </Field>
          {company.status === 'closed' ? (
            <>
              <Field label={t('fields.closeReason')}>{text(company.closeReason)}</Field>
              <Field label={t('fields.successorCorporateNumber')}>
                {text(company.successorCorporateNumber)}
              </Field>
            </>
          ) : null}
        </Fields>
      </ProfileSection>

      <ProfileSection title={t('detail.sections.location')}>
        <Fields>
          <Field label={t('fields.postalCode')}>{postal}</Field>
          <Field label={t('fields.prefecture')}>{text(company.prefecture)}</Field>
          <Field label={t('fields.municipalityCode')}>
            {company.municipalityName
              ? `${company.municipalityName}（${company.municipalityCode}）`
              : text(company.municipalityCode)}
          </Field>
          <Field label={t('fields.address')}>{text(company.address)}</Field>
        </Fields>
      </ProfileSection>

      <ProfileSection title={t('detail.sections.business')}>
        <Fields>
          <Field label={t('fields.businessDescription')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {text(company.businessDescription)}
            </Text>
          </Field>
          <Field label={t('fields.technologies')}>
            <WordList items={company.technologies} empty={none} />
          </Field>
          <Field label={t('fields.products')}>
            <WordList items={company.products} empty={none} />
          </Field>
          <Field label={t('fields.equipment')}>
            <WordList items={company.equipment} empty={none} />
          </Field>
          <Field label={t('fields.needs')}>
            <WordList items={company.needs} empty={none} />
          </Field>
        </Fields>
      </ProfileSection>

      <ProfileSection title={t('detail.sections.representative')}>
        <Fields>
          <Field label={t('fields.representativeName')}>{text(company.representativeName)}</Field>
          <Field label={t('fields.representativeBirthYear')}>
            {company.representativeBirthYear === null
              ? notSet
              : t('detail.birthYearAge', {
                  year: company.representativeBirthYear,
                  age: year - company.representativeBirthYear,
                })}
          </Field>
          <Field label={t('fields.successorStatus')}>
            {t(`successor.${company.successorStatus}`)}
          </Field>
        </Fields>
      </ProfileSection>

      <ProfileSection title={t('detail.sections.tags')}>
        {company.tags.length === 0 ? (
          <Text size="sm">{none}</Text>
        ) : (
          <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {company.tags.map((tag) => (
              <li key={tag}>
                <Badge
                  component={Link}
                  to={`/companies?tag=${encodeURIComponent(tag)}`}
                  aria-label={t('detail.tagLink', { tag })}
                  variant="outline"
                  color="gray.8"
                  tt="none"
                  size="md"
                  style={{ cursor: 'pointer' }}
                >
                  {tag}
                </Badge>
              </li>
            ))}
          </Group>
        )}
      </ProfileSection>

      <ProfileSection title={t('detail.sections.record')}>
        <Fields>
          <Field label={t('fields.createdAt')}>{format.dateTime(company.createdAt)}</Field>
          <Field label={t('fields.updatedAt')}>{format.dateTime(company.updatedAt)}</Field>
          {company.archivedAt ? (
            <Field label={t('fields.archivedAt')}>{format.dateTime(company.archivedAt)}</Field>
          ) : null}
        </Fields>
      </ProfileSection>
    </>
  );
}
