import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    react(),
    // The installable app: the web manifest and the service worker (src/sw/sw.ts), built with the precache list
    // injected. main.tsx registers it; no inline registration script, so the strict CSP holds.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'pairchat',
        short_name: 'pairchat',
        description: 'One-to-one chat',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#2e2e2e',
        background_color: '#ededed',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        ],
      },
      // index.html is fetched from the network (see sw.ts); everything it loads is precached.
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'], globIgnores: ['index.html'] },
    }),
  ],
  build: { outDir: 'dist', sourcemap: false, reportCompressedSize: true },
  server: {
    port: 5173,
    // In development the API and socket come from `pnpm dev` of the server on :3000.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
  test: { include: ['src/**/*.test.ts'] },
});
