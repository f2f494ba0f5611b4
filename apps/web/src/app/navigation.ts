import {
  IconBuildingFactory2,
  IconCertificate,
  IconChartBar,
  IconChartFunnel,
  IconChecklist,
  IconClipboardText,
  IconGauge,
  IconLayoutKanban,
  IconRoute,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export interface NavItem {
  /** i18n key in the common namespace (bundled with the shell, unlike the features' own). */
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
}

/** Only capability areas that work get an entry; each feature adds its own when it lands. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'nav.companies', to: '/companies', icon: IconBuildingFactory2 },
  { label: 'nav.programs', to: '/programs', icon: IconChartBar },
  { label: 'nav.dashboard', to: '/dashboard', icon: IconGauge },
  { label: 'nav.planner', to: '/planner', icon: IconRoute },
  { label: 'nav.visits', to: '/visits', icon: IconClipboardText },
  { label: 'nav.followUps', to: '/follow-ups', icon: IconChecklist },
  { label: 'nav.supporters', to: '/supporters', icon: IconUsers },
  { label: 'nav.listings', to: '/listings', icon: IconCertificate },
  { label: 'nav.matches', to: '/matches', icon: IconLayoutKanban },
  { label: 'nav.matchingDashboard', to: '/matching/dashboard', icon: IconChartFunnel },
];
