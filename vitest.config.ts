import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify('test'),
    __DEV_TOOLS__: 'true',
  },
  test: {
    include: [
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'electron/**/*.test.ts',
      'server/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/docs/**/*.test.ts',
    ],
    environment: 'node',
    // A throwaway PostgreSQL server for the hub's PostgreSQL tests (skipped where none is installed).
    globalSetup: ['tests/setup/postgres.ts'],
    testTimeout: 30_000,
  },
});
