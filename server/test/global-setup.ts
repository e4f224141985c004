import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase } from "../db/client";
import { pgliteTemplateFile, postgresTemplateName } from "./template";

/**
 * Migrates one empty database per run and keeps it as a template: on PGlite a dump that each test
 * database loads, on PostgreSQL a database each one is copied from. Running every migration again for
 * each of the suite's databases took minutes of a run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const file = pgliteTemplateFile();
    if (!existsSync(file)) {
      const handle = await openDatabase({ dataDir: "memory://" });
      const dump = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      await handle.close();
    }
    return async () => {};
  }
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 1 });
  await handle.close();
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
