import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const migrationsDir = join(root, "server", "db", "migrations");

/** Names a migrated empty database by the migrations it holds, so a changed migration makes a new one. */
export function templateKey(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(migrationsDir).filter((file) => file.endsWith(".sql")).sort()) {
    hash.update(name).update(readFileSync(join(migrationsDir, name)));
  }
  return hash.digest("hex").slice(0, 12);
}

/** The PGlite dump of a migrated empty database (made by global-setup.ts). */
export const pgliteTemplateFile = () => join(root, ".tmp", `test-template-${templateKey()}.tar`);
/** The PostgreSQL database that test databases are copied from (made by global-setup.ts). */
export const postgresTemplateName = () => `zhili_template_${templateKey()}`;
