import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../server/app";
import { openDatabase, type Database, type DatabaseHandle } from "../server/db/client";
import { cities, departmentFunctions, departments, eventTimeLimits, eventTypeFunctions, eventTypes, orgNodes, roleAssignments, users } from "../server/db/schema";
import { departmentSpecs } from "../server/demo/catalog";
import { demoTypes, insertRows } from "../server/demo/events";
import { tile, toPolygon, type Rect } from "../server/demo/geo";
import { Random } from "../server/demo/random";
import { DEFAULT_LIMITS, closeDeadline, limitTable, timerFrom } from "../server/modules/events/deadlines";
import { sealAuditChain } from "../server/platform/audit/service";
import { hashPassword } from "../server/platform/auth/passwords";
import { CHINA_2026 } from "../server/platform/calendar/holidays";
import { calendarFor, seedYear } from "../server/platform/calendar/service";
import { configFromEnv } from "../server/platform/config";
import { startJobs } from "../server/platform/jobs";
import type { TimerStage, Urgency } from "../shared/schemas/events";
import type { LoadJob, LoadRequest, Measured } from "./load";

/**
 * Grid event intake at county and at province scale: reports posted to the real HTTP API (validated,
 * routed by point through the micro-grid index, written with their step, stage timer and audit
 * entry, the audit sealer running as in production) against raw INSERTs of the same event rows on
 * the same database with the same concurrency. Also timed: the raw INSERT inside a per-city advisory
 * lock, the way the audit chain used to serialise every write of a city.
 *
 */

const PASSWORD = "Bench#Events2026";
const CONCURRENCY = Number(process.env.BENCH_EVENT_CONCURRENCY ?? 32);
/** 10 townships × 20 villages × 2 grids × 11 micro-grids, as the tree benchmark's cities. */
const SHAPE = { townships: 10, villages: 20, grids: 2, micros: 11 };
const CHAIN_LOCK = 74110099;

function percentiles(latencies: number[]): Pick<Measured, "p50" | "p99"> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * The load comes from autocannon in a process of its own (bench/load.ts), so the client neither eats
 * the server's event loop nor counts in its CPU: what it spent comes back with the result.
 */
