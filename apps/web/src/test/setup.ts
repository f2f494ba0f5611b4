import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { i18n } from '../i18n';
import { lazyNamespaces } from '../i18n/resources';
import { assertNoUnexpectedApiCalls, resetApiMock } from './mock-api';

// Mantine reads these browser APIs, which happy-dom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= () => {};
// Mantine's autosize Textarea waits for document.fonts.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { ready: Promise.resolve(), addEventListener: () => {}, removeEventListener: () => {} },
  });
}

// findBy…/waitFor resolve as soon as their condition holds; the limit only matters when the
// machine is busy and the first test of a file also pays for importing lazy chunks (seconds of
// CPU for charts on a loaded CI machine). A short limit made such first tests flaky, never faster.
configure({ asyncUtilTimeout: 8000 });

// The features' translations load with their pages in the app (i18n/resources.ts); a component
// test renders a feature's parts without the route, so all of them are there from the start.
beforeAll(async () => {
  await i18n.loadNamespaces(Object.keys(lazyNamespaces));
  await i18n.loadLanguages(['ja', 'en']);
});

beforeEach(() => {
  resetApiMock();
});

afterEach(() => {
  cleanup();
  // Notifications live in a store outside React: one test's toast must not leak into the next.
  notifications.clean();
  notifications.cleanQueue();
  localStorage.clear();
  // Last, after unmounting: a call that no handler answered fails the test that made it.
  assertNoUnexpectedApiCalls();
});
