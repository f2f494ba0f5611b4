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
  /** i18n key in the common namespace. */
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
}

/** Only capability areas that work get an entry; each feature adds its own when it lands. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'nav.companies', to: '/companies', icon: IconBuildingFactory2 },
  { label: 'programs:nav', to: '/programs', icon: IconChartBar },
  { label: 'caravan:nav.dashboard', to: '/dashboard', icon: IconGauge },
  { label: 'caravan:nav.planner', to: '/planner', icon: IconRoute },
  { label: 'caravan:nav.visits', to: '/visits', icon: IconClipboardText },
  { label: 'caravan:nav.followUps', to: '/follow-ups', icon: IconChecklist },
  { label: 'caravan:nav.supporters', to: '/supporters', icon: IconUsers },
  { label: 'listings:nav', to: '/listings', icon: IconCertificate },
  { label: 'matches:nav.board', to: '/matches', icon: IconLayoutKanban },
  { label: 'matches:nav.dashboard', to: '/matching/dashboard', icon: IconChartFunnel },
];
