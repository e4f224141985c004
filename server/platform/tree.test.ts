import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RoleName } from "../../shared/permissions";
import { cities, orgNodes, persons } from "../db/schema";
import { freshDatabase, queriesDuring, type TestDatabase } from "../test/database";
import { seedOtherCity, seedSmallCity, type SmallCity } from "../test/harness";
import { systemClock } from "./clock";
import { configFromEnv } from "./config";
import type { Actor, RequestContext } from "./context";
import { buildRegistry } from "./modules";
import { write } from "./write";
import type { Scope } from "./policy";
import type { AuditRowInput } from "./audit/service";
import { publishChanges } from "./changes";
import { cityExists, cityIdByCode, cityRootIds, keptNodeRef, nodeForRead, nodeInScope, nodeRef, nodeRefFromJson, nodeRefOfNode, nodeRefs, pathOfNode, visibleNode } from "./tree";

/**
 * The tree's read helpers on a real database, each asked directly: the scope condition every module's
 * list goes through, the node lookups and the city lookups. The route-level scope tests reach them only
 * through one role at one node; here several paths, no paths and every path are asked too.
 */
let database: TestDatabase;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;

beforeAll(async () => {
  database = await freshDatabase();
  city = await seedSmallCity(database.db);
  other = await seedOtherCity(database.db);
});
afterAll(() => database.close());

const node = (code: string) => city.nodes.get(code)!;
const subtreeCodes = (prefix: string) => [...city.nodes.keys()].filter((code) => code.startsWith(prefix));

async function idsIn(scope: Scope): Promise<number[]> {
  const rows = await database.db.select({ id: orgNodes.id }).from(orgNodes).where(nodeInScope(orgNodes.id, scope));
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
const idsOf = (codes: string[]) => codes.map((code) => node(code).id).sort((a, b) => a - b);

function actorWith(...grants: [RoleName, string | null][]): Actor {
  return {
    userId: 1,
    username: "tester",
    displayName: "tester",
    cityId: city.cityId,
    mustChangePassword: false,
    sessionId: "s",
    csrfToken: "c",
    grants: grants.map(([role, code], index) => ({
      assignmentId: index + 1,
      role,
      nodeId: code ? node(code).id : null,
      nodeName: code,
      path: code ? node(code).path : null,
      cityId: code ? city.cityId : null,
    })),
  };
}

function contextOf(actor: Actor | null): RequestContext {
  return { db: database.db, clock: systemClock, config: configFromEnv({}), modules: buildRegistry([]), actor, ip: null, audited: false };
}

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    return (error as { status?: number }).status ?? 500;
  }
}

describe("nodeInScope", () => {
  it("takes every node of every city for a system scope", async () => {
    const all = (await database.db.select({ id: orgNodes.id }).from(orgNodes)).map((row) => row.id).sort((a, b) => a - b);
    expect(await idsIn({ all: true })).toEqual(all);
    expect(all.length).toBe(city.nodes.size + other.nodes.size);
  });

  it("takes nothing for a scope without paths", async () => {
    expect(await idsIn({ all: false, paths: [] })).toEqual([]);
  });

  it("takes one node's whole subtree and nothing beside or above it", async () => {
    expect(await idsIn({ all: false, paths: [node("T1V2").path] })).toEqual(idsOf(subtreeCodes("T1V2")));
    expect(await idsIn({ all: false, paths: [node("T2").path] })).toEqual(idsOf(subtreeCodes("T2")));
  });

  it("takes the union of several subtrees, as a person with roles at two nodes reaches", async () => {
    const paths = [node("T1V1G1").path, node("T2V2").path];
    expect(await idsIn({ all: false, paths })).toEqual(idsOf([...subtreeCodes("T1V1G1"), ...subtreeCodes("T2V2")]));
  });
});

