import { defineConfig } from 'vitest/config';

/**
 * Two projects: everything on the embedded store, and the same HTTP/WebSocket integration tests plus the store
 * contract suite on the MongoDB adapter (jongodb in CI, a real MongoDB when MONGODB_TEST_URI is set).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/store/mongo-store.test.ts', 'test/mongo-faults.test.ts', 'test/scale-out.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'mongodb',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/store/sqlite-store.test.ts',
            'test/config.test.ts',
            'test/durability.test.ts',
            'test/fuzz.test.ts',
            'test/store/sqlite-busy.test.ts',
            'test/store/sqlite-search-queue.test.ts',
            'test/store/sqlite-group-commit.test.ts',
          ],
          env: { PAIRCHAT_TEST_STORE: 'mongodb' },
          globalSetup: ['@pairchat/testing/vitest'],
        },
      },
    ],
  },
});
