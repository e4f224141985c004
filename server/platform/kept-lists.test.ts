import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queriesDuring } from "../test/database";
import { seedEventCatalogue } from "../test/events-fixture";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../test/harness";
import { ok } from "../test/http";

/**
 * Lists read again ask the database for their page alone: a list's total, the names of its nodes,
 * event types and departments are kept (platform/kept.ts) until a change that may touch them commits.
 * Each test shows the saving (statements counted) and that a kept value is never one a change made wrong.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let typeId: number;

const node = (code: string) => city.nodes.get(code)!.id;

interface Page {
  items: { id: number; nodeName: string; typeName?: string; departmentName?: string | null }[];
  total: number;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  typeId = await seedEventCatalogue(t, city, admin);
  // Two in T1's micro-grid, one in T2's.
  for (const lon of [110.05, 110.06, 111.05]) await ok(admin.post("/api/events", { typeId, description: "路灯不亮", lon, lat: 35.05 }), 201);
});
afterAll(async () => t.close());

const read = async (session: Session, path: string) => ok<Page>(session.get(path));
/** A session is checked against the database once a second (auth/session-cache.ts), on a slow machine within a test: not a list's statement. */
const listStatements = (run: () => Promise<unknown>) => queriesDuring(t.db, run, (text) => !/"sessions"/.test(text));

describe("a list of events read again", () => {
  const t1 = () => `/api/events?org=${node("T1")}&pageSize=1`;

  it("sends the page's statement alone, with the same total and names", async () => {
    const first = await read(admin, t1());
    expect([first.total, first.items.length, first.items[0]!.typeName, first.items[0]!.nodeName]).toEqual([2, 1, "路灯损坏", city.nodes.get("T1V1G1M1")!.name]);
    let again: Page | undefined;
    expect(await listStatements(async () => (again = await read(admin, t1())))).toBe(1);
    expect(again).toEqual(first);
  });

  it("counts a report at once, and a renamed node and a renamed type show on the next read", async () => {
    await read(admin, t1());
    await ok(admin.post("/api/events", { typeId, description: "又一盏路灯不亮", lon: 110.07, lat: 35.05 }), 201);
    expect((await read(admin, t1())).total).toBe(3);

    const micro = node("T1V1G1M1");
    const detail = await ok<{ version: number }>(admin.get(`/api/orgs/${micro}`));
    await ok(admin.patch(`/api/orgs/${micro}`, { name: "一号微网格", version: detail.version }));
    expect((await read(admin, t1())).items[0]!.nodeName).toBe("一号微网格");

    const types = await ok<{ items: { id: number; version: number }[] }>(admin.get("/api/event-types"));
    const type = types.items.find((item) => item.id === typeId)!;
    await ok(admin.patch(`/api/event-types/${typeId}`, { version: type.version, name: "路灯故障" }));
    expect((await read(admin, t1())).items[0]!.typeName).toBe("路灯故障");
  });

  it("keeps each caller's total apart: the same filter within another's reach is counted for them", async () => {
    const leader = await t.login("leader");
    const worker = await t.login("grid_worker");
    const whole = await read(leader, "/api/events?pageSize=1");
    const own = await read(worker, "/api/events?pageSize=1");
    expect(whole.total).toBeGreaterThan(own.total);
    expect((await read(leader, "/api/events?pageSize=1")).total).toBe(whole.total);
  });

  it("counts a list by traffic light every time: the clock, not a write, turns a light red", async () => {
    const red = `/api/events?org=${node("T1")}&light=green&pageSize=1`;
    await read(admin, red);
    expect(await listStatements(() => read(admin, red))).toBe(2);
  });
});

describe("a list of problems read again", () => {
  const village = () => `/api/problems?org=${node("T1V1")}&pageSize=1`;
  const problem = (title: string) => ({ nodeId: node("T1V1"), channel: "hotline", source: "residents", category: "infrastructure", title, description: `${title}，群众反映` });

  it("sends the page's statement alone, and counts a new problem at once", async () => {
    await ok(admin.post("/api/problems", problem("村道破损")), 201);
    const first = await read(admin, village());
    expect(first.total).toBe(1);
    expect(await listStatements(() => read(admin, village()))).toBe(1);
    await ok(admin.post("/api/problems", problem("垃圾未清运")), 201);
    expect((await read(admin, village())).total).toBe(2);
  });

  it("counts a list by light or escalation every time: the overdue sweep moves them and tells no list", async () => {
    for (const filter of ["light=red", "escalated=true"]) {
      const path = `${village()}&${filter}`;
      await read(admin, path);
      expect([filter, await listStatements(() => read(admin, path))]).toEqual([filter, 2]);
    }
  });
});
