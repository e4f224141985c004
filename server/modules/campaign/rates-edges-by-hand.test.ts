import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, units } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The edges of the campaign rates (rates-by-hand.test.ts has the ordinary case), each figure counted by hand.
 * On 2026-06-15, one unit 丙 and two leaders:
 *   王  C1 deadline 06-15 (today), open: due   C2 deadline 06-10, done 06-10: on time (the deadline day counts)
 *       C3 deadline 06-10, done 06-12: late
 *       → due 3 (exactly the minimum), done 2, on time 1: completion 66.7 %, on time 33.3 %
 *   李  C4 deadline 06-16, open: not yet due   C5 deadline 06-30, done 06-14: due because done, on time
 *       C6 deadline 06-10, open: due
 *       → due 2, done 1, on time 1: below the minimum, no rate
 *   丙 leads all six → due 5, done 3, on time 2: completion 60 %, on time 40 %
 */
let t: TestContext;
let city: SmallCity;
let office: Session;
let staff: Session;
let campaignId: number;
let unitId: number;
const leader: Record<string, number> = {};
const project: Record<string, number> = {};

async function at(when: string) {
  t.clock.set(when);
  office = await t.login("campaign_admin");
  staff = await t.login("unit_staff");
}

async function done(name: string) {
  const report = await staff.post("/api/campaign/reports", { projectId: project[name], progress: 100, text: `${name} 完成` });
  expect(report.statusCode).toBe(201);
  const accepted = await office.post(`/api/campaign/reports/${report.json().id}/accept`, { version: report.json().version });
  expect(accepted.json().status).toBe("accepted");
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const root = city.nodes.get("C")!.id;
  const [unit] = await t.db.insert(units).values({ cityId: city.cityId, nodeId: root, code: "uc", name: "丙单位", kind: "organ" }).returning();
  unitId = unit!.id;
  for (const name of ["王", "李"]) {
    const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: root, name, gender: "M" }).returning();
    leader[name] = person!.id;
  }

  await at("2026-05-20T09:00:00+08:00");
  campaignId = (await office.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json().id;
  await office.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId });
  const plan: [string, string, string][] = [
    ["C1", "2026-06-15", "王"], ["C2", "2026-06-10", "王"], ["C3", "2026-06-10", "王"],
    ["C4", "2026-06-16", "李"], ["C5", "2026-06-30", "李"], ["C6", "2026-06-10", "李"],
  ];
  for (const [name, deadline, who] of plan) {
    const response = await office.post("/api/campaign/projects", { campaignId, kind: "required", level: "concrete", name, deadline, leadUnitId: unitId, leaderPersonId: leader[who] });
    expect(response.statusCode).toBe(201);
    project[name] = response.json().id;
  }
  await at("2026-06-10T22:00:00+08:00");
  await done("C2");
  await at("2026-06-12T10:00:00+08:00");
  await done("C3");
  await at("2026-06-14T10:00:00+08:00");
  await done("C5");
  await at("2026-06-15T10:00:00+08:00");
});
afterAll(async () => t.close());

describe("campaign rates at their edges, counted by hand", () => {
  it("count a project due today and one done on its deadline day, and give a rate from exactly three due", async () => {
    const rates = (await office.get(`/api/campaign/campaigns/${campaignId}/rates?by=leader`)).json();
    expect(rates.minimumDue).toBe(3);
    expect(rates.items).toMatchObject([
      { id: leader["王"], name: "王", projects: 3, due: 3, done: 2, onTime: 1, completionRate: 66.7, onTimeRate: 33.3 },
      { id: leader["李"], name: "李", projects: 3, due: 2, done: 1, onTime: 1, completionRate: null, onTimeRate: null },
    ]);
    const base = `/api/campaign/projects?campaign=${campaignId}&leader=${leader["王"]}&due=true`;
    expect(rates.items[0].hrefs).toEqual({ due: base, done: `${base}&outcome=done`, onTime: `${base}&outcome=on_time` });
  });

  it("group the same projects by their lead unit", async () => {
    const rates = (await office.get(`/api/campaign/campaigns/${campaignId}/rates?by=unit`)).json();
    expect(rates.items).toMatchObject([{ id: unitId, name: "丙单位", projects: 6, due: 5, done: 3, onTime: 2, completionRate: 60, onTimeRate: 40 }]);
  });
});

