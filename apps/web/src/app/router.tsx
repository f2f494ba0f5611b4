import { lazy } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';

const CompaniesListPage = lazy(() => import('../features/companies/companies-list-page'));
const CompanyDetailPage = lazy(() => import('../features/companies/company-detail-page'));
const CompanyFormPage = lazy(() => import('../features/companies/company-form-page'));
const ImportWizardPage = lazy(() => import('../features/companies/import/import-wizard-page'));

/** Every page; features add theirs here (and a NAV_ITEMS entry when they have a menu item). */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
