import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { Random } from "../../demo/random";
import { seedEventCatalogue } from "../../test/events-fixture";
import { ok } from "../../test/http";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The statistics served from rollups against the same statistics counted from the records, after every
 * one of a run of random writes: reports, every step of the workflow (dispatch to one department,
 * re-routing to another, refusal, handling, closing, evaluation), soft deletes, problems through their
 * steps, new micro-grids, moves of a grid to another village and retirements. Without a period the
 * department table reads event_department_rollups (migration 0023) and the problem node table
 * problem_rollups (0017); with a period reaching back before any record both count the records.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
const functions: number[] = [];
let lampType: number;
let roadType: number;

const node = (code: string) => city.nodes.get(code)!.id;
const ALL_TIME = "from=2000-01-01T00:00:00Z";

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  lampType = await seedEventCatalogue(t, city, admin);
  const [first] = await t.db.select({ id: departmentFunctions.id }).from(departmentFunctions);
  const [second] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: node("C"), code: "D31", name: "市交通运输局" }).returning();
  const [road] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: second!.id, code: "D31-F1", name: "道路养护" }).returning();
  functions.push(first!.id, road!.id);
  // Two functions cover this type: it waits for a dispatcher to choose, and may be re-routed to the other.
  roadType = (await ok<{ id: number }>(admin.post("/api/event-types", { code: "ROAD", name: "道路破损", category: "城市管理", functionIds: functions }), 201)).id;
});
afterAll(async () => t.close());

async function compare(step: string) {
  for (const org of [undefined, node("C"), node("T1"), node("T2"), node("T1V1")]) {
    const at = org === undefined ? "" : `org=${org}&`;
    const rolledUp = await ok(admin.get(`/api/events/stats/departments?${at}`));
    const counted = await ok(admin.get(`/api/events/stats/departments?${at}${ALL_TIME}`));
    expect([step, org, rolledUp]).toEqual([step, org, counted]);
    if (org === undefined) continue;
    const problemsRolledUp = await ok(admin.get(`/api/problems/stats?org=${org}`));
    const problemsCounted = await ok(admin.get(`/api/problems/stats?org=${org}&from=2000-01-01`));
    expect([step, org, problemsRolledUp]).toEqual([step, org, problemsCounted]);
  }
}

