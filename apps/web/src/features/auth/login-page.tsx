import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useSession, useSetupStatus } from '../../api/session';
import { LanguageSwitch } from '../../app/language-switch';
import { useErrorMessage } from '../../components/error-state';
import { required } from '../../lib/field-errors';

/** Only same-app paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/companies';
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const setup = useSetupStatus();
  const login = useLogin();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(`${t('title')} | Banso`);
  const form = useForm({
    initialValues: { organization: '', email: '', password: '' },
    validate: { email: required, password: required },
  });

  if (session.data) return <Navigate to={next} replace />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await login.mutateAsync({
        organization: values.organization.trim() || undefined,
        email: values.email,
        password: values.password,
      });
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack>
          <Title order={1} size="h2">
            {t('common:appName')}
          </Title>
          <Title order={2} size="h4">
            {t('title')}
          </Title>
          {setup.data?.needsSetup ? (
            <Alert color="yellow" role="status">
              {t('setupNeeded')}
            </Alert>
          ) : null}
          {params.get('expired') ? (
            <Alert color="blue" role="status">
              {t('common:states.sessionExpired')}
            </Alert>
          ) : null}
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <form onSubmit={submit} noValidate>
            <Stack>
              <TextInput
                label={t('organization')}
                description={t('organizationHint')}
                autoComplete="organization"
                {...form.getInputProps('organization')}
              />
              <TextInput
                label={t('email')}
                type="email"
                required
                autoComplete="username"
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label={t('password')}
                required
                autoComplete="current-password"
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={login.isPending}>
                {t('submit')}
              </Button>
            </Stack>
          </form>
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