export function fromLoadProcess(job: LoadJob): Promise<Measured & { loadCpuMs: number }> {
  const child = fork(fileURLToPath(new URL("./load.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("message", (result: Measured & { loadCpuMs: number }) => {
      child.kill();
      resolve(result);
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the load generator exited with ${code}`)));
    child.send(job);
  });
}

// --- the province: cities with micro-grid boundaries, departments, the catalogue, a calendar and a user

interface BenchCity {
  cityId: number;
  code: string;
  username: string;
  typeIds: number[];
  micros: { id: number; rect: Rect }[];
}

function extentOf(index: number): Rect {
  const west = 105 + (index % 10) * 0.4;
  const south = 30 + Math.floor(index / 10) * 0.3;
  return { west, south, east: west + 0.3, north: south + 0.22 };
}

async function buildCity(db: Database, index: number, passwordHash: string, now: Date, nextId: () => number): Promise<BenchCity> {
  const [city] = await db.insert(cities).values({ code: `ev${index + 1}`, name: `事件基准市${index + 1}` }).returning({ id: cities.id });
  const cityId = city!.id;
  const nodes: (typeof orgNodes.$inferInsert & { id: number })[] = [];
  const micros: BenchCity["micros"] = [];
  const add = (parent: { id: number; path: string } | null, kind: string, code: string, name: string, depth: number, sort: number, rect?: Rect) => {
    const id = nextId();
    const path = `${parent?.path ?? "/"}${id}/`;
    nodes.push({ id, cityId, parentId: parent?.id ?? null, kind, code, name, path, depth, sort, boundary: rect ? toPolygon(rect) : null, createdAt: now, updatedAt: now });
    if (rect) micros.push({ id, rect });
    return { id, path };
  };
  const root = add(null, "city", `EV${index + 1}`, `事件基准市${index + 1}`, 0, 0);
  tile(extentOf(index), SHAPE.townships).forEach((townshipRect, t) => {
    const township = add(root, "township", `T${t + 1}`, `第${t + 1}镇`, 1, t + 1);
    tile(townshipRect, SHAPE.villages).forEach((villageRect, v) => {
      const village = add(township, "village", `T${t + 1}V${v + 1}`, `第${t + 1}镇${v + 1}村`, 2, v + 1);
      tile(villageRect, SHAPE.grids).forEach((gridRect, g) => {
        const grid = add(village, "grid", `T${t + 1}V${v + 1}G${g + 1}`, `${v + 1}村第${g + 1}网格`, 3, g + 1);
        tile(gridRect, SHAPE.micros).forEach((microRect, m) => add(grid, "micro_grid", `T${t + 1}V${v + 1}G${g + 1}M${m + 1}`, `${v + 1}村${g + 1}网格第${m + 1}微网格`, 4, m + 1, microRect));
      });
    });
  });
  await insertRows(db, orgNodes, nodes);

  const deptRows = await db
    .insert(departments)
    .values(departmentSpecs.map((spec) => ({ cityId, nodeId: root.id, code: spec.code, name: spec.name, createdAt: now })))
    .returning({ id: departments.id, code: departments.code });
  const fnRows = await db
    .insert(departmentFunctions)
    .values(departmentSpecs.flatMap((spec) => spec.functions.map(([name, description], i) => ({ cityId, departmentId: deptRows.find((row) => row.code === spec.code)!.id, code: `${spec.code}-F${i + 1}`, name, description }))))
    .returning({ id: departmentFunctions.id, code: departmentFunctions.code });
  const typeRows = await db
    .insert(eventTypes)
    .values(demoTypes.map((spec, sort) => ({ cityId, code: spec.code, name: spec.name, category: spec.category, conflict: spec.conflict, attributes: spec.attributes ?? [], sort, createdAt: now, updatedAt: now })))
    .returning({ id: eventTypes.id, code: eventTypes.code });
  await db.insert(eventTypeFunctions).values(
    demoTypes.flatMap((spec) => spec.functions.map((code) => ({ cityId, eventTypeId: typeRows.find((row) => row.code === spec.code)!.id, functionId: fnRows.find((row) => row.code === code)!.id }))),
  );
  await db.insert(eventTimeLimits).values(
    (Object.keys(DEFAULT_LIMITS) as Urgency[]).flatMap((urgency) =>
      (Object.keys(DEFAULT_LIMITS[urgency]) as TimerStage[]).map((stage) => ({ cityId, eventTypeId: null, urgency, stage, ...DEFAULT_LIMITS[urgency][stage] })),
    ),
  );
  await seedYear(db, cityId, 2026, CHINA_2026, now);
  const username = `bench.ev${index + 1}`;
  const [user] = await db.insert(users).values({ cityId, username, displayName: `基准受理员${index + 1}`, passwordHash, passwordChangedAt: now }).returning({ id: users.id });
  await db.insert(roleAssignments).values({ userId: user!.id, role: "campaign_admin", cityId, nodeId: root.id, grantedAt: now });
  return { cityId, code: `ev${index + 1}`, username, typeIds: typeRows.map((row) => row.id), micros };
}

// --- the same reports, as HTTP bodies and as raw rows

interface Planned {
  cityId: number;
  nodeId: number;
  typeId: number;
  lon: number;
  lat: number;
  description: string;
}

function plan(random: Random, benchCities: readonly BenchCity[], count: number): Planned[] {
  return Array.from({ length: count }, (_, i) => {
    const city = random.pick(benchCities);
    const micro = random.pick(city.micros);
    const { west, south, east, north } = micro.rect;
    return {
      cityId: city.cityId,
      nodeId: micro.id,
      typeId: random.pick(city.typeIds),
      lon: Number((west + (east - west) * random.between(0.1, 0.9)).toFixed(7)),
      lat: Number((south + (north - south) * random.between(0.1, 0.9)).toFixed(7)),
      description: `基准事件 ${i + 1}：路面破损，请尽快处理`,
    };
  });
}

async function rawRows(db: Database, planned: readonly Planned[], now: Date) {
  const calendars = new Map<number, Awaited<ReturnType<typeof calendarFor>>>();
  const limits = limitTable(
    (Object.keys(DEFAULT_LIMITS.normal) as TimerStage[]).map((stage) => ({ eventTypeId: null, urgency: "normal", stage, ...DEFAULT_LIMITS.normal[stage] })),
    0,
    "normal",
  );
  const rows = [];
  for (const report of planned) {
    const calendar = calendars.get(report.cityId) ?? (await calendarFor(db, report.cityId));
    calendars.set(report.cityId, calendar);
    const timer = timerFrom(calendar, now, limits.register);
    rows.push({ ...report, trackingCode: randomBytes(5).toString("hex").toUpperCase(), warnAt: timer.warnAt, dueAt: timer.dueAt, closeDueAt: closeDeadline(calendar, now, limits) });
  }
  return rows;
}

type RawRow = Awaited<ReturnType<typeof rawRows>>[number];

/** The event row exactly as the baseline writes it; `tag` keeps each run's tracking codes apart. */
function eventInsert(row: RawRow, now: Date, tag: string) {
  return sql`(${row.cityId}, ${row.nodeId}, ${row.typeId}, 'normal', 'staff', ${`${tag}${row.trackingCode}`}, ${row.description}, ${row.lon}, ${row.lat}, 'reported',
              ${now}, ${row.warnAt}, ${row.dueAt}, ${now}, ${row.closeDueAt}, ${now}, ${now})`;
}
const EVENT_COLUMNS = sql.raw(
  "city_id, node_id, event_type_id, urgency, source, tracking_code, description, lon, lat, stage, stage_started_at, stage_warn_at, stage_due_at, reported_at, close_due_at, created_at, updated_at",
);

/** The same three rows intake writes (the event, its first step, its audit entry, unsealed), for `count` events at once. */
async function writeThree(tx: Database, batch: readonly RawRow[], now: Date, tag: string): Promise<void> {
  const created = (await tx.execute(sql`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${sql.join(batch.map((row) => eventInsert(row, now, tag)), sql`, `)} RETURNING id, city_id, node_id`)) as unknown as {
    rows: { id: number; city_id: number; node_id: number }[];
  };
  const ids = created.rows;
  await tx.execute(sql`INSERT INTO event_steps (city_id, event_id, action, to_stage, node_id, late, at)
    VALUES ${sql.join(ids.map((row) => sql`(${row.city_id}, ${row.id}, 'report', 'reported', ${row.node_id}, false, ${now})`), sql`, `)}`);
  await tx.execute(sql`INSERT INTO audit_log (at, city_id, actor_username, node_id, action, entity, entity_id, after)
    VALUES ${sql.join(ids.map((row) => sql`(${now}, ${row.city_id}, 'bench', ${row.node_id}, 'event.report', 'event', ${String(row.id)}, ${JSON.stringify({ stage: "reported" })}::jsonb)`), sql`, `)}`);
}

type RawMode = "insert" | "locked" | "transaction" | "batched";
const BATCH = 16;

/**
 * The baselines, `CONCURRENCY` events in flight as in the HTTP runs: one autocommit INSERT per event
 * (the issue's baseline); the same inside the old per-city chain lock; intake's three rows in one
 * transaction per event; and those three rows for 16 events per transaction (a group-committing write path).
 */
async function rawInserts(db: Database, rows: readonly RawRow[], now: Date, mode: RawMode): Promise<Measured> {
  const size = mode === "batched" ? BATCH : 1;
  const workers = Math.max(1, Math.round(CONCURRENCY / size));
  const tag = { insert: "R", locked: "L", transaction: "T", batched: "B" }[mode];
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const index = next;
        next += size;
        if (index >= rows.length) return;
        const batch = rows.slice(index, index + size);
        const sent = performance.now();
        if (mode === "insert") {
          await db.execute(sql`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${eventInsert(batch[0]!, now, tag)}`);
        } else if (mode === "locked") {
          await db.transaction(async (tx) => {
            await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}, ${batch[0]!.cityId}::int)`);
            await tx.execute(sql`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${eventInsert(batch[0]!, now, tag)}`);
          });
        } else {
          await db.transaction((tx) => writeThree(tx, batch, now, tag));
        }
        const took = performance.now() - sent;
        for (let i = 0; i < batch.length; i++) latencies.push(took);
      }
    }),
  );
  return { elapsedMs: performance.now() - started, count: latencies.length, ...percentiles(latencies), failures: {} };
}

