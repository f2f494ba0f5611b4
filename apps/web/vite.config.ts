import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API the dev server proxies to: `npm run dev` starts it on port 3000. */
const apiTarget = process.env.BANSO_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false }, '/setup': { target: apiTarget } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // dist/.vite/manifest.json: each chunk's static and dynamic imports, from which
    // bench/web-bundle.ts measures the first page (the shell plus the /companies chunks).
    manifest: true,
    chunkSizeWarningLimit: 900,
  },
});
