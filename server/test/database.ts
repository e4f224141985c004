import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import pg from "pg";
import { openDatabase, type Database, type DatabaseHandle } from "../db/client";
import * as schema from "../db/schema";
import { pgliteTemplateFile, postgresTemplateName } from "./template";

export interface TestDatabase extends DatabaseHandle {
  /** A second connection to the same database, as another server process has, with caches of its own; closing it leaves the database. */
  another(): Promise<DatabaseHandle>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when DATABASE_URL
 * is set, a new PostgreSQL database on that server, dropped again on close.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // From the migrated template when the run made one (global-setup.ts); migrate() then finds nothing to do.
    const template = pgliteTemplateFile();
    const handle = await openDatabase({ dataDir: "memory://", loadDataDir: existsSync(template) ? new Blob([readFileSync(template)]) : undefined });
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    // One PGlite instance serves one process; a new drizzle instance over it has caches of its own.
    return { ...handle, another: async () => ({ db: drizzle(client, { schema }) as unknown as Database, kind: "pglite", close: async () => {} }) };
  }
  const name = `zhili_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = postgresTemplateName();
  const made = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
  await admin.query(made.rowCount ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    another: () => openDatabase({ url: url.toString(), poolSize: 2, migrate: false }),
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * How many statements reach the database (either driver: PGlite's client or pg's pool) while `run` runs;
 * only those `counted` accepts, given each statement's text.
 */
export async function queriesDuring(db: Database, run: () => Promise<unknown>, counted: (text: string) => boolean = () => true): Promise<number> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const query = client.query;
  let queries = 0;
  client.query = (...args: unknown[]) => {
    const first = args[0] as string | { text: string };
    if (counted(typeof first === "string" ? first : first.text)) queries++;
    return query.apply(client, args);
  };
  try {
    await run();
  } finally {
    client.query = query;
  }
  return queries;
}
