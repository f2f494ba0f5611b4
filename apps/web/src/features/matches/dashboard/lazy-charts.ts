import { lazy } from 'react';

/** The charts load in their own chunk, after the page's figures and tables. */
export const LazyFunnelChart = lazy(() =>
  import('./matching-charts').then((m) => ({ default: m.FunnelChart })),
);
export const LazyFiscalYearChart = lazy(() =>
  import('./matching-charts').then((m) => ({ default: m.FiscalYearChart })),
);
export const LazyReferenceChart = lazy(() =>
  import('./matching-charts').then((m) => ({ default: m.ReferenceChart })),
);
