import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../server/app";
import { openDatabase, type Database, type DatabaseHandle } from "../server/db/client";
import { hashPassword } from "../server/platform/auth/passwords";
import { configFromEnv, DEFAULT_DEMO_PASSWORD } from "../server/platform/config";
import { ensureDemoCity } from "../server/main";
import { fromLoadProcess } from "./events";
import { buildProvince } from "./tree";

/**
 * The read path at province scale (issue 16): 100 cities of ~5,000 nodes, 10 million events with
 * their steps and 1 million problems with theirs at BENCH_SCALE=1 (0.01 for a quick turn), built
 * set-based in SQL on PostgreSQL; then each target read through the HTTP API with 32 connections
 * (autocannon, in a process of its own) beside the same query sent straight to PostgreSQL through
 * `pg` with as many connections. Figures printed, never asserted: a target missed prints as missed.
 * Then the cost of 200 idle big screens, and the demo city's figures on PGlite (BENCH_PGLITE=0 leaves
 * that out, BENCH_POSTGRES=0 the rest). The machine's load average is printed beside each figure.
 */

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CITIES = Number(process.env.BENCH_CITIES ?? 100);
const CONNECTIONS = Number(process.env.BENCH_READ_CONNECTIONS ?? 32);
const REQUESTS = Number(process.env.BENCH_READ_REQUESTS ?? 2000);
const PASSWORD = "Bench#Reads2026";

async function exec(db: Database, query: ReturnType<typeof sql>): Promise<void> {
  await db.execute(query);
}