// --- running and printing

interface Line {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  failures: Record<string, number>;
}

function line(name: string, measured: Measured): Line {
  return { name, rate: (measured.count * 1000) / measured.elapsedMs, p50: measured.p50, p99: measured.p99, failures: measured.failures };
}

function print(title: string, lines: Line[]): void {
  console.log(`\n${title}`);
  console.log(`  ${"path".padEnd(66)} ${"events/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"% raw".padStart(6)}`);
  const raw = lines.find((entry) => entry.name.startsWith("raw INSERT of the same rows"))!;
  for (const entry of lines) {
    const failed = Object.entries(entry.failures).map(([status, n]) => `${n}×${status}`).join(" ");
    const share = ((100 * entry.rate) / raw.rate).toFixed(1);
    console.log(`  ${entry.name.padEnd(66)} ${entry.rate.toFixed(0).padStart(9)} ${entry.p50.toFixed(1).padStart(8)} ${entry.p99.toFixed(1).padStart(8)} ${share.padStart(6)}${failed ? `  failed: ${failed}` : ""}`);
  }
  console.log(`  intake / raw INSERT = ${((100 * lines[0]!.rate) / raw.rate).toFixed(1)} % (goal on PostgreSQL with 32 connections: 50 %)`);
}

/**
 * CPU spent from now on by this process (the server, or the raw INSERTs' client) and by the local PostgreSQL server's processes, read from /proc: where a rate is bound by the
 * machine's two cores, this says who spends them. PostgreSQL counts 0 on PGlite or a remote server.
 */
