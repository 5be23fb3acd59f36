import { defineConfig } from "vitest/config";

// Integration tests open their own database from a migrated template (see test/support/db.ts):
// PGlite by default, PostgreSQL when FYR_TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "contract/**/*.test.ts", "web/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
