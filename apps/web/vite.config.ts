import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
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