describe("node lookups", () => {
  it("reads the path and reference of a record's node beside the query's own columns", async () => {
    const [row] = await database.db
      .select({ path: pathOfNode(persons.nodeId), ref: nodeRefOfNode(persons.nodeId), missing: nodeRefOfNode(sql`${persons.id} * 0`) })
      .from(persons)
      .where(eq(persons.name, "居民121"));
    const micro = node("T1V2G1M1");
    expect(row!.path).toBe(micro.path);
    expect(nodeRefFromJson(row!.ref!)).toMatchObject({ id: micro.id, cityId: city.cityId, parentId: node("T1V2G1").id, kind: "micro_grid", name: micro.name, path: micro.path, retiredAt: null });
    expect(row!.missing).toBeNull();
  });

  it("gives a retired node's date back as a date", async () => {
    const retiredAt = new Date("2026-03-01T00:00:00.000Z");
    const json = { id: 9, cityId: 1, parentId: 1, kind: "grid", name: "旧网格", path: "/1/9/", depth: 1, retiredAt: retiredAt.toISOString() };
    expect(nodeRefFromJson(json).retiredAt).toEqual(retiredAt);
    expect(nodeRefFromJson({ ...json, retiredAt: null }).retiredAt).toBeNull();
  });

  it("looks nodes up once each, and none for an empty list or a missing id", async () => {
    expect((await nodeRefs(database.db, [])).size).toBe(0);
    const refs = await nodeRefs(database.db, [node("T1").id, node("T1").id, node("T2V1").id, 999_999]);
    expect([...refs.keys()].sort((a, b) => a - b)).toEqual([node("T1").id, node("T2V1").id].sort((a, b) => a - b));
    expect(refs.get(node("T2V1").id)).toMatchObject({ name: "第2镇1村", kind: "village", path: node("T2V1").path });
    expect(await nodeRef(database.db, 999_999)).toBeUndefined();
  });
});

describe("visibleNode and nodeForRead", () => {
  it("answers a node inside the caller's subtree, 404 beside or above it or missing, 401 without a caller", async () => {
    const cadre = contextOf(actorWith(["township_cadre", "T1"]));
    expect((await visibleNode(cadre, node("T1V2G1").id)).id).toBe(node("T1V2G1").id);
    expect(await statusOf(visibleNode(cadre, node("T2").id))).toBe(404);
    expect(await statusOf(visibleNode(cadre, node("C").id))).toBe(404);
    expect(await statusOf(visibleNode(cadre, 999_999))).toBe(404);
    expect(await statusOf(visibleNode(contextOf(null), node("T1").id))).toBe(401);
  });

  it("reads at the given node, else at the caller's own root, else at the first city for a system role", async () => {
    expect((await nodeForRead(contextOf(actorWith(["township_cadre", "T2"])), "figures.read")).id).toBe(node("T2").id);
    expect((await nodeForRead(contextOf(actorWith(["leader", "C"])), "figures.read", node("T1V1").id)).id).toBe(node("T1V1").id);
    expect(await statusOf(nodeForRead(contextOf(actorWith(["township_cadre", "T2"])), "figures.read", node("T1").id))).toBe(404);
    expect((await nodeForRead(contextOf(actorWith(["audit_admin", null])), "audit.read")).id).toBe((await cityRootIds(database.db))[0]);
    expect(await statusOf(nodeForRead(contextOf(actorWith()), "figures.read"))).toBe(403);
  });
});

describe("city lookups", () => {
  it("lists the roots of cities not retired, oldest first", async () => {
    expect(await cityRootIds(database.db)).toEqual([node("C").id, other.nodes.get("O")!.id]);
    const [gone] = await database.db.insert(cities).values({ code: "gone", name: "撤销市" }).returning();
    const [root] = await database.db
      .insert(orgNodes)
      .values({ cityId: gone!.id, parentId: null, kind: "city", code: "G", name: "撤销市", path: "pending", depth: 0, retiredAt: new Date() })
      .returning();
    await database.db.update(orgNodes).set({ path: `/${root!.id}/` }).where(sql`id = ${root!.id}`);
    expect(await cityRootIds(database.db)).toEqual([node("C").id, other.nodes.get("O")!.id]);
  });

  it("finds a city by id and by code; a code not yet known is asked again later", async () => {
    expect(await cityExists(database.db, city.cityId)).toBe(true);
    expect(await cityExists(database.db, 999_999)).toBe(false);
    expect(await cityIdByCode(database.db, "testcity")).toBe(city.cityId);
    expect(await cityIdByCode(database.db, "testcity")).toBe(city.cityId);
    expect(await cityIdByCode(database.db, "latecity")).toBeUndefined();
    const [late] = await database.db.insert(cities).values({ code: "latecity", name: "新市" }).returning();
    expect(await cityIdByCode(database.db, "latecity")).toBe(late!.id);
  });
});

