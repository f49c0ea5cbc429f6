// Vite build of the Carnet web app; in development the API runs on :3000 behind the proxy.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': api, '/health': api, '/oauth': api },
  },
  preview: {
    proxy: { '/api': api, '/health': api, '/oauth': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: modules anywhere (CSP `script-src 'self'`).
    assetsInlineLimit: 0,
    // The entry holds React, the router, zod and DSFR (~160 kB gzip): one chunk on purpose.
    chunkSizeWarningLimit: 700,
  },
});
