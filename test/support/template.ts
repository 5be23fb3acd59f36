import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const TMP_DIR = fileURLToPath(new URL("../../.tmp/", import.meta.url));

/** What global set-up hands to every test file: where this run's migrated template is. */
export interface TemplateInfo {
  pgliteTarball: string | null;
  postgresDatabase: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    fyrTemplate: TemplateInfo;
  }
}

export function ensureTmpDir(): void {
  mkdirSync(TMP_DIR, { recursive: true });
}

/** The admin URL of the PostgreSQL server under test, or null on the embedded database. */
export function testDatabaseUrl(): string | null {
  const url = process.env.FYR_TEST_DATABASE_URL;
  return url && url.length > 0 ? url : null;
}

/** The same server URL pointed at another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