describe("nodes kept between reads", () => {
  it("are read anew once their city's tree changes through the write path, so a renamed village shows its new name at once", async () => {
    const cadre = contextOf(actorWith(["township_cadre", "T1"]));
    const village = node("T1V2");
    expect((await visibleNode(cadre, village.id)).name).toBe(village.name);
    await write(cadre, async (tx, audit) => {
      await tx.update(orgNodes).set({ name: "改名村" }).where(eq(orgNodes.id, village.id));
      audit({ action: "org.rename", entity: "org_node", entityId: village.id, cityId: city.cityId, after: { name: "改名村" } });
    });
    expect((await visibleNode(cadre, village.id)).name).toBe("改名村");
    expect((await nodeForRead(cadre, "figures.read", village.id)).name).toBe("改名村");
  });

  /** How many statements reach the database while `read` runs. */
  const queries = (read: () => Promise<unknown>) => queriesDuring(database.db, read);
  /** A committed change as another process's relay or this process's write path tells it. */
  const tell = (cityId: number | null, entity: string) => publishChanges(database.db, [{ cityId, entity, entityId: null, action: "test" } as AuditRowInput]);
  const here = () => node("T1V1").id;
  const there = () => other.nodes.get("OT1V1")!.id;

  // A relay that reconnected may have missed anything: every kept node goes, so each test starts with none.
  beforeEach(() => tell(null, "relay"));

  it("are read from the database once, then from memory", async () => {
    expect(await queries(() => keptNodeRef(database.db, here()))).toBe(1);
    expect(await queries(async () => expect((await keptNodeRef(database.db, here()))?.path).toBe(node("T1V1").path))).toBe(0);
  });

  it("stay through changes to other cities' trees and to records that are not nodes, even ones told while they are read", async () => {
    const reading = keptNodeRef(database.db, here());
    tell(city.cityId, "problem");
    await reading;
    tell(other.cityId, "org_node");
    expect(await queries(() => keptNodeRef(database.db, here()))).toBe(0);
  });

  it("all go when a change of no city (a system account's) commits beside a change to one city's tree", async () => {
    await keptNodeRef(database.db, there());
    publishChanges(database.db, [
      { cityId: null, entity: "user", entityId: null, action: "test" } as AuditRowInput,
      { cityId: city.cityId, entity: "org_node", entityId: null, action: "test" } as AuditRowInput,
    ]);
    expect(await queries(() => keptNodeRef(database.db, there()))).toBe(1);
  });

  it("go with their city when a notice names only the cities changed, and every city's go when a relay reconnects", async () => {
    await keptNodeRef(database.db, here());
    await keptNodeRef(database.db, there());
    tell(city.cityId, "many");
    expect(await queries(() => keptNodeRef(database.db, here()))).toBe(1);
    expect(await queries(() => keptNodeRef(database.db, there()))).toBe(0);
    tell(null, "relay");
    expect(await queries(() => keptNodeRef(database.db, there()))).toBe(1);
  });

  it("are not kept when their city's tree changed while they were read, since the read may be from before the change", async () => {
    const reading = keptNodeRef(database.db, here());
    tell(city.cityId, "org_node");
    await reading;
    expect(await queries(() => keptNodeRef(database.db, here()))).toBe(1);
  });

  it("are read anew a minute after they were read even when no notice came (one lost with a dropped connection)", async () => {
    const now = performance.now();
    const clock = vi.spyOn(performance, "now").mockReturnValue(now);
    try {
      await keptNodeRef(database.db, here());
      clock.mockReturnValue(now + 59_999);
      expect(await queries(() => keptNodeRef(database.db, here()))).toBe(0);
      clock.mockReturnValue(now + 60_000);
      expect(await queries(() => keptNodeRef(database.db, here()))).toBe(1);
    } finally {
      clock.mockRestore();
    }
  });
});
