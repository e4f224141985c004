import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { ok } from "../../test/http";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { sweepOverdue } from "./service";

/**
 * The problem statistics of a small fixture, each count written down as counted by hand. Township T1,
 * found on 2026-06-01 (deadlines in working days of the 2026 calendar):
 *   at village T1V1:  A1 given to T1V1, closed on time     A2 given to grid T1V1G1, past its deadline (red)
 *                     A3 registered only
 *   at grid T1V1G1:   G1 given to T1V1, closed on time
 *   at village T1V2:  B1 given to grid T1V1G1, sent back once, handed in again (waiting for its check)
 *                     B2 dismissed (counts nowhere)
 */
let t: TestContext;
let city: SmallCity;
let secretary: Session;
let cadre: Session;
let admin: Session;
const p: Record<string, { id: number; version: number }> = {};
const node = (code: string) => city.nodes.get(code)!.id;

async function at(when: string) {
  t.clock.set(when);
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
  admin = await t.login("campaign_admin");
}

async function act(name: string, who: Session, action: string, body: Record<string, unknown> = {}) {
  p[name] = await ok(who.post(`/api/problems/${p[name]!.id}/${action}`, { version: p[name]!.version, ...body }));
}

const assign = (unit: string, days: number) => ({ responsibleNodeId: node(unit), responsiblePerson: "王主任", measure: "整改", deadlineDays: days });

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await at("2026-06-01T09:00:00+08:00");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
  const create = async (name: string, who: Session, where: string) => {
    p[name] = await ok(who.post("/api/problems", { nodeId: node(where), channel: "hotline", source: "residents", category: "infrastructure", title: `${name}：路面破损`, description: `${name} 群众反映` }), 201);
  };
  for (const name of ["A1", "A2", "A3"]) await create(name, secretary, "T1V1");
  await create("G1", secretary, "T1V1G1");
  for (const name of ["B1", "B2"]) await create(name, cadre, "T1V2");
  await act("A1", secretary, "assign", assign("T1V1", 10));
  await act("A2", secretary, "assign", assign("T1V1G1", 2));
  await act("G1", secretary, "assign", assign("T1V1", 2));
  await act("B1", cadre, "assign", assign("T1V1G1", 10));
  await act("B2", cadre, "dismiss", { reason: "不属实" });

  await at("2026-06-02T10:00:00+08:00");
  for (const name of ["A1", "G1"]) {
    await act(name, secretary, "start");
    await act(name, secretary, "submit", { note: "已修复" });
    await act(name, admin, "approve");
  }
  await act("B1", cadre, "start");
  await act("B1", cadre, "submit", { note: "已修复" });
  await act("B1", admin, "return", { reason: "仍有坑洼" });
  await act("B1", cadre, "start");
  await act("B1", cadre, "submit", { note: "全部修复" });

  await at("2026-06-05T10:00:00+08:00");
  await sweepOverdue(t.db, t.clock);
});
afterAll(async () => t.close());

const counts = (total: number, open: number, due: number, closed: number, closedOnTime: number, overdue: number, handled: number, reworked: number) => ({
  total,
  open,
  due,
  closed,
  closedOnTime,
  overdue,
  handled,
  reworked,
});
// Fewer than five cases in every denominator (minCases): no rate is shown.
const noRates = { closure: null, onTimeClosure: null, rework: null };

describe("problem statistics, counted by hand", () => {
  it("give the township and each village their counts, all time and over a period", async () => {
    const expected = {
      org: { id: node("T1"), name: "第1镇", kind: "township" },
      minCases: 5,
      // A1 A2 A3 G1 B1; open A2 A3 B1; due A1 G1 A2; closed on time A1 G1; red A2; handled A1 G1 B1; sent back B1.
      self: { nodeId: node("T1"), name: "第1镇", kind: "township", counts: counts(5, 3, 3, 2, 2, 1, 3, 1), rates: noRates },
      children: [
        // A1 A2 A3 G1: open A2 A3; due A1 G1 A2; handled A1 G1.
        { nodeId: node("T1V1"), name: "第1镇1村", kind: "village", counts: counts(4, 2, 3, 2, 2, 1, 2, 0), rates: noRates },
        // B1 (B2 dismissed): open, handled, sent back.
        { nodeId: node("T1V2"), name: "第1镇2村", kind: "village", counts: counts(1, 1, 0, 0, 0, 0, 1, 1), rates: noRates },
      ],
    };
    expect(await ok(admin.get(`/api/problems/stats?org=${node("T1")}`))).toEqual(expected);
    // Over a period holding the day they were found, counted from the problems: the same.
    expect(await ok(admin.get(`/api/problems/stats?org=${node("T1")}&from=2026-06-01&to=2026-06-01`))).toEqual(expected);
    // From the next day on: none.
    const later = await ok<{ self: { counts: unknown } }>(admin.get(`/api/problems/stats?org=${node("T1")}&from=2026-06-02`));
    expect(later.self.counts).toEqual(counts(0, 0, 0, 0, 0, 0, 0, 0));
  });

  it("give each responsible unit the problems it was given, in the tree's order; unassigned and dismissed ones in no row", async () => {
    const units = await ok(admin.get(`/api/problems/stats/units?org=${node("T1")}`));
    expect(units).toEqual({
      org: { id: node("T1"), name: "第1镇", kind: "township" },
      minCases: 5,
      items: [
        // A1 G1, both closed on time.
        { nodeId: node("T1V1"), name: "第1镇1村", kind: "village", counts: counts(2, 0, 2, 2, 2, 0, 2, 0), rates: noRates },
        // A2 (red) and B1 (handed in again after being sent back).
        { nodeId: node("T1V1G1"), name: "第1镇1村一网格", kind: "grid", counts: counts(2, 2, 1, 0, 0, 1, 1, 1), rates: noRates },
      ],
    });
    // Village T1V2's problems only: B1, given to the grid of the other village.
    const ofT1V2 = await ok<{ items: { nodeId: number; counts: unknown }[] }>(admin.get(`/api/problems/stats/units?org=${node("T1V2")}`));
    expect(ofT1V2.items.map((row) => [row.nodeId, row.counts])).toEqual([[node("T1V1G1"), counts(1, 1, 0, 0, 0, 0, 1, 1)]]);
  });

  it("open each count as the problems named above", async () => {
    const titles = async (query: string) => {
      const list = await ok<{ items: { title: string }[] }>(admin.get(`/api/problems?${query}&pageSize=50`));
      return list.items.map((item) => item.title.slice(0, 2)).sort();
    };
    expect(await titles(`org=${node("T1V1")}&figure=problems.due`)).toEqual(["A1", "A2", "G1"]);
    expect(await titles(`org=${node("T1V2")}&figure=problems.reworked`)).toEqual(["B1"]);
    expect(await titles(`org=${node("T1")}&responsible=${node("T1V1G1")}&figure=problems.open`)).toEqual(["A2", "B1"]);
    expect(await titles(`org=${node("T1")}&responsible=${node("T1V1")}&figure=problems.closedOnTime`)).toEqual(["A1", "G1"]);
  });

  it("refuse a period that ends before it starts, naming the field, and a node outside the caller's reach", async () => {
    const refused = await admin.get(`/api/problems/stats?org=${node("T1")}&from=2026-06-03&to=2026-06-01`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('"to"');
    expect((await admin.get(`/api/problems/stats/units?from=2026-13-01`)).statusCode).toBe(400);
    expect((await secretary.get(`/api/problems/stats?org=${node("T2")}`)).statusCode).toBe(404);
  });
});
