import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { sql } from "drizzle-orm";
import { buildApp } from "../app";
import type { Database, DatabaseHandle } from "../db/client";
import { cities, orgNodes, persons, posts, roleAssignments, users } from "../db/schema";
import { ManualClock } from "../platform/clock";
import { configFromEnv, type Config } from "../platform/config";
import { hashPassword } from "../platform/auth/passwords";
import type { JobEnv } from "../platform/context";
import type { ModuleManifest } from "../platform/modules";
import type { RoleName } from "../../shared/permissions";
import { freshDatabase } from "./database";

export const TEST_PASSWORD = "Test@pass2026";

export interface Session {
  username: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  db: Database;
  clock: ManualClock;
  config: Config;
  /** What the server's background jobs run with, for tests that run a sweep by hand. */
  jobEnv(): JobEnv;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export async function createTestContext(overrides: Partial<Config> = {}, database?: DatabaseHandle, modules?: readonly ModuleManifest[]): Promise<TestContext> {
  const handle = database ?? (await freshDatabase());
  const clock = new ManualClock();
  // A data folder of its own: what the server keeps there (the audit signing key) never lands in the checkout.
  // Rate limits are off unless a test turns them on: a suite signs in hundreds of times from one address.
  const config = configFromEnv({}, { demo: false, serveWeb: false, rateLimit: false, dataDir: mkdtempSync(join(tmpdir(), "zhili-test-")), ...overrides });
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, config, clock, logger: process.env.TEST_LOG === "1", modules });
  await app.ready();
  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === "zhili_sid")!;
    const csrf = (response.json() as { csrfToken: string }).csrfToken;
    const request = (options: InjectOptions) =>
      app.inject({ ...options, cookies: { zhili_sid: cookie.value }, headers: { "x-csrf-token": csrf, ...(options.headers ?? {}) } });
    return {
      username,
      csrf,
      request,
      get: (url) => request({ method: "GET", url }),
      post: (url, body) => request({ method: "POST", url, payload: body as InjectOptions["payload"] }),
      patch: (url, body) => request({ method: "PATCH", url, payload: body as InjectOptions["payload"] }),
      delete: (url, body) => request({ method: "DELETE", url, payload: body as InjectOptions["payload"] }),
    };
  };
  return {
    app,
    database: handle,
    db: handle.db,
    clock,
    config,
    jobEnv: () => ({ db: handle.db, clock, config, modules: app.modules }),
    login,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/**
 * A small city for scope tests: two townships with two villages each, a grid and two micro-grids per
 * village, a resident in every micro-grid, and one account per role (username = role, or role.<where>).
 */
export async function seedSmallCity(db: Database) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const [city] = await db.insert(cities).values({ code: "testcity", name: "测试市", prefecture: "测试州" }).returning();
  const cityId = city!.id;
  const nodes = new Map<string, { id: number; path: string; name: string }>();
  const addNode = async (code: string, name: string, kind: string, parentCode: string | null) => {
    const parent = parentCode ? nodes.get(parentCode)! : null;
    const [row] = await db
      .insert(orgNodes)
      .values({ cityId, parentId: parent?.id ?? null, kind, code, name, path: "pending", depth: parent ? parent.path.split("/").filter(Boolean).length : 0 })
      .returning();
    const path = `${parent?.path ?? "/"}${row!.id}/`;
    await db.update(orgNodes).set({ path }).where(sql`id = ${row!.id}`);
    nodes.set(code, { id: row!.id, path, name });
    return row!.id;
  };
  await addNode("C", "测试市", "city", null);
  for (const t of [1, 2]) {
    await addNode(`T${t}`, `第${t}镇`, "township", "C");
    for (const v of [1, 2]) {
      await addNode(`T${t}V${v}`, `第${t}镇${v}村`, "village", `T${t}`);
      await addNode(`T${t}V${v}G1`, `第${t}镇${v}村一网格`, "grid", `T${t}V${v}`);
      for (const m of [1, 2]) {
        const microId = await addNode(`T${t}V${v}G1M${m}`, `第${t}镇${v}村微网格${m}`, "micro_grid", `T${t}V${v}G1`);
        await db.insert(persons).values({
          cityId,
          nodeId: microId,
          name: `居民${t}${v}${m}`,
          gender: m === 1 ? "M" : "F",
          phone: `1380000${t}${v}${m}00`.slice(0, 11),
          idNumber: null,
          address: `测试市第${t}镇${v}村${m}号`,
        });
      }
    }
  }
  const accounts = new Map<string, number>();
  const addAccount = async (username: string, role: RoleName | null, nodeCode: string | null, withoutCity = false) => {
    const [user] = await db
      .insert(users)
      .values({ username, displayName: username, cityId: withoutCity ? null : cityId, passwordHash: hash })
      .returning();
    if (role) await db.insert(roleAssignments).values({ userId: user!.id, role, nodeId: nodeCode ? nodes.get(nodeCode)!.id : null, cityId: withoutCity ? null : cityId });
    accounts.set(username, user!.id);
    return user!.id;
  };
  await addAccount("campaign_admin", "campaign_admin", "C");
  await addAccount("leader", "leader", "C");
  await addAccount("unit_staff", "unit_staff", "C");
  await addAccount("township_cadre", "township_cadre", "T1");
  await addAccount("village_secretary", "village_secretary", "T1V1");
  await addAccount("grid_worker", "grid_worker", "T1V1G1");
  await addAccount("department_handler", "department_handler", "C");
  await addAccount("supervisor", "supervisor", "T1");
  await addAccount("sys_admin", "sys_admin", null, true);
  await addAccount("security_admin", "security_admin", null, true);
  await addAccount("audit_admin", "audit_admin", null, true);
  await addAccount("province_reader", "province_reader", null, true);
  await addAccount("no_role", null, null);
  const workerPerson = await db.insert(persons).values({ cityId, nodeId: nodes.get("T1V1G1")!.id, name: "网格员甲", gender: "F", phone: "13912345678" }).returning();
  await db.insert(posts).values({ cityId, personId: workerPerson[0]!.id, nodeId: nodes.get("T1V1G1")!.id, post: "grid_worker", title: "专职网格员" });
  return { cityId, nodes, accounts };
}

