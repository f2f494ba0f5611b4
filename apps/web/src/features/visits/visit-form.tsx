import { VISIT_KINDS, type VisitStatus } from '@banso/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  List,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type SupporterDto,
  useCategories,
  useSaveVisit,
  useSupporters,
  type VisitDto,
} from '../../api/caravan';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../components/error-state';
import { ProblemAlert } from '../../components/problem-alert';
import { fieldMessage } from '../../lib/field-errors';
import { CompanyPicker } from './company-picker';
import { TeamEditor } from './team-editor';
import { TeamProposalButton } from './team-proposal';
import {
  emptyVisitValues,
  type FieldErrors,
  formPath,
  rowKey,
  type TeamRow,
  type VisitFormValues,
  validateCreate,
  validateUpdate,
  visitToValues,
} from './visit-form-values';

const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

export interface VisitFormProps {
  visit?: VisitDto;
  /** Initial values for a new visit (company and team from the planner). */
  initial?: Partial<VisitFormValues>;
}

/**
 * 訪問記録: the visit, its team, the owner's words, issues (who raised them), follow-ups.
 * Validated with the API's contracts before sending; field errors from the API show beside
 * their fields. A completed visit stays editable; the server audits every change.
 */
export function VisitForm({ visit, initial }: VisitFormProps) {
  const { t, i18n } = useTranslation('caravan');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const supporters = useSupporters({});
  const categories = useCategories();
  const save = useSaveVisit();
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [stale, setStale] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const roster: readonly SupporterDto[] = supporters.data?.items ?? [];
  const expertise = new Map(roster.map((s) => [s.id, s.expertise]));

  const form = useForm<VisitFormValues>({
    initialValues: visit ? visitToValues(visit, expertise) : { ...emptyVisitValues(), ...initial },
  });
  const values = form.getValues();
  // Team rows loaded before the roster arrived get their expertise once it does.
  const team = values.team.map((m) =>
    m.expertise.length === 0 && expertise.get(m.supporterId)?.length
      ? { ...m, expertise: expertise.get(m.supporterId) ?? [] }
      : m,
  );

  const categoryOptions = (categories.data?.items ?? []).filter((c) => c.active).map((c) => c.name);
  const supporterOptions = roster
    .filter((s) => s.active)
    .map((s) => ({ value: s.id, label: s.name }));
  const validateOptions = {
    language,
    messages: {
      teamRequired: t('form.teamRequired'),
      oneLead: t('form.oneLead'),
      required: fieldMessage('required'),
    },
  } as const;

  function showErrors(errors: FieldErrors, title: string) {
    form.setErrors(errors);
    const fields = Object.keys(errors);
    const first = fields[0];
    setProblem({ title, items: [] });
    if (first) {
      const id = `visit-${first.replaceAll('.', '-')}`;
      requestAnimationFrame(() => {
        const el = document.getElementById(id);
        if (el) el.focus();
        else alertRef.current?.focus();
      });
    }
  }

  async function submit(status: VisitStatus) {
    setProblem(null);
    setStale(false);
    form.clearErrors();
    const current = form.getValues();
    try {
      let saved: VisitDto;
      if (visit) {
        const effective = visit.status === 'completed' ? 'completed' : status;
        const checked = validateUpdate(current, visit.version, validateOptions, effective);
        if (!checked.ok) return showErrors(checked.errors, t('common.problems'));
        saved = await save.mutateAsync({
          kind: 'update',
          id: visit.id,
          body: checked.body.body,
          followUps: checked.body.followUps,
          complete: status === 'completed',
        });
      } else {
        const checked = validateCreate(current, status, validateOptions);
        if (!checked.ok) return showErrors(checked.errors, t('common.problems'));
        saved = await save.mutateAsync({ kind: 'create', body: checked.body });
      }
      notifications.show({
        color: 'green',
        message: t('form.saved', { status: t(`visitStatus.${saved.status}`) }),
      });
      navigate(`/visits/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_version') {
        setStale(true);
        requestAnimationFrame(() => alertRef.current?.focus());
        return;
      }
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
      const errors: FieldErrors = {};
      const others: string[] = [];
      for (const [path, message] of Object.entries(fieldErrors)) {
        const field = formPath(path);
        if (path === '(body)') others.push(message);
        else errors[field] ??= message;
      }
      if (Object.keys(errors).length > 0) showErrors(errors, errorMessage(error));
      else {
        setProblem({ title: errorMessage(error), items: others });
        requestAnimationFrame(() => alertRef.current?.focus());
      }
    }
  }

  const input = (path: string) => ({
    id: `visit-${path.replaceAll('.', '-')}`,
    ...form.getInputProps(path),
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit('draft');
      }}
    >
      <Stack gap="lg">
        {visit?.status === 'completed' ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            <Text size="sm">{t('form.auditNotice')}</Text>
          </Alert>
        ) : null}
        {stale ? (
          <Alert
            ref={alertRef}
            tabIndex={-1}
            color="yellow"
            variant="light"
            role="alert"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('common.stale')}
            styles={READABLE_TITLE}
          >
            <Button mt="xs" variant="outline" color="dark" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Button>
          </Alert>
        ) : null}
        {problem ? <ProblemAlert ref={alertRef} problem={problem} /> : null}

        <Fieldset legend={t('form.sections.basics')}>
          <Stack gap="sm">
            <CompanyPicker
              value={values.companyId}
              name={values.companyName}
              disabled={Boolean(visit)}
              error={form.errors.companyId as string | undefined}
              onChange={(company) => {
                form.setFieldValue('companyId', company?.id ?? '');
                form.setFieldValue('companyName', company?.name ?? '');
              }}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput type="date" label={t('form.date')} required {...input('date')} />
              <TextInput
                type="time"
                label={t('form.time')}
                description={t('form.timeHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                {...input('time')}
              />
              <Select
                label={t('form.kind')}
                data={VISIT_KINDS.map((k) => ({ value: k, label: t(`visitKind.${k}`) }))}
                allowDeselect={false}
                {...input('kind')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('form.location')} {...input('location')} />
              <MultiSelect
                label={t('form.purposeCategories')}
                data={categoryOptions}
                searchable
                {...input('purposeCategories')}
              />
            </SimpleGrid>
            <Textarea label={t('form.purpose')} autosize minRows={2} {...input('purpose')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('form.sections.team')}>
          <TeamEditor
            team={team}
            supporters={roster}
            onChange={(next: TeamRow[]) => {
              form.setFieldValue('team', next);
              form.clearFieldError('team');
            }}
            error={form.errors.team as string | undefined}
          />
          {values.companyId ? (
            <Group mt="sm">
              <TeamProposalButton
                companyId={values.companyId}
                companyName={values.companyName}
                purposeCategories={values.purposeCategories}
                onUse={(rows) => form.setFieldValue('team', rows)}
                supporters={roster}
              />
            </Group>
          ) : null}
        </Fieldset>

        <Fieldset legend={t('form.sections.notes')}>
          <Stack gap="sm">
            <Textarea
              label={t('form.listeningNotes')}
              description={t('form.listeningNotesHint')}
              autosize
              minRows={4}
              {...input('listeningNotes')}
            />
            <Textarea
              label={t('form.ownerAwareness')}
              description={t('form.ownerAwarenessHint')}
              autosize
              minRows={2}
              {...input('ownerAwareness')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('form.sections.issues')}>
          <Stack gap="sm">
            {values.issues.length === 0 ? <Text size="sm">{t('form.issues.empty')}</Text> : null}
            {values.issues.map((issue, index) => (
              <Paper key={issue.key} withBorder p="sm">
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm" component="h3">
                    {t('form.issues.item', { n: index + 1 })}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red.8"
                    aria-label={t('form.issues.remove', { n: index + 1 })}
                    onClick={() => form.removeListItem('issues', index)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('form.issues.category')}
                    required
                    searchable
                    data={categoryOptions}
                    {...input(`issues.${index}.category`)}
                  />
                  <Stack gap={4}>
                    <Text size="sm" fw={500} id={`issue-${issue.key}-raised`}>
                      {t('form.issues.raisedBy')}
                    </Text>
                    <SegmentedControl
                      aria-labelledby={`issue-${issue.key}-raised`}
                      data={[
                        { value: 'owner', label: t('raisedBy.owner') },
                        { value: 'supporter', label: t('raisedBy.supporter') },
                      ]}
                      value={issue.raisedBy}
                      onChange={(v) => form.setFieldValue(`issues.${index}.raisedBy`, v)}
                    />
                  </Stack>
                </SimpleGrid>
                <Textarea
                  mt="xs"
                  label={t('form.issues.description')}
                  autosize
                  minRows={2}
                  {...input(`issues.${index}.description`)}
                />
              </Paper>
            ))}
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() =>
                  form.insertListItem('issues', {
                    key: rowKey(),
                    category: '',
                    description: '',
                    raisedBy: 'owner',
                  })
                }
              >
                {t('form.issues.add')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('form.sections.followUps')}>
          <Stack gap="sm">
            {visit && visit.followUps.length > 0 ? (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t('form.followUps.existing')}
                </Text>
                <List size="sm">
                  {visit.followUps.map((f) => (
                    <List.Item key={f.id}>
                      {f.title}（{t(`followUpStatus.${f.status}`)}
                      {f.assignee ? `・${f.assignee.name}` : ''}）
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ) : null}
            {values.followUps.length === 0 && !visit?.followUps.length ? (
              <Text size="sm">{t('form.followUps.empty')}</Text>
            ) : null}
            {values.followUps.map((f, index) => (
              <Paper key={f.key} withBorder p="sm">
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm" component="h3">
                    {t('form.followUps.item', { n: index + 1 })}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red.8"
                    aria-label={t('form.followUps.remove', { n: index + 1 })}
                    onClick={() => form.removeListItem('followUps', index)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    label={t('form.followUps.title')}
                    required
                    {...input(`followUps.${index}.title`)}
                  />
                  <Select
                    label={t('form.followUps.assignee')}
                    placeholder={t('form.followUps.assigneeNone')}
                    searchable
                    clearable
                    data={supporterOptions}
                    {...input(`followUps.${index}.assigneeId`)}
                  />
                  <TextInput
                    type="date"
                    label={t('form.followUps.dueOn')}
                    {...input(`followUps.${index}.dueOn`)}
                  />
                </SimpleGrid>
              </Paper>
            ))}
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() =>
                  form.insertListItem('followUps', {
                    key: rowKey(),
                    title: '',
                    assigneeId: null,
                    dueOn: '',
                  })
                }
              >
                {t('form.followUps.add')}
              </Button>
            </Group>
            <TextInput
              type="date"
              label={t('form.nextContactOn')}
              maw={260}
              {...input('nextContactOn')}
            />
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </Button>
          {visit?.status === 'completed' ? (
            <Button onClick={() => void submit('completed')} loading={save.isPending}>
              {t('form.actions.saveChanges')}
            </Button>
          ) : (
            <>
              <Button variant="outline" type="submit" loading={save.isPending}>
                {t('form.actions.saveDraft')}
              </Button>
              <Button onClick={() => void submit('completed')} loading={save.isPending}>
                {t('form.actions.complete')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}
