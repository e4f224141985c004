import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureValuesOf } from "../../../shared/figures";
import { persons } from "../../db/schema";
import { nodeRef } from "../../platform/tree";
import { Random } from "../../demo/random";
import { queriesDuring } from "../../test/database";
import { seedEventCatalogue } from "../../test/events-fixture";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { eventFiguresCounted } from "../events/stats";
import { figuresCounted as problemFiguresCounted } from "../problems/service";
import { figuresOf } from "./service";

/**
 * Kept figures (figures/cache.ts) against figures counted afresh from the records, after every one of
 * a run of random writes, moves and retirements through the API: a kept figure is never one a change
 * has made wrong. The events' and problems' figures are served from rollups (event_rollups,
 * problem_rollups): here they are counted from the events and problems themselves.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let typeId: number;

const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext({ figuresCacheMs: 60_000 });
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  typeId = await seedEventCatalogue(t, city, admin);
});
afterAll(async () => t.close());

const watched = ["C", "T1", "T2", "T1V2"];

/** Every watched node's figures as the API answers them (kept) and as its records give them now. */
async function compare(step: string, codes = watched) {
  for (const code of codes) {
    const served = (await admin.get(`/api/figures?org=${node(code)}`)).json().figures;
    const ref = (await nodeRef(t.db, node(code)))!;
    const counted = figureValuesOf({ ...(await eventFiguresCounted(t.db, ref)), ...(await problemFiguresCounted(t.db, ref)) });
    const fresh = { ...figureValuesOf(await figuresOf(t.app.modules, t.db, ref, t.clock.now())), ...counted };
    expect([step, code, served]).toEqual([step, code, JSON.parse(JSON.stringify(fresh))]);
    // Not a comparison of nothing: the counted figures are among those served.
    expect(Object.keys(counted).filter((key) => served[key] !== undefined).length).toBeGreaterThan(20);
    // The node table of all time is read from the rollups; over a period reaching back before any record, counted from the events.
    const rolledUp = (await admin.get(`/api/events/stats?org=${node(code)}`)).json();
    const countedStats = (await admin.get(`/api/events/stats?org=${node(code)}&from=2000-01-01T00:00:00Z`)).json();
    expect([step, code, rolledUp]).toEqual([step, code, countedStats]);
  }
}

