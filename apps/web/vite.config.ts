import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
/** The Emojibase files the emoji panel reads (frimousse: `${emojibaseUrl}/${locale}/${file}.json`), per language. */
const EMOJIBASE_FILES = ['en', 'zh'].flatMap((locale) => ['data', 'messages'].map((file) => `${locale}/${file}.json`));

/**
 * Serves Emojibase's JSON at /emojibase/ in development and copies it into the build, so the emoji panel loads
 * its data from this origin (the CSP's connect-src is 'self'; frimousse would otherwise fetch it from a CDN).
 */
function emojibase(): Plugin {
  const read = (file: string) => readFileSync(require.resolve(`emojibase-data/${file}`));
  return {
    name: 'pairchat-emojibase',
    configureServer(server) {
      server.middlewares.use('/emojibase', (req, res, next) => {
        const file = EMOJIBASE_FILES.find((f) => req.url === `/${f}`);
        if (!file) return next();
        res.setHeader('content-type', 'application/json');
        res.end(read(file));
      });
    },
    generateBundle() {
      for (const file of EMOJIBASE_FILES) {
        this.emitFile({ type: 'asset', fileName: `emojibase/${file}`, source: read(file) });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    emojibase(),
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
