// Browser tests: the real server (as `npm start` runs it) driven through real Chromium,
// once on SQLite and once on PostgreSQL.
import { defineConfig } from 'vitest/config';

const shared = {
  include: ['e2e/**/*.e2e.test.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  fileParallelism: false,
};

export default defineConfig({
  test: {
    passWithNoTests: false,
    // One project at a time: two servers and two browsers at once are too much for 2 cores.
    maxWorkers: 1,
    projects: [
      { test: { ...shared, name: 'e2e-sqlite', env: { CARNET_E2E_DB: 'sqlite' } } },
      { test: { ...shared, name: 'e2e-postgres', env: { CARNET_E2E_DB: 'postgres' } } },
    ],
  },
});