function cpuMeter(): () => { node: number; postgres: number } {
  const postgresTicks = () => {
    const ticks = new Map<string, number>();
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (!stat.includes("(postgres)")) continue;
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // the process ended between listing and reading
      }
    }
    return ticks;
  };
  const node = process.cpuUsage();
  const before = postgresTicks();
  return () => {
    const used = process.cpuUsage(node);
    // Per process, so one that ends meanwhile (an autovacuum worker) does not take its past CPU out of the sum.
    let ticks = 0;
    for (const [pid, now] of postgresTicks()) ticks += now - (before.get(pid) ?? 0);
    return { node: (used.user + used.system) / 1000, postgres: ticks * 10 };
  };
}

async function signIn(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const post = () => fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: PASSWORD }) });
  // After a long build the client may reuse a kept-alive connection just as the server closes it: once more on a new one.
  const response = await post().catch(post);
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

async function measure(label: string, handle: DatabaseHandle, url: string, benchCities: BenchCity[], count: number, random: Random): Promise<void> {
  const staff = new Map<number, Record<string, string>>();
  for (const city of benchCities) {
    const session = await signIn(url, city.username);
    staff.set(city.cityId, { cookie: session.cookie, "x-csrf-token": session.csrf });
  }
  const codes = new Map(benchCities.map((city) => [city.cityId, city.code]));
  const asStaff = (report: Planned): LoadRequest => ({
    path: "/api/events",
    body: JSON.stringify({ typeId: report.typeId, description: report.description, lon: report.lon, lat: report.lat }),
    headers: staff.get(report.cityId)!,
  });
  const asResident = (report: Planned): LoadRequest => ({
    path: "/api/public/events",
    body: JSON.stringify({ city: codes.get(report.cityId), typeId: report.typeId, description: report.description, lon: report.lon, lat: report.lat }),
    headers: {},
  });
  // Warm-up, not timed: every city's micro-grid index built, connections opened, code paths compiled and optimised.
  const warmUp = [...benchCities.map((city) => plan(random, [city], 1)[0]!), ...plan(random, benchCities, 1000)];
  await fromLoadProcess({ url, concurrency: CONCURRENCY, requests: [...warmUp.map(asStaff), ...warmUp.map(asResident)] });
  // The warm-up's audit entries are sealed, and its rows vacuumed and analysed (as autovacuum soon would),
  // before the clock starts: the timed run pays for its own sealing, not for the warm-up's upkeep.
  while ((await sealAuditChain(handle.db)) > 0);
  await handle.db.execute(sql`VACUUM ANALYZE`);
  const now = new Date();
  const intakeCpu = cpuMeter();
  const intake = await fromLoadProcess({ url, concurrency: CONCURRENCY, requests: plan(random, benchCities, count).map(asStaff) });
  const intakeUsed = intakeCpu();
  const resident = await fromLoadProcess({ url, concurrency: CONCURRENCY, requests: plan(random, benchCities, count).map(asResident) });
  const rows = await rawRows(handle.db, plan(random, benchCities, count), now);
  const rawCpu = cpuMeter();
  const raw = await rawInserts(handle.db, rows, now, "insert");
  const rawUsed = rawCpu();
  const results = [
    line("HTTP intake by staff: validated, routed, audited, stage timer", intake),
    line("HTTP intake on the public side (the same, without a session)", resident),
    line("raw INSERT of the same rows (one autocommit INSERT each)", raw),
    line("raw: intake's three rows (event, step, audit) per transaction", await rawInserts(handle.db, rows, now, "transaction")),
    line(`raw: the three rows for ${BATCH} events per transaction (group commit)`, await rawInserts(handle.db, rows, now, "batched")),
    line("raw INSERT inside a per-city advisory lock (the old audit chain)", await rawInserts(handle.db, rows, now, "locked")),
  ];
  const micros = benchCities.reduce((sum, city) => sum + city.micros.length, 0);
  const scale = benchCities.length === 1 ? "county scale (1 city" : `province scale (${benchCities.length} cities`;
  print(`${label}: ${scale}, ${micros.toLocaleString("en")} micro-grids), ${CONCURRENCY} in flight, ${count.toLocaleString("en")} events per line`, results);
  const perEvent = (used: { node: number; postgres: number }, n: number) => `server ${(used.node / n).toFixed(2)} ms, PostgreSQL ${(used.postgres / n).toFixed(2)} ms`;
  console.log(
    `  CPU per event: staff intake ${perEvent(intakeUsed, intake.count)}, load generator ${(intake.loadCpuMs / intake.count).toFixed(2)} ms; raw INSERT ${perEvent(rawUsed, raw.count)}`,
  );
}

