import {
  Anchor,
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  Radio,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { useUpdateMyLocale } from '../api/me';
import { type Session, sessionEvents, useLogout, useSession } from '../api/session';
import { ErrorState, useErrorMessage } from '../components/error-state';
import { Loading } from '../components/loading';
import { CompanySearchBox } from '../features/companies/company-search-box';
import { LanguageSwitch } from './language-switch';
import { NAV_ITEMS } from './navigation';
import { usePreferences } from './preferences';

/** Everything behind login: the session guard and the application shell. */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) {
    return (
      <Stack p="xl" component="main">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Stack>
    );
  }
  if (!session.data) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    const expired = sessionEvents.expired ? '&expired=1' : '';
    sessionEvents.expired = false;
    return <Navigate to={`/login?next=${next}${expired}`} replace />;
  }
  return <Shell session={session.data} />;
}

function Shell({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const tenantName = session.tenant.name;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        {t('skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t('nav.main')}
            />
            <Anchor component={Link} to="/" fw={700} underline="never" c="inherit">
              {t('appName')}
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="sm" data-testid="tenant-name">
              {tenantName}
            </Text>
          </Group>
          <CompanySearchBox />
          <UserMenu session={session} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')} component="nav">
        {NAV_ITEMS.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={<item.icon size={18} aria-hidden />}
            active={location.pathname.startsWith(item.to)}
            // Filled: white on blue 8 stays above 4.5:1 when hovered (light blue on blue did not).
            variant="filled"
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <ScrollRestoration />
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function UserMenu({ session }: { session: Session }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  const saveLocale = useUpdateMyLocale();
  const errorMessage = useErrorMessage();
  const { calendar, setCalendar } = usePreferences();
  // The switch changes the UI at once and saves the choice for the user (it then wins on every
  // login and reload); a failed save says so rather than reverting later without a word.
  // (The message is read through a ref: by the time the save fails, the UI is in the new language.)
  const messages = useRef({ t, errorMessage });
  messages.current = { t, errorMessage };
  const changeLanguage = (language: 'ja' | 'en') =>
    saveLocale.mutate(language, {
      onError: (error) => {
        const { t: tNow, errorMessage: describe } = messages.current;
        notifications.show({
          color: 'red',
          message: tNow('preferences.languageNotSaved', { message: describe(error) }),
        });
      },
    });
  return (
    <Menu position="bottom-end" width={280} closeOnItemClick={false}>
      <Menu.Target>
        {/* Named by its visible text (the user's name) plus a hidden 「ユーザーメニュー」 (WCAG 2.5.3). */}
        <UnstyledButton data-testid="user-menu">
          <Group gap={6} wrap="nowrap">
            <VisuallyHidden>{t('user.menu')}</VisuallyHidden>
            <IconUserCircle size={22} aria-hidden />
            <Text size="sm" visibleFrom="sm">
              {session.user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {session.user.email} · {t(`user.role.${session.user.role}`)}
        </Menu.Label>
        <Stack px="sm" py={4} gap={6}>
          <Text size="xs" fw={500} id="language-label">
            {t('preferences.language')}
          </Text>
          <LanguageSwitch onChange={changeLanguage} />
          <Radio.Group
            label={t('preferences.calendar')}
            value={calendar}
            onChange={(value) => setCalendar(value === 'wareki' ? 'wareki' : 'gregorian')}
            size="xs"
          >
            <Stack gap={4} mt={4}>
              <Radio value="gregorian" label={t('preferences.gregorian')} />
              <Radio value="wareki" label={t('preferences.wareki')} />
            </Stack>
          </Radio.Group>
        </Stack>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() =>
            logout.mutate(undefined, {
              onSettled: () => navigate('/login?loggedOut=1', { replace: true }),
            })
          }
        >
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