export type SmallCity = Awaited<ReturnType<typeof seedSmallCity>>;

export async function auditCount(db: Database): Promise<number> {
  const result = (await db.execute(sql`SELECT count(*)::int AS n FROM audit_log`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

/** A second city, so that roles held at a city root also have somewhere outside their reach. */
export async function seedOtherCity(db: Database) {
  const [city] = await db.insert(cities).values({ code: "othercity", name: "邻市", prefecture: "测试州" }).returning();
  const cityId = city!.id;
  const nodes = new Map<string, { id: number; path: string; name: string }>();
  const chain: [string, string, string][] = [
    ["O", "邻市", "city"],
    ["OT1", "邻市一镇", "township"],
    ["OT1V1", "邻市一村", "village"],
    ["OT1V1G1", "邻市一网格", "grid"],
    ["OT1V1G1M1", "邻市微网格", "micro_grid"],
  ];
  const parents: { id: number; path: string }[] = [];
  for (const [code, name, kind] of chain) {
    const parent = parents[parents.length - 1];
    const inserted = await db
      .insert(orgNodes)
      .values({ cityId, parentId: parent?.id ?? null, kind, code, name, path: "pending", depth: nodes.size })
      .returning({ id: orgNodes.id });
    const nodeId = inserted[0]!.id;
    const path = `${parent?.path ?? "/"}${nodeId}/`;
    await db.update(orgNodes).set({ path }).where(sql`id = ${nodeId}`);
    nodes.set(code, { id: nodeId, path, name });
    parents.push({ id: nodeId, path });
  }
  await db.insert(persons).values({ cityId, nodeId: nodes.get("OT1V1G1M1")!.id, name: "邻市居民", gender: "M", phone: "13700000000" });
  return { cityId, nodes };
}