async function freshPostgres(server: string): Promise<DatabaseHandle | null> {
  const name = `zhili_bench_ev_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch {
    console.log(`\nPostgreSQL not reachable at ${server}: event intake skipped there`);
    return null;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: CONCURRENCY });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: server });
      await dropper.connect();
      await dropper.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** `npm run bench` calls this after the tree benchmark: county, then province, on PGlite and on PostgreSQL. */
export async function benchEventIntake(postgresServer: string, provinceCities: number): Promise<void> {
  const counts = { pglite: Number(process.env.BENCH_EVENTS_PGLITE ?? 1500), postgres: Number(process.env.BENCH_EVENTS ?? 4000) };
  // BENCH_DATABASES=postgres (or pglite) measures one database only, for quicker turns while tuning.
  const only = process.env.BENCH_DATABASES;
  for (const [label, open, count] of [
    ["PGlite (in memory)", () => openDatabase({ dataDir: "memory://" }), counts.pglite],
    ["PostgreSQL", () => freshPostgres(postgresServer), counts.postgres],
  ] as const) {
    if (only && !label.toLowerCase().startsWith(only)) continue;
    const handle = await open();
    if (!handle) continue;
    const random = Random.forSection(20_260_601, label);
    const now = new Date();
    const passwordHash = await hashPassword(PASSWORD);
    let nodeId = 10_000_000;
    const nextId = () => nodeId++;
    const config = configFromEnv({}, { demo: false, serveWeb: false, logLevel: "warn" });
    const app = await buildApp({ db: handle.db, databaseKind: handle.kind, config });
    const jobs = startJobs([{ name: "audit.seal", everyMs: config.auditSealMs, run: () => sealAuditChain(handle.db) }], (message, error) => console.error(message, error));
    try {
      await app.listen({ host: "127.0.0.1", port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const started = performance.now();
      const benchCities = [await buildCity(handle.db, 0, passwordHash, now, nextId)];
      console.log(`\n== ${label}: event intake; county built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      await measure(label, handle, url, benchCities, count, random);
      const provinceStarted = performance.now();
      for (let index = 1; index < provinceCities; index++) benchCities.push(await buildCity(handle.db, index, passwordHash, now, nextId));
      await handle.db.execute(sql`ANALYZE`);
      console.log(`\n== ${label}: province of ${provinceCities} cities built in ${((performance.now() - provinceStarted) / 1000).toFixed(1)} s`);
      await measure(label, handle, url, benchCities, count, random);
    } finally {
      await jobs.stop();
      await app.close();
      await handle.close();
    }
  }
}