/**
 * The ranking ("organisations are compared and ranked"; "too few cases … not ranked first on one lucky case",
 * DOMAIN.md), in a second campaign on the same unit, on 2026-06-15. Every project has its deadline on 06-10;
 * "on time" is done on 06-10, "late" done on 06-12, "open" not done. Leaders in the order they were added (ids
 * ascending), each with what they lead and the rates worked out by hand:
 *   甲  on time, on time                    → due 2: too few, no rate, ranked last though added first
 *   乙  on time, late, late                 → due 3, done 3, on time 1: completion 100 %, on time 33.3 %
 *   丙  on time, open, open                 → due 3, done 1, on time 1: completion 33.3 %, on time 33.3 %
 *   丁  open, open, open                    → due 3, done 0: completion 0 %, on time 0 %, above 甲's "no rate"
 *   戊  on time, late, late                 → exactly as 乙: after 乙, which was added first
 *   己  on time, on time, open              → due 3, done 2, on time 2: on time 66.7 %, first
 *   庚  open                                → due 1: too few, no rate, after 甲, which was added first
 * Order: best on-time rate first, then best completion rate, then the order added: 己, 乙, 戊, 丙, 丁, 甲, 庚.
 * The projects are created last leader first, so the list the rates are counted from has 戊 before 乙 and 庚
 * before 甲: the order added must come from the ranking, not from the list.
 */
describe("the campaign's ranking of leaders, counted by hand", () => {
  let ranked: number;
  const plan: [string, ("on time" | "late" | "open")[]][] = [
    ["甲", ["on time", "on time"]],
    ["乙", ["on time", "late", "late"]],
    ["丙", ["on time", "open", "open"]],
    ["丁", ["open", "open", "open"]],
    ["戊", ["on time", "late", "late"]],
    ["己", ["on time", "on time", "open"]],
    ["庚", ["open"]],
  ];

  beforeAll(async () => {
    await at("2026-05-20T09:00:00+08:00");
    ranked = (await office.post("/api/campaign/campaigns", { name: "排名", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json().id;
    for (const [name] of plan) {
      const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: city.nodes.get("C")!.id, name, gender: "M" }).returning();
      leader[name] = person!.id;
    }
    const outcomes: ["on time" | "late", string][] = [];
    for (const [name, projects] of [...plan].reverse()) {
      for (const [index, outcome] of projects.entries()) {
        const created = await office.post("/api/campaign/projects", { campaignId: ranked, kind: "required", level: "concrete", name: `${name}${index}`, deadline: "2026-06-10", leadUnitId: unitId, leaderPersonId: leader[name] });
        expect(created.statusCode).toBe(201);
        project[`${name}${index}`] = created.json().id;
        if (outcome !== "open") outcomes.push([outcome, `${name}${index}`]);
      }
    }
    await at("2026-06-10T22:00:00+08:00");
    for (const [outcome, name] of outcomes) if (outcome === "on time") await done(name);
    await at("2026-06-12T10:00:00+08:00");
    for (const [outcome, name] of outcomes) if (outcome === "late") await done(name);
    await at("2026-06-15T10:00:00+08:00");
  });

  it("ranks by the on-time rate, then the completion rate, then the order added, and puts too few cases last", async () => {
    const rates = (await office.get(`/api/campaign/campaigns/${ranked}/rates?by=leader`)).json();
    expect(rates.items.map((item: { name: string; onTimeRate: number | null; completionRate: number | null }) => [item.name, item.onTimeRate, item.completionRate])).toEqual([
      ["己", 66.7, 66.7],
      ["乙", 33.3, 100],
      ["戊", 33.3, 100],
      ["丙", 33.3, 33.3],
      ["丁", 0, 0],
      ["甲", null, null],
      ["庚", null, null],
    ]);
  });
});
