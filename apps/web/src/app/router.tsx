import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/loading';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';

// The login page is lazy too: a signed-in user's first page (/companies) need not load its form
// library (@mantine/form), and that page's JavaScript has a budget (bench/web-bundle.ts).
const LoginPage = lazy(() =>
  import('../features/auth/login-page').then((m) => ({ default: m.LoginPage })),
);
const CompaniesListPage = lazy(() => import('../features/companies/companies-list-page'));
const CompanyDetailPage = lazy(() => import('../features/companies/company-detail-page'));
const CompanyFormPage = lazy(() => import('../features/companies/company-form-page'));
const ImportWizardPage = lazy(() => import('../features/companies/import/import-wizard-page'));
const ProgramsListPage = lazy(() => import('../features/programs/programs-list-page'));
const ProgramDetailPage = lazy(() => import('../features/programs/program-detail-page'));
const ProgramFormPage = lazy(() => import('../features/programs/program-form-page'));
const ProgramValuesPage = lazy(() => import('../features/programs/program-values-page'));
const ProgramReportPage = lazy(() => import('../features/programs/report-page'));
const VisitsListPage = lazy(() => import('../features/visits/visits-list-page'));
const VisitFormPage = lazy(() => import('../features/visits/visit-form-page'));
const VisitDetailPage = lazy(() => import('../features/visits/visit-detail-page'));
const FollowUpsPage = lazy(() => import('../features/follow-ups/follow-ups-page'));
const PlannerPage = lazy(() => import('../features/planner/planner-page'));
const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page'));
const SupportersPage = lazy(() => import('../features/supporters/supporters-page'));
const ListingsListPage = lazy(() => import('../features/listings/listings-list-page'));
const ListingDetailPage = lazy(() => import('../features/listings/listing-detail-page'));
const ListingFormPage = lazy(() => import('../features/listings/listing-form-page'));
const ListingImportPage = lazy(() => import('../features/listings/listing-import-page'));
const MatchBoardPage = lazy(() => import('../features/matches/match-board-page'));
const MatchDetailPage = lazy(() => import('../features/matches/match-detail-page'));
const MatchingDashboardPage = lazy(() => import('../features/matches/matching-dashboard-page'));
const CaravanSettingsPage = lazy(() => import('../features/supporters/caravan-settings-page'));

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
