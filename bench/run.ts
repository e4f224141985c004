import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../server/db/client";
import { benchTree, buildProvince, type Timing } from "./tree";

/**
 * `npm run bench`: builds a province-sized tree on PGlite and on PostgreSQL (DATABASE_URL, else the
 * local server if it answers) and prints the timings of the platform's subtree queries.
 */
const postgresServer = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const cities = Number(process.env.BENCH_CITIES ?? 100);

function print(label: string, timings: Timing[]): void {
  console.log(`\n${label}`);
  console.log(`  ${"query".padEnd(52)} ${"runs".padStart(5)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)}`);
  for (const t of timings) console.log(`  ${t.name.padEnd(52)} ${String(t.runs).padStart(5)} ${t.p50.toFixed(2).padStart(9)} ${t.p99.toFixed(2).padStart(9)}`);
}

async function onPostgres(): Promise<DatabaseHandle | null> {
  const name = `zhili_bench_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresServer });
  try {
    await admin.connect();
  } catch {
    console.log(`\nPostgreSQL not reachable at ${postgresServer}: skipped`);
    return null;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: postgresServer });
      await dropper.connect();
      await dropper.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

// BENCH_ONLY=reads: the read path at province scale alone (bench/reads.ts), for quick turns.
if (process.env.BENCH_ONLY === "reads") {
  await (await import("./reads")).benchReads(postgresServer);
  await (await import("./reads")).benchPgliteFigures();
  process.exit(0);
}
// BENCH_ONLY=workbench: each demo role's GET /api/workbench on PGlite at demo scale alone (bench/workbench.ts).
if (process.env.BENCH_ONLY === "workbench") {
  await (await import("./workbench")).benchWorkbench();
  process.exit(0);
}
// What a grid worker's phone downloads per page (from the last web build).
if (!process.env.BENCH_SKIP_WEB) (await import("./web-js")).benchWebJs();

// The demo city as the first start loads it.
if (!process.env.BENCH_SKIP_DEMO) await (await import("./demo")).benchDemoLoad();

// BENCH_SKIP_TREE=1 goes straight to event intake.
for (const [label, open] of process.env.BENCH_SKIP_TREE ? [] : ([
  ["PGlite (in memory)", () => openDatabase({ dataDir: "memory://" })],
  ["PostgreSQL", onPostgres],
] as const)) {
  const handle = await open();
  if (!handle) continue;
  try {
    const built = await buildProvince(handle.db, cities);
    console.log(`\n== ${label}: province of ${cities} cities, ${built.nodes.toLocaleString("en")} nodes built in ${built.seconds.toFixed(1)} s`);
    print(`${label}: subtree queries`, await benchTree(handle.db));
  } finally {
    await handle.close();
  }
}

// A flood of public requests against the staff's reads, with the rate limits on and off.
await (await import("./flood")).benchPublicFlood();

// Grid event intake (HTTP API against raw INSERTs), county then province, on both databases.
await (await import("./events")).benchEventIntake(postgresServer, cities);

// The read path at province scale: lists, figures, statistics and deep pages against raw PostgreSQL; the demo city's figures on PGlite.
await (await import("./reads")).benchReads(postgresServer);
await (await import("./reads")).benchPgliteFigures();
// Each demo role's workbench on PGlite, built and kept by the cache.
await (await import("./workbench")).benchWorkbench();
// One period's evaluation scores for 10,000 bodies on PostgreSQL (goal ≤ 2 s).
await (await import("./evaluation")).benchEvaluation(postgresServer);
