import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database, DatabaseKind } from "./client";

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Applies the SQL files of the migrations folder in file-name order (drizzle-kit's and hand-written
 * ones alike), all in one transaction so a failed start leaves the schema as it was, and records them
 * in zhili_migrations (in the current schema, so test databases stay independent).
 * On PostgreSQL an advisory lock keeps two starting servers from migrating at once.
 */
export async function migrate(db: Database, kind: DatabaseKind): Promise<string[]> {
  const tags = readdirSync(migrationsDir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => name.slice(0, -4));
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (kind === "postgres") await tx.execute(sql`SELECT pg_advisory_xact_lock(74110001)`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS zhili_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = (await tx.execute(sql`SELECT tag FROM zhili_migrations`)) as unknown as { rows: { tag: string }[] };
    const doneTags = new Set(done.rows.map((row) => row.tag));
    for (const tag of tags) {
      if (doneTags.has(tag)) continue;
      const text = readFileSync(join(migrationsDir, `${tag}.sql`), "utf8");
      for (const statement of text.split("--> statement-breakpoint")) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`INSERT INTO zhili_migrations (tag) VALUES (${tag})`);
      applied.push(tag);
    }
  });
  return applied;
}
