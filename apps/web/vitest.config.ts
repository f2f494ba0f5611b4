import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

/** Component tests: React in happy-dom, with Testing Library. Listed in the root vitest.config.ts. */
export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 20_000,
  },
});
