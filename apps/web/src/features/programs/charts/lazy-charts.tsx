import { lazy } from 'react';

/** The charts load in their own chunk, after the page's text and tables. */
export const LazyBudgetChart = lazy(() =>
  import('./program-charts').then((m) => ({ default: m.BudgetChart })),
);
export const LazyKpiCharts = lazy(() =>
  import('./program-charts').then((m) => ({ default: m.KpiCharts })),
);