/** Events, their steps, problems and theirs, all in INSERT … SELECT over generate_series: minutes, not hours. */
async function buildRecords(db: Database): Promise<{ events: number; problems: number; seconds: number }> {
  const started = performance.now();
  const events = Math.round(10_000_000 * SCALE);
  const problems = Math.round(1_000_000 * SCALE);
  await exec(db, sql`INSERT INTO event_types (city_id, code, name, category)
    SELECT c.id, 'T' || k, (ARRAY['占道经营','垃圾堆放','井盖缺失','路灯损坏','邻里纠纷'])[k], (ARRAY['市容','环卫','设施','设施','矛盾'])[k]
    FROM cities c CROSS JOIN generate_series(1, 5) k WHERE c.code LIKE 'bench%'`);
  await exec(db, sql`CREATE TEMP TABLE bench_micro AS
    SELECT row_number() OVER (ORDER BY n.id) AS rn, n.id, n.city_id FROM org_nodes n JOIN cities c ON c.id = n.city_id
    WHERE n.kind = 'micro_grid' AND c.code LIKE 'bench%'`);
  await exec(db, sql`CREATE TEMP TABLE bench_village AS
    SELECT row_number() OVER (ORDER BY n.id) AS rn, n.id, n.city_id FROM org_nodes n JOIN cities c ON c.id = n.city_id
    WHERE n.kind = 'village' AND c.code LIKE 'bench%'`);
  await exec(db, sql`CREATE TEMP TABLE bench_type AS SELECT city_id, id, row_number() OVER (PARTITION BY city_id ORDER BY id) AS k FROM event_types`);
  // Five departments a city's events are dispatched to, so the department table has rows to read.
  await exec(db, sql`INSERT INTO departments (city_id, node_id, code, name)
    SELECT n.city_id, n.id, 'BD' || k, (ARRAY['市城市管理局','市住建局','市交通运输局','市水务局','市市场监管局'])[k]
    FROM org_nodes n JOIN cities c ON c.id = n.city_id AND c.code LIKE 'bench%' CROSS JOIN generate_series(1, 5) k WHERE n.kind = 'city'`);
  await exec(db, sql`CREATE TEMP TABLE bench_dept AS
    SELECT d.city_id, d.id, row_number() OVER (PARTITION BY d.city_id ORDER BY d.id) AS k FROM departments d JOIN cities c ON c.id = d.city_id AND c.code LIKE 'bench%'`);
  await exec(db, sql`CREATE INDEX ON bench_dept (city_id, k)`);
  await exec(db, sql`CREATE INDEX ON bench_micro (rn)`);
  await exec(db, sql`CREATE INDEX ON bench_village (rn)`);
  await exec(db, sql`CREATE INDEX ON bench_type (city_id, k)`);
  const micros = Number(((await db.execute(sql`SELECT count(*)::int AS n FROM bench_micro`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  const villages = Number(((await db.execute(sql`SELECT count(*)::int AS n FROM bench_village`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  // Two years of reports; stages from the reporting age: most closed, the newest still open, one in ten of those late.
  // Cases past dispatch carry one of the city's five departments; those still reported or waiting for dispatch none.
  const chunk = 1_000_000;
  for (let from = 1; from <= events; from += chunk) {
    const to = Math.min(events, from + chunk - 1);
    await exec(db, sql`INSERT INTO events (city_id, node_id, event_type_id, department_id, urgency, source, tracking_code, description, lon, lat, stage,
        stage_started_at, stage_warn_at, stage_due_at, reported_at, registered_at, dispatched_at, handled_at, closed_at, close_due_at, rating)
      SELECT m.city_id, m.id, t.id, CASE WHEN g % 50 = 0 AND (g / 50) % 5 < 2 THEN NULL ELSE d.id END, 'normal', 'staff', 'B' || g, '基准事件' || g, 105 + (g % 4000) * 0.0001, 30 + (g % 3000) * 0.0001,
        CASE WHEN g % 50 = 0 THEN (ARRAY['reported','dispatching','dispatched','handling','checking'])[1 + (g / 50) % 5] WHEN g % 7 = 0 THEN 'evaluated' ELSE 'closed' END,
        -- Only open cases run a timer (closing clears it, as the workflow does): one in ten of them red, one in six yellow.
        r.at, CASE WHEN g % 50 = 0 THEN now() + (CASE WHEN g % 500 = 0 THEN interval '-2 hours' WHEN g % 300 = 0 THEN interval '-1 hour' ELSE interval '1 day' END) END,
        CASE WHEN g % 50 = 0 THEN now() + (CASE WHEN g % 500 = 0 THEN interval '-1 hour' ELSE interval '2 days' END) END,
        r.at, r.at + interval '10 minutes', r.at + interval '1 hour', r.at + interval '1 day', CASE WHEN g % 50 = 0 THEN NULL ELSE r.at + interval '2 days' END,
        r.at + interval '5 days', CASE WHEN g % 7 = 0 THEN (ARRAY['satisfied','basic','unsatisfied'])[1 + g % 3] END
      FROM generate_series(${from}::int, ${to}::int) g
      JOIN bench_micro m ON m.rn = 1 + (g::bigint * 7919) % ${micros}
      JOIN bench_type t ON t.city_id = m.city_id AND t.k = 1 + g % 5
      JOIN bench_dept d ON d.city_id = m.city_id AND d.k = 1 + (g / 7) % 5
      CROSS JOIN LATERAL (SELECT now() - ((g::bigint * 104729) % 63072000) * interval '1 second' AS at) r`);
  }
  await exec(db, sql`INSERT INTO event_steps (city_id, event_id, action, from_stage, to_stage, node_id, at)
    SELECT e.city_id, e.id, s.action, s.from_stage, s.to_stage, e.node_id, e.reported_at + s.after
    FROM events e JOIN cities c ON c.id = e.city_id AND c.code LIKE 'bench%'
    CROSS JOIN LATERAL (VALUES ('report', NULL, 'reported', interval '0'), ('register', 'reported', 'dispatching', interval '10 minutes'), ('close', 'checking', 'closed', interval '2 days')) s(action, from_stage, to_stage, after)
    WHERE s.action <> 'close' OR e.closed_at IS NOT NULL`);
  await exec(db, sql`INSERT INTO problems (city_id, node_id, channel, source, category, title, description, found_on, status, deadline_at, closed_at, light, responsible_node_id)
    SELECT v.city_id, v.id, (ARRAY['symposium','hotline','household_visit'])[1 + g % 3], 'self', (ARRAY['governance','livelihood','party_building'])[1 + g % 3], '基准问题' || g, '描述',
      (now() - ((g::bigint * 7919) % 730) * interval '1 day')::date,
      CASE WHEN g % 5 = 0 THEN 'rectifying' WHEN g % 11 = 0 THEN 'registered' ELSE 'closed' END,
      now() + ((g % 60) - 10) * interval '1 day', CASE WHEN g % 5 <> 0 AND g % 11 <> 0 THEN now() - (g % 300) * interval '1 day' END,
      CASE WHEN g % 5 = 0 THEN (ARRAY['green','yellow','red'])[1 + g % 3] END,
      -- Assigned to their own village once past registration, so the table by responsible unit has rows.
      CASE WHEN g % 5 = 0 OR g % 11 <> 0 THEN v.id END
    FROM generate_series(1, ${problems}::int) g JOIN bench_village v ON v.rn = 1 + (g::bigint * 31) % ${villages}`);
  await exec(db, sql`INSERT INTO problem_events (city_id, problem_id, action, to_status, at)
    SELECT p.city_id, p.id, 'register', 'registered', p.created_at FROM problems p JOIN cities c ON c.id = p.city_id AND c.code LIKE 'bench%'`);
  await exec(db, sql`ANALYZE`);
  return { events, problems, seconds: (performance.now() - started) / 1000 };
}

interface Place {
  city: { id: number; path: string };
  /** An event type of the city. */
  typeId: number;
  township: { id: number; path: string };
  village: { id: number; path: string };
  grid: { id: number; path: string };
}

async function placesOf(db: Database): Promise<Place> {
  const one = async (kind: string, under: string) =>
    ((await db.execute(sql`SELECT id, path FROM org_nodes WHERE kind = ${kind} AND path LIKE ${`${under}%`} ORDER BY id LIMIT 1`)) as unknown as { rows: { id: number; path: string }[] }).rows[0]!;
  const city = await one("city", "/");
  const township = await one("township", city.path);
  const village = await one("village", township.path);
  const grid = await one("grid", village.path);
  const typeId = ((await db.execute(sql`SELECT t.id FROM event_types t JOIN org_nodes n ON n.city_id = t.city_id WHERE n.id = ${city.id} ORDER BY t.id LIMIT 1`)) as unknown as { rows: { id: number }[] }).rows[0]!.id;
  return { city, township, village, grid, typeId };
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!response.ok) throw new Error(`bench sign-in: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** A leader at the first city's root, who may read everything below it. */
async function leaderSession(db: Database, url: string, cityNode: { id: number }): Promise<string> {
  const hash = await hashPassword(PASSWORD);
  await exec(db, sql`INSERT INTO users (username, display_name, city_id, password_hash) SELECT 'bench.leader', '基准领导', city_id, ${hash} FROM org_nodes WHERE id = ${cityNode.id}`);
  await exec(db, sql`INSERT INTO role_assignments (user_id, role, node_id, city_id) SELECT u.id, 'leader', n.id, n.city_id FROM users u, org_nodes n WHERE u.username = 'bench.leader' AND n.id = ${cityNode.id}`);
  return signIn(url, "bench.leader");
}

/** A province reader (省委组织部): an account of no city, holding its role without a node. */
async function provinceSession(db: Database, url: string): Promise<string> {
  const hash = await hashPassword(PASSWORD);
  await exec(db, sql`INSERT INTO users (username, display_name, city_id, password_hash) VALUES ('bench.province', '基准省委组织部', NULL, ${hash})`);
  await exec(db, sql`INSERT INTO role_assignments (user_id, role, node_id, city_id) SELECT u.id, 'province_reader', NULL, NULL FROM users u WHERE u.username = 'bench.province'`);
  return signIn(url, "bench.province");
}

/** The same SQL straight through `pg` with the same connections: the ceiling the API is measured against. */
async function rawRate(pool: pg.Pool, text: string, values: unknown[]): Promise<{ rate: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next++ < REQUESTS) {
        const t0 = performance.now();
        await pool.query(text, values);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { rate: (1000 * latencies.length) / elapsed, p99: latencies[Math.floor(0.99 * latencies.length)] ?? 0 };
}

/** A target's limits: latency percentiles under load (p95 read as autocannon's p97.5, the nearest above), a rate, or one request alone. */
interface Goal {
  p95?: number;
  p99?: number;
  rate?: number;
  alone?: number;
}

interface Target {
  name: string;
  path: string;
  /** Read as the province reader instead of the city's leader. */
  province?: true;
  goal: string;
  limits: Goal;
  raw?: { text: string; values: unknown[] };
}

const FIGURES: Goal = { p95: 50, rate: 500 };
const LIST: Goal = { p99: 50 };
const STATS: Goal = { alone: 100 };

function verdict(limits: Goal, measured: { rate: number; p97_5: number; p99: number; alone: number }): string {
  const missed = [
    limits.p95 !== undefined && measured.p97_5 > limits.p95 ? "p95" : null,
    limits.p99 !== undefined && measured.p99 > limits.p99 ? "p99" : null,
    limits.rate !== undefined && measured.rate < limits.rate ? "rate" : null,
    limits.alone !== undefined && measured.alone > limits.alone ? "alone" : null,
  ].filter((name): name is string => name !== null);
  return missed.length === 0 ? "held" : `missed (${missed.join(", ")})`;
}

/** The machine's load beside each figure: on a shared machine a number means little without it. */
const load = () => `load ${loadavg()[0]!.toFixed(1)}`;

const listSql = (extra: string) =>
  `SELECT * FROM events WHERE deleted_at IS NULL AND node_id IN (SELECT id FROM org_nodes WHERE path LIKE $1) ${extra} ORDER BY reported_at DESC, id DESC LIMIT 51`;

function targets(p: Place): Target[] {
  const sub = (node: { path: string }) => [`${node.path}%`];
  return [
    { name: "figures, city root", path: `/api/figures?org=${p.city.id}`, goal: "p95 ≤ 50 ms, ≥ 500/s", limits: FIGURES,
      raw: { text: "SELECT count(*) FILTER (WHERE stage IN ('reported','dispatching','dispatched','handling','checking')) AS open, count(*) FROM events WHERE deleted_at IS NULL AND node_id IN (SELECT id FROM org_nodes WHERE path LIKE $1)", values: sub(p.city) } },
    { name: "figures, township", path: `/api/figures?org=${p.township.id}`, goal: "p95 ≤ 50 ms, ≥ 500/s", limits: FIGURES,
      raw: { text: "SELECT count(*) FILTER (WHERE stage IN ('reported','dispatching','dispatched','handling','checking')) AS open, count(*) FROM events WHERE deleted_at IS NULL AND node_id IN (SELECT id FROM org_nodes WHERE path LIKE $1)", values: sub(p.township) } },
    { name: "figures, province", path: "/api/figures/province", province: true, goal: "p95 ≤ 50 ms, ≥ 500/s", limits: FIGURES,
      raw: { text: "SELECT count(*) FILTER (WHERE stage IN ('reported','dispatching','dispatched','handling','checking')) AS open, count(*) FROM events WHERE deleted_at IS NULL", values: [] } },
    { name: "events of a grid, 50 a page", path: `/api/events?org=${p.grid.id}&pageSize=50`, goal: "p99 ≤ 50 ms, ≥ 2,000/s", limits: { p99: 50, rate: 2000 }, raw: { text: listSql(""), values: sub(p.grid) } },
    { name: "events of a township by stage", path: `/api/events?org=${p.township.id}&stage=handling&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST, raw: { text: listSql("AND stage = 'handling'"), values: sub(p.township) } },
    { name: "events of a city, red light", path: `/api/events?org=${p.city.id}&light=red&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST, raw: { text: listSql("AND stage_due_at < now()"), values: sub(p.city) } },
    { name: "events of a city by type and period", path: `/api/events?org=${p.city.id}&type=${p.typeId}&from=${encodeURIComponent(new Date(Date.now() - 90 * 86_400_000).toISOString())}&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST },
    { name: "problems of a village, 50 a page", path: `/api/problems?org=${p.village.id}&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST,
      raw: { text: "SELECT * FROM problems WHERE deleted_at IS NULL AND node_id IN (SELECT id FROM org_nodes WHERE path LIKE $1) ORDER BY id DESC LIMIT 51", values: sub(p.village) } },
    { name: "problems of a city, red light", path: `/api/problems?org=${p.city.id}&light=red&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST },
    { name: "problems of a township by category", path: `/api/problems?org=${p.township.id}&category=governance&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST },
    { name: "problems of a city by status", path: `/api/problems?org=${p.city.id}&status=rectifying&pageSize=50`, goal: "p99 ≤ 50 ms", limits: LIST },
    { name: "event statistics by node (township)", path: `/api/events/stats?org=${p.township.id}`, goal: "≤ 100 ms", limits: STATS },
    { name: "event statistics by department (city)", path: `/api/events/stats/departments?org=${p.city.id}`, goal: "≤ 100 ms", limits: STATS },
    { name: "problem statistics by node (township)", path: `/api/problems/stats?org=${p.township.id}`, goal: "≤ 100 ms", limits: STATS },
    { name: "problem statistics by unit (city)", path: `/api/problems/stats/units?org=${p.city.id}`, goal: "≤ 100 ms", limits: STATS },
  ];
}

async function freshPostgres(server: string): Promise<{ handle: DatabaseHandle; url: string } | null> {
  const name = `zhili_reads_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch {
    console.log(`\nPostgreSQL not reachable at ${server}: the read benchmark is skipped`);
    return null;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: CONNECTIONS });
  return {
    url: url.toString(),
    handle: {
      ...handle,
      close: async () => {
        await handle.close();
        const dropper = new pg.Client({ connectionString: server });
        await dropper.connect();
        await dropper.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await dropper.end();
      },
    },
  };
}

export async function benchReads(postgresServer: string): Promise<void> {
  const fresh = await freshPostgres(postgresServer);
  if (!fresh) return;
  const { handle } = fresh;
  const config = configFromEnv({}, { demo: false, serveWeb: false, logLevel: "error", rateLimit: false });
  // BENCH_LOG=1 shows the server's errors (a target that fails prints only its status).
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, config, logger: process.env.BENCH_LOG === "1" });
  const pool = new pg.Pool({ connectionString: fresh.url, max: CONNECTIONS });
  try {
    const tree = await buildProvince(handle.db, CITIES);
    const records = await buildRecords(handle.db);
    console.log(`\n== PostgreSQL read path: ${CITIES} cities, ${tree.nodes.toLocaleString("en")} nodes (${tree.seconds.toFixed(0)} s), ${records.events.toLocaleString("en")} events and ${records.problems.toLocaleString("en")} problems with their steps (${records.seconds.toFixed(0)} s), BENCH_SCALE=${SCALE}`);
    await app.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const places = await placesOf(handle.db);
    const cookie = await leaderSession(handle.db, url, places.city);
    const provinceCookie = await provinceSession(handle.db, url);
    if (process.env.BENCH_EXPLAIN === "1") return await explainTargets(handle.db, url, cookie, places);
    console.log(`  ${"target".padEnd(40)} ${"goal".padEnd(22)} ${"ours /s".padStart(8)} ${"p50".padStart(6)} ${"p97.5".padStart(6)} ${"p99".padStart(6)} ${"raw pg /s".padStart(10)} ${"raw p99".padStart(8)}`);
    // BENCH_ONLY=<words> measures only the targets whose name holds them (a quick turn, or a profile of one path).
    const only = process.env.BENCH_ONLY;
    for (const target of targets(places).filter((target) => !only || target.name.includes(only))) {
      const headers = { cookie: target.province ? provinceCookie : cookie };
      const alone = performance.now();
      const once = await fetch(`${url}${target.path}`, { headers });
      const aloneMs = performance.now() - alone;
      if (!once.ok) {
        console.log(`  ${target.name.padEnd(40)} failed: ${once.status} ${(await once.text()).slice(0, 120)}`);
        continue;
      }
      // The server's CPU per request: what a request costs, whatever else the machine is doing meanwhile.
      const cpuBefore = process.cpuUsage();
      const measured = await fromLoadProcess({ url, concurrency: CONNECTIONS, method: "GET", requests: [{ path: target.path, body: "", headers }], amount: target.limits === STATS ? Math.min(REQUESTS, 100) : REQUESTS });
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, measured.count);
      const rate = (1000 * measured.count) / measured.elapsedMs;
      const raw = target.raw ? await rawRate(pool, target.raw.text, target.raw.values) : null;
      const failures = Object.keys(measured.failures).length ? ` failures ${JSON.stringify(measured.failures)}` : "";
      const held = verdict(target.limits, { rate, p97_5: measured.p97_5 ?? Infinity, p99: measured.p99, alone: aloneMs });
      console.log(
        `  ${target.name.padEnd(40)} ${target.goal.padEnd(22)} ${rate.toFixed(0).padStart(8)} ${String(measured.p50).padStart(6)} ${String(measured.p97_5).padStart(6)} ${String(measured.p99).padStart(6)} ${(raw ? raw.rate.toFixed(0) : "—").padStart(10)} ${(raw ? raw.p99.toFixed(1) : "—").padStart(8)}  ${held.padEnd(22)} (alone ${aloneMs.toFixed(0)} ms, server CPU ${cpuPerRequest.toFixed(2)} ms a request, ${load()})${failures}`,
      );
    }
    if (only) return;
    // Deep pages: page 200 by OFFSET against the same depth reached by cursor.
    const pathOf = (extra: string) => `/api/events?org=${places.city.id}&pageSize=50${extra}`;
    let cursor = "";
    const walkStarted = performance.now();
    for (let page = 1; page < 200; page++) {
      const body = (await (await fetch(`${url}${pathOf(cursor ? `&cursor=${cursor}` : "")}`, { headers: { cookie } })).json()) as { nextCursor: string | null };
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const perPage = (performance.now() - walkStarted) / 199;
    const t0 = performance.now();
    await fetch(`${url}${pathOf("&page=200")}`, { headers: { cookie } });
    const offsetMs = performance.now() - t0;
    const t1 = performance.now();
    await fetch(`${url}${pathOf(`&cursor=${cursor}`)}`, { headers: { cookie } });
    console.log(`  deep page 200 of a city's events: OFFSET ${offsetMs.toFixed(0)} ms, cursor ${(performance.now() - t1).toFixed(0)} ms (walking 199 pages by cursor: ${perPage.toFixed(1)} ms a page)`);
    await idleScreens(url, cookie, places.city.id);
  } finally {
    await pool.end();
    await app.close();
    await handle.close();
  }
}

/**
 * BENCH_EXPLAIN=1: instead of loading the server, each list target is asked once and every query it
 * sends PostgreSQL is shown with its plan (EXPLAIN ANALYZE): the indexes a list reads at this scale.
 */
async function explainTargets(db: Database, url: string, cookie: string, places: Place): Promise<void> {
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const sent: { text: string; values: unknown[] }[] = [];
  (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof first === "string" ? first : first.text;
    const values = (Array.isArray(args[1]) ? args[1] : typeof first === "string" ? [] : first.values) ?? [];
    if (/^\s*select/i.test(text) && /from "(events|problems)"/i.test(text)) sent.push({ text, values: values as unknown[] });
    return query(...args);
  };
  try {
    for (const target of targets(places).filter((target) => !target.path.startsWith("/api/figures"))) {
      sent.length = 0;
      const response = await fetch(`${url}${target.path}`, { headers: { cookie } });
      console.log(`\n-- ${target.name}: ${target.path} (${response.status})`);
      for (const { text, values } of [...sent]) {
        const plan = (await query(`EXPLAIN (ANALYZE, COSTS OFF) ${text}`, values)) as { rows: Record<string, string>[] };
        console.log(`  ${text.slice(0, 160)}…`);
        for (const row of plan.rows) console.log(`    ${Object.values(row)[0]}`);
      }
    }
  } finally {
    (pool as unknown as { query: unknown }).query = query;
  }
}

const SCREENS = Number(process.env.BENCH_SCREENS ?? 200);
const QUIET_SECONDS = Number(process.env.BENCH_QUIET_SECONDS ?? 30);

/**
 * The cost of open big screens while nothing changes (goal: 200 screens ≤ 5 % of a core): SCREENS
 * server-sent-event streams held open for QUIET_SECONDS, and the CPU this process (the server, and
 * the idle readers) used meanwhile, as a share of one core.
 */
async function idleScreens(url: string, cookie: string, nodeId: number): Promise<void> {
  const controllers: AbortController[] = [];
  for (let i = 0; i < SCREENS; i++) {
    const controller = new AbortController();
    controllers.push(controller);
    const response = await fetch(`${url}/api/figures/stream?org=${nodeId}`, { headers: { cookie }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`screen ${i}: ${response.status}`);
    const reader = response.body.getReader();
    void (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        // Aborted at the end of the measurement.
      }
    })();
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, QUIET_SECONDS * 1000));
  const used = process.cpuUsage(before);
  const share = (100 * (used.user + used.system)) / 1000 / (performance.now() - started);
  for (const controller of controllers) controller.abort();
  console.log(`  ${SCREENS} open big screens, nothing changing, ${QUIET_SECONDS} s: ${share.toFixed(2)} % of a core (goal ≤ 5 %: ${share <= 5 ? "held" : "missed"}, ${load()})`);
}

/**
 * The demo city on the embedded database (PGlite, one connection): its figures at the city root and
 * at a township, kept (the cache) and counted afresh each time (FIGURES_CACHE_MS=0), goal p95 ≤ 50 ms.
 */
export async function benchPgliteFigures(): Promise<void> {
  const started = performance.now();
  const handle = await openDatabase({ dataDir: "memory://" });
  const now = new Date();
  await ensureDemoCity(handle, DEFAULT_DEMO_PASSWORD, now);
  console.log(`\n== PGlite, the demo city (${((performance.now() - started) / 1000).toFixed(0)} s to load), ${CONNECTIONS} connections`);
  for (const cacheMs of [5000, 0]) {
    const config = configFromEnv({}, { demo: false, serveWeb: false, logLevel: "error", rateLimit: false, figuresCacheMs: cacheMs });
    const app = await buildApp({ db: handle.db, databaseKind: handle.kind, config, logger: false });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const response = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "leader.city", password: DEFAULT_DEMO_PASSWORD }) });
      const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const city = ((await (await fetch(`${url}/api/figures`, { headers: { cookie } })).json()) as { org: { id: number } }).org.id;
      const township = ((await handle.db.execute(sql`SELECT id FROM org_nodes WHERE parent_id = ${city} ORDER BY id LIMIT 1`)) as unknown as { rows: { id: number }[] }).rows[0]!.id;
      for (const [name, id] of [["city root", city], ["township", township]] as const) {
        const path = `/api/figures?org=${id}`;
        const alone = performance.now();
        await fetch(`${url}${path}`, { headers: { cookie } });
        const aloneMs = performance.now() - alone;
        const cpuBefore = process.cpuUsage();
        const measured = await fromLoadProcess({ url, concurrency: CONNECTIONS, method: "GET", requests: [{ path, body: "", headers: { cookie } }], amount: cacheMs > 0 ? REQUESTS : Math.min(REQUESTS, 200) });
        const cpu = process.cpuUsage(cpuBefore);
        const rate = (1000 * measured.count) / measured.elapsedMs;
        const label = `figures, ${name}, ${cacheMs > 0 ? "kept" : "counted each time"}`;
        console.log(
          `  ${label.padEnd(44)} ${rate.toFixed(0).padStart(6)}/s p50 ${measured.p50} p97.5 ${measured.p97_5} p99 ${measured.p99} ms  ${verdict({ p95: 50 }, { rate, p97_5: measured.p97_5 ?? Infinity, p99: measured.p99, alone: aloneMs })} (alone ${aloneMs.toFixed(0)} ms, server CPU ${((cpu.user + cpu.system) / 1000 / Math.max(1, measured.count)).toFixed(2)} ms a request, ${load()})`,
        );
      }
    } finally {
      await app.close();
    }
  }
  await handle.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.env.BENCH_POSTGRES !== "0") await benchReads(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  if (process.env.BENCH_PGLITE !== "0") await benchPgliteFigures();
}