describe("kept figures", () => {
  it("answer 304 to a dashboard asking again while nothing changed, and the new figures once something has", async () => {
    const first = await admin.get(`/api/figures?org=${node("T1")}`);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"[\w-]+"$/);
    const again = await admin.request({ method: "GET", url: `/api/figures?org=${node("T1")}`, headers: { "if-none-match": tag } });
    expect([again.statusCode, again.body]).toEqual([304, ""]);
    const problem = { nodeId: node("T1V1"), channel: "symposium", source: "self", category: "governance", title: "新问题", description: "描述" };
    expect((await admin.post("/api/problems", problem)).statusCode).toBe(201);
    const changed = await admin.request({ method: "GET", url: `/api/figures?org=${node("T1")}`, headers: { "if-none-match": tag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
  });

  it("are kept between changes: a row written behind the write path's back is not seen until a change commits", async () => {
    const before = (await admin.get(`/api/figures?org=${node("T1")}`)).json().figures["people.residents"] as number | undefined;
    const workersBefore = (await admin.get(`/api/figures?org=${node("T1")}`)).json().figures;
    await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node("T1V1G1M1"), name: "直接写入", gender: "M" });
    expect((await admin.get(`/api/figures?org=${node("T1")}`)).json().figures).toEqual(workersBefore);
    // Any change committed in the city drops what was kept.
    expect((await admin.post("/api/persons", { nodeId: node("T1V1G1M1"), name: "正常登记", gender: "F" })).statusCode).toBe(201);
    await compare("after a registration");
    expect(before).toBeUndefined();
  });

  it("equal the records after every one of twenty-four random writes, moves and retirements", { timeout: 240_000 }, async () => {
    const random = Random.forSection(20_260_605, "figures cache");
    const events: number[] = [];
    const fresh: { id: number; version: number }[] = [];
    const done: string[] = [];
    for (let step = 0; step < 24; step++) {
      const action = random.int(0, 5);
      let label: string;
      if (action === 0 || action === 1) {
        const created = await admin.post("/api/events", { typeId, description: `随机事件${step}`, lon: action === 0 ? 110.05 : 111.05, lat: 35.05 });
        expect(created.statusCode).toBe(201);
        events.push(created.json().id);
        label = "report";
      } else if (action === 2 && events.length > 0) {
        const id = events[random.int(0, events.length - 1)]!;
        const current = (await admin.get(`/api/events/${id}`)).json();
        if (current.abilities.register) await admin.post(`/api/events/${id}/register`, { version: current.version });
        else if (current.abilities.delete) await admin.delete(`/api/events/${id}`, { version: current.version, reason: "重复" });
        label = "register or delete";
      } else if (action === 3) {
        const created = await admin.post("/api/problems", { nodeId: node(random.int(0, 1) ? "T1V1" : "T2V1"), channel: "symposium", source: "self", category: "governance", title: `随机问题${step}`, description: "描述" });
        expect(created.statusCode).toBe(201);
        label = "problem";
      } else if (action === 4 || fresh.length === 0) {
        const created = await admin.post("/api/orgs", { parentId: node(random.int(0, 1) ? "T1V1G1" : "T2V1G1"), kind: "micro_grid", code: `R${step}`, name: `随机微网格${step}` });
        expect(created.statusCode).toBe(201);
        fresh.push({ id: created.json().id, version: created.json().version });
        // A resident elsewhere: a micro-grid with residents may not be retired.
        await admin.post("/api/persons", { nodeId: node("T2V1G1M1"), name: `新居民${step}`, gender: "M" });
        label = "new micro-grid";
      } else {
        const target = fresh.shift()!;
        const current = (await admin.get(`/api/orgs/${target.id}`)).json();
        if (random.int(0, 1)) {
          const moved = await admin.post(`/api/orgs/${target.id}/move`, { version: current.version, parentId: node(random.int(0, 1) ? "T1V2G1" : "T2V1G1") });
          expect(moved.statusCode).toBe(200);
          fresh.push({ id: target.id, version: moved.json().version });
          label = "move";
        } else {
          const retired = await admin.post(`/api/orgs/${target.id}/retire`, { version: current.version, reason: "合并" });
          label = `retire ${retired.statusCode}`;
        }
      }
      done.push(label);
      await compare(`step ${step}: ${label}`);
    }
    // The run took every kind of change: reports, steps, problems, new nodes, moves and retirements.
    expect(new Set(done.map((label) => label.split(" ")[0]))).toEqual(new Set(["report", "register", "problem", "new", "move", "retire"]));
    expect(done).toContain("retire 200");
  });

  it("follow a grid moved to another township: its own figures, its old and its new ancestors'", { timeout: 60_000 }, async () => {
    const problem = { nodeId: node("T2V2G1"), channel: "symposium", source: "self", category: "governance", title: "网格里的问题", description: "描述" };
    expect((await admin.post("/api/problems", problem)).statusCode).toBe(201);
    const total = async (code: string) => (await admin.get(`/api/figures?org=${node(code)}`)).json().figures["problems.total"] as number;
    // Read before the move, so the grid and both townships are kept (node and figures alike).
    const [grid, from, to] = [await total("T2V2G1"), await total("T2"), await total("T1")];
    expect(grid).toBeGreaterThan(0);
    const current = (await admin.get(`/api/orgs/${node("T2V2G1")}`)).json();
    expect((await admin.post(`/api/orgs/${node("T2V2G1")}/move`, { version: current.version, parentId: node("T1V2") })).statusCode).toBe(200);
    // The grid's kept node had the old path: read with it, its own subtree would now be empty.
    expect([await total("T2V2G1"), await total("T2"), await total("T1")]).toEqual([grid, from - grid, to + grid]);
    await compare("after the grid's move", ["T2V2G1", "T2", "T1", "C"]);
    // Ten days on, the open cases are past their limits: the one clock-bound count of the node table.
    t.clock.set("2026-06-11T09:00:00+08:00");
    // Signed in again: the session of ten days ago has lapsed.
    admin = await t.login("campaign_admin");
    expect((await admin.get(`/api/events/stats?org=${node("C")}`)).json().self.counts.overdue).toBeGreaterThan(0);
    await compare("ten days on");
  });

  it("are served from memory: a dashboard asking again costs no query", async () => {
    const url = `/api/figures?org=${node("T1")}`;
    await admin.get(url);
    // Again, so the session is fresh in its own cache (platform/auth/session-cache.ts) too.
    await admin.get(url);
    expect(await queriesDuring(t.db, async () => expect((await admin.get(url)).statusCode).toBe(200))).toBe(0);
  });
});
