import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database, DatabaseKind } from "./client";

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "migrations");

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies the SQL files drizzle-kit generated, in journal order, each in its own transaction, and
 * records them in zhili_migrations (in the current schema, so test databases stay independent).
 * On PostgreSQL an advisory lock keeps two starting servers from migrating at once.
 */
export async function migrate(db: Database, kind: DatabaseKind): Promise<string[]> {
  const journal = JSON.parse(readFileSync(join(migrationsDir, "meta", "_journal.json"), "utf8")) as Journal;
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (kind === "postgres") await tx.execute(sql`SELECT pg_advisory_xact_lock(74110001)`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS zhili_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = (await tx.execute(sql`SELECT tag FROM zhili_migrations`)) as unknown as { rows: { tag: string }[] };
    const doneTags = new Set(done.rows.map((row) => row.tag));
    for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
      if (doneTags.has(entry.tag)) continue;
      const text = readFileSync(join(migrationsDir, `${entry.tag}.sql`), "utf8");
      for (const statement of text.split("--> statement-breakpoint")) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`INSERT INTO zhili_migrations (tag) VALUES (${entry.tag})`);
      applied.push(entry.tag);
    }
  });
  return applied;
}