describe("statistics served from rollups", () => {
  it("equal the records after every one of sixty random writes, workflow steps, moves and retirements", { timeout: 300_000 }, async () => {
    const random = Random.forSection(20_261_205, "stats rollups");
    const events: number[] = [];
    const problems: number[] = [];
    const fresh: number[] = [];
    const done: string[] = [];
    const pick = <T>(list: readonly T[]) => list[random.int(0, list.length - 1)]!;
    for (let step = 0; step < 60; step++) {
      const action = random.int(0, 9);
      let label: string;
      if (action <= 1 || events.length === 0) {
        const lon = random.int(0, 1) ? 110.05 : 111.05;
        const created = await ok<{ id: number }>(admin.post("/api/events", { typeId: random.int(0, 1) ? lampType : roadType, description: `随机事件${step}`, lon, lat: 35.05 }), 201);
        events.push(created.id);
        label = "report";
      } else if (action <= 5) {
        // One step of the workflow, whichever the event's stage allows.
        const id = pick(events);
        const current = await ok(admin.get(`/api/events/${id}`));
        const abilities = current.abilities as Record<string, boolean>;
        const version = current.version as number;
        const choices = ["register", "dispatch", "reroute", "accept", "refuse", "feedback", "close", "evaluate"].filter((name) => abilities[name]);
        // Deleting is always allowed: taken now and then, or when the case has no step left.
        const chosen = choices.length === 0 || random.int(0, 9) === 0 ? "delete" : pick(choices);
        const other = functions.find((fn) => fn !== current.functionId)!;
        const bodies: Record<string, Record<string, unknown>> = {
          register: { version },
          dispatch: { version, functionId: pick(functions) },
          reroute: { version, functionId: other },
          accept: { version },
          refuse: { version, reason: "不属本部门职责" },
          feedback: { version, result: "已处理" },
          close: { version },
          evaluate: { version, rating: pick(["satisfied", "basic", "unsatisfied"]) },
        };
        if (chosen === "delete") {
          await ok(admin.delete(`/api/events/${id}`, { version, reason: "重复" }));
          events.splice(events.indexOf(id), 1);
        } else await ok(admin.post(`/api/events/${id}/${chosen === "reroute" ? "dispatch" : chosen}`, bodies[chosen]));
        label = chosen;
      } else if (action === 6) {
        const where = pick(["T1V1", "T1V2", "T2V1G1", ...fresh.map(String)]);
        const nodeId = /^\d+$/.test(where) ? Number(where) : node(where);
        if (problems.length === 0 || random.int(0, 1)) {
          problems.push((await ok<{ id: number }>(admin.post("/api/problems", { nodeId, channel: "symposium", source: "self", category: "governance", title: `随机问题${step}`, description: "描述" }), 201)).id);
          label = "problem";
        } else {
          const id = pick(problems);
          const current = await ok(admin.get(`/api/problems/${id}`));
          const version = current.version as number;
          const next: Record<string, [string, Record<string, unknown>]> = {
            registered: ["assign", { version, responsibleNodeId: node(pick(["T1V1", "T2V1"])), responsiblePerson: "王主任", measure: "整改", deadlineDays: 5 }],
            assigned: ["start", { version }],
            rectifying: ["submit", { version, note: "已整改" }],
            submitted: [pick(["approve", "return"]), { version, reason: "未完成" }],
            returned: ["start", { version }],
          };
          const [verb, body] = next[current.status as string] ?? ["", {}];
          if (verb === "approve") delete body.reason;
          if (verb) await ok(admin.post(`/api/problems/${id}/${verb}`, body));
          else {
            await ok(admin.delete(`/api/problems/${id}`, { version, reason: "重复" }));
            problems.splice(problems.indexOf(id), 1);
          }
          label = `problem ${verb || "delete"}`;
        }
      } else if (action === 7 || fresh.length === 0) {
        const created = await ok<{ id: number }>(admin.post("/api/orgs", { parentId: node(pick(["T1V1G1", "T2V1G1"])), kind: "micro_grid", code: `R${step}`, name: `随机微网格${step}` }), 201);
        fresh.push(created.id);
        label = "new micro-grid";
      } else if (action === 8) {
        // The grid of the events reported at lon 110 moves between two villages (and so between rows of the tables).
        const grid = await ok(admin.get(`/api/orgs/${node("T1V1G1")}`));
        const parent = grid.parentId === node("T1V1") ? node("T1V2") : node("T1V1");
        await ok(admin.post(`/api/orgs/${node("T1V1G1")}/move`, { version: grid.version, parentId: parent }));
        label = "move";
      } else {
        const target = fresh.shift()!;
        const current = await ok(admin.get(`/api/orgs/${target}`));
        const retired = await admin.post(`/api/orgs/${target}/retire`, { version: current.version, reason: "合并" });
        label = `retire ${retired.statusCode}`;
      }
      done.push(label);
      await compare(`step ${step}: ${label}`);
    }
    // The run took every kind of change the tables depend on.
    const kinds = new Set(done.map((label) => label.split(" ")[0]));
    for (const kind of ["report", "register", "dispatch", "reroute", "refuse", "delete", "problem", "new", "move", "retire"]) expect([kind, kinds.has(kind)]).toEqual([kind, true]);
    // Not a comparison of nothing: both departments have cases, and the city's problems are in its table.
    const table = await ok(admin.get(`/api/events/stats/departments?org=${node("C")}`));
    expect((table.items as { counts: { total: number } }[]).every((row) => row.counts.total > 0)).toBe(true);
    expect((await ok<{ self: { counts: { total: number } } }>(admin.get(`/api/problems/stats?org=${node("C")}`))).self.counts.total).toBeGreaterThan(0);
  });

  it("hold what migration 0023's backfill counts from the same events (the rows a database with events already in it starts from; a row every event has left holds zeros)", async () => {
    const migration = readFileSync(new URL("../../db/migrations/0023_department_rollup_triggers.sql", import.meta.url), "utf8");
    const backfill = migration.split("--> statement-breakpoint").at(-1)!;
    const read = async () =>
      ((await t.db.execute(sql`SELECT * FROM event_department_rollups WHERE total <> 0 ORDER BY node_id, event_type_id, department_id`)) as unknown as { rows: unknown[] }).rows;
    const kept = await read();
    expect(kept.length).toBeGreaterThan(1);
    await t.db.execute(sql`DELETE FROM event_department_rollups`);
    await t.db.execute(sql.raw(backfill));
    expect(await read()).toEqual(kept);
  });
});
