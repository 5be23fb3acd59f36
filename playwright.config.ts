import { defineConfig } from "@playwright/test";

// Browser tests run Debian's Chromium (never a downloaded browser) against a real Fyr started
// by test/e2e/server.ts on a fresh database.
const port = Number(process.env.E2E_PORT ?? 8181);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  // One server, one database: specs use their own users, but run one at a time on 2 cores.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npx tsx test/e2e/server.ts",
    url: `${baseURL}/readyz`,
    env: { E2E_PORT: String(port) },
    // Generous: the server builds the web and creates the e2e users first, and CI machines may be busy.
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM (not the default SIGKILL) so server.ts can stop Fyr and remove its temp database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
