import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../db/client";

/**
 * `npm run backup -- <file>` and `npm run restore -- <file>`.
 * PGlite: the data folder is dumped to a .tar.gz through PGlite itself (the server must be stopped:
 * the folder's lock says so), and restored into an empty folder. PostgreSQL: pg_dump / pg_restore.
 */
const [command, file] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
const dataDir = process.env.DATA_DIR ?? "./data";

async function backup(target: string): Promise<void> {
  if (url) {
    run("pg_dump", ["--format=custom", "--no-owner", `--file=${target}`, url]);
  } else {
    const handle = await openDatabase({ dataDir, migrate: false });
    await handle.close();
    const client = await PGlite.create(dataDir);
    const dump = await client.dumpDataDir("gzip");
    await client.close();
    writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  }
  console.log(`backup written to ${target}`);
}

async function restore(source: string): Promise<void> {
  if (!existsSync(source)) throw new Error(`no such file: ${source}`);
  if (url) {
    run("pg_restore", ["--clean", "--if-exists", "--no-owner", `--dbname=${url}`, source]);
  } else {
    if (existsSync(dataDir)) throw new Error(`${dataDir} exists: restore into an empty DATA_DIR, then point the server at it`);
    const client = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(source)]) });
    await client.close();
  }
  console.log(`restored ${source} into ${url ? "the PostgreSQL database" : dataDir}`);
}

function run(program: string, args: string[]): void {
  const result = spawnSync(program, args, { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${program} failed with exit code ${result.status}`);
}

if ((command !== "backup" && command !== "restore") || !file) {
  console.error("usage: npm run backup -- <file>   |   npm run restore -- <file>");
  process.exit(2);
}
(command === "backup" ? backup(file) : restore(file)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
