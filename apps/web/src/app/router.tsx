import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/loading';
import { loadNamespaces } from '../i18n';
import type { LazyNamespace } from '../i18n/resources';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';

// The login page is lazy too: a signed-in user's first page (/companies) need not load its form
// library (@mantine/form), and that page's JavaScript has a budget (bench/web-bundle.ts).
const LoginPage = lazy(() =>
  import('../features/auth/login-page').then((m) => ({ default: m.LoginPage })),
);
/**
 * A lazy page that loads with the translations it uses (features' namespaces are not in the
 * shell, see i18n/resources.ts): one wait for both, not the page and then its strings. A
 * namespace left out here still works — useTranslation suspends until it has loaded.
 */
function page(load: () => Promise<{ default: ComponentType }>, ...namespaces: LazyNamespace[]) {
  return lazy(() =>
    Promise.all([load(), loadNamespaces(...namespaces)]).then(([module]) => module),
  );
}

const CompaniesListPage = lazy(() => import('../features/companies/companies-list-page'));
const CompanyDetailPage = page(
  () => import('../features/companies/company-detail-page'),
  'caravan',
  'listings',
  'matches',
);
const CompanyFormPage = page(
  () => import('../features/companies/company-form-page'),
  'companyForm',
);
const ImportWizardPage = lazy(() => import('../features/companies/import/import-wizard-page'));
const ProgramsListPage = page(() => import('../features/programs/programs-list-page'), 'programs');
const ProgramDetailPage = page(
  () => import('../features/programs/program-detail-page'),
  'programs',
);
const ProgramFormPage = page(() => import('../features/programs/program-form-page'), 'programs');
const ProgramValuesPage = page(
  () => import('../features/programs/program-values-page'),
  'programs',
);
const ProgramReportPage = page(() => import('../features/programs/report-page'), 'programs');
const VisitsListPage = page(() => import('../features/visits/visits-list-page'), 'caravan');
const VisitFormPage = page(() => import('../features/visits/visit-form-page'), 'caravan');
const VisitDetailPage = page(() => import('../features/visits/visit-detail-page'), 'caravan');
const FollowUpsPage = page(() => import('../features/follow-ups/follow-ups-page'), 'caravan');
const PlannerPage = page(() => import('../features/planner/planner-page'), 'caravan');
const DashboardPage = page(() => import('../features/dashboard/dashboard-page'), 'caravan');
const SupportersPage = page(() => import('../features/supporters/supporters-page'), 'caravan');
const ListingsListPage = page(
  () => import('../features/listings/listings-list-page'),
  'listings',
  'matches',
);
const ListingDetailPage = page(
  () => import('../features/listings/listing-detail-page'),
  'listings',
  'matches',
);
const ListingFormPage = page(
  () => import('../features/listings/listing-form-page'),
  'listings',
  'matches',
);
const ListingImportPage = page(
  () => import('../features/listings/listing-import-page'),
  'listings',
  'matches',
);
const MatchBoardPage = page(
  () => import('../features/matches/match-board-page'),
  'matches',
  'listings',
);
const MatchDetailPage = page(
  () => import('../features/matches/match-detail-page'),
  'matches',
  'listings',
);
const MatchingDashboardPage = page(
  () => import('../features/matches/matching-dashboard-page'),
  'matches',
  'listings',
);
const CaravanSettingsPage = page(
  () => import('../features/supporters/caravan-settings-page'),
  'caravan',
);

/** Every page; features add theirs here (and a NAV_ITEMS entry when they have a menu item). */
export const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/companies" replace /> },
      { path: 'companies', element: <CompaniesListPage /> },
      { path: 'companies/new', element: <CompanyFormPage /> },
      { path: 'companies/import', element: <ImportWizardPage /> },
      { path: 'companies/:id', element: <CompanyDetailPage /> },
      { path: 'companies/:id/edit', element: <CompanyFormPage /> },
      { path: 'programs', element: <ProgramsListPage /> },
      { path: 'programs/new', element: <ProgramFormPage /> },
      { path: 'programs/report', element: <ProgramReportPage /> },
      { path: 'programs/:id', element: <ProgramDetailPage /> },
      { path: 'programs/:id/edit', element: <ProgramFormPage /> },
      { path: 'programs/:id/values', element: <ProgramValuesPage /> },
      { path: 'visits', element: <VisitsListPage /> },
      { path: 'visits/new', element: <VisitFormPage /> },
      { path: 'visits/:id', element: <VisitDetailPage /> },
      { path: 'visits/:id/edit', element: <VisitFormPage /> },
      { path: 'follow-ups', element: <FollowUpsPage /> },
      { path: 'planner', element: <PlannerPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'supporters', element: <SupportersPage /> },
      { path: 'listings', element: <ListingsListPage /> },
      { path: 'listings/new', element: <ListingFormPage /> },
      { path: 'listings/import', element: <ListingImportPage /> },
      { path: 'listings/:id', element: <ListingDetailPage /> },
      { path: 'listings/:id/edit', element: <ListingFormPage /> },
      { path: 'matches', element: <MatchBoardPage /> },
      { path: 'matches/:id', element: <MatchDetailPage /> },
      { path: 'matching/dashboard', element: <MatchingDashboardPage /> },
      { path: 'supporters/settings', element: <CaravanSettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
