// Unit, route and database tests. Every test file runs twice: once on SQLite, once on PostgreSQL
// (CARNET_TEST_DB selects the store in apps/server/test/test-db.ts).
import { defineConfig } from 'vitest/config';

const shared = {
  include: ['apps/server/**/*.test.ts', 'packages/shared/**/*.test.ts'],
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    passWithNoTests: false,
    projects: [
      { test: { ...shared, name: 'sqlite', env: { CARNET_TEST_DB: 'sqlite' } } },
      { test: { ...shared, name: 'postgres', env: { CARNET_TEST_DB: 'postgres' } } },
    ],
  },
});
