import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleAssignments, units, users } from "../../db/schema";
import { hashPassword } from "../../platform/auth/passwords";
import { createTestContext, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * Campaign progress of a small fixture, each figure written down as counted by hand (not computed by the
 * code under test). On 2026-06-15, with every deadline 2026-06-10 unless said otherwise:
 *   unit 甲  A1 done 06-05 (on time)   A2 done 06-12 (late)   A3 open (due, not done)
 *            A4 deadline 12-31, done 06-05 (due because done, on time)   A5 deadline 12-31, open (not yet due)
 *            → due 4, done 3, on time 2: completion 75 %, on time 50 %
 *   unit 乙  B1 done 06-01 (on time)   B2 open
 *            → due 2, done 1, on time 1: below the minimum of 3 due, so no rate
 *   the program 工程 over A1..A5 (plain mean): 100 + 100 + 40 + 100 + 0 = 340 / 5 = 68 %
 */
let t: TestContext;
let city: SmallCity;
let office: Session;
let campaignId: number;
const unit: Record<string, number> = {};
const project: Record<string, number> = {};
const staff: Record<string, Session> = {};

async function at(when: string) {
  t.clock.set(when);
  office = await t.login("campaign_admin");
  staff["甲"] = await t.login("unit_staff");
  staff["乙"] = await t.login("unit_staff_b");
}

async function reportAccepted(unitName: string, name: string, progress: number) {
  const report = await staff[unitName]!.post("/api/campaign/reports", { projectId: project[name], progress, text: `${name} 完成${progress}%` });
  expect(report.statusCode).toBe(201);
  const accepted = await office.post(`/api/campaign/reports/${report.json().id}/accept`, { version: report.json().version });
  expect(accepted.json().status).toBe("accepted");
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const root = city.nodes.get("C")!.id;
  const [a, b] = await t.db.insert(units).values([
    { cityId: city.cityId, nodeId: root, code: "ua", name: "甲单位", kind: "organ" },
    { cityId: city.cityId, nodeId: root, code: "ub", name: "乙单位", kind: "organ" },
  ]).returning();
  unit["甲"] = a!.id;
  unit["乙"] = b!.id;
  const [second] = await t.db.insert(users).values({ username: "unit_staff_b", displayName: "乙单位", cityId: city.cityId, passwordHash: await hashPassword(TEST_PASSWORD) }).returning();
  await t.db.insert(roleAssignments).values({ userId: second!.id, role: "unit_staff", nodeId: root, cityId: city.cityId });

  await at("2026-05-20T09:00:00+08:00");
  campaignId = (await office.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json().id;
  await office.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId: unit["甲"] });
  await office.post("/api/campaign/unit-members", { userId: second!.id, unitId: unit["乙"] });
  const make = async (name: string, body: Record<string, unknown>) => {
    const response = await office.post("/api/campaign/projects", { campaignId, kind: "required", level: "concrete", deadline: "2026-06-10", name, ...body });
    expect(response.statusCode).toBe(201);
    project[name] = response.json().id;
  };
  await make("工程", { level: "program", deadline: "2026-12-31" });
  for (const name of ["A1", "A2", "A3"]) await make(name, { parentId: project["工程"], leadUnitId: unit["甲"] });
  for (const name of ["A4", "A5"]) await make(name, { parentId: project["工程"], leadUnitId: unit["甲"], deadline: "2026-12-31" });
  for (const name of ["B1", "B2"]) await make(name, { leadUnitId: unit["乙"] });

  await at("2026-06-01T10:00:00+08:00");
  await reportAccepted("乙", "B1", 100);
  await at("2026-06-05T10:00:00+08:00");
  await reportAccepted("甲", "A1", 100);
  await reportAccepted("甲", "A4", 100);
  await reportAccepted("甲", "A3", 40);
  await at("2026-06-12T10:00:00+08:00");
  await reportAccepted("甲", "A2", 100);
  await at("2026-06-15T10:00:00+08:00");
});
afterAll(async () => t.close());

const total = async (href: string) => (await office.get(href)).json().total;

describe("campaign progress counted by hand", () => {
  it("gives each unit its due, done and on-time projects and their rates, and no rate below the minimum sample", async () => {
    const rates = (await office.get(`/api/campaign/campaigns/${campaignId}/rates?by=unit`)).json();
    const byName = Object.fromEntries(rates.items.map((item: { name: string }) => [item.name, item]));
    expect(byName["甲单位"]).toMatchObject({ projects: 5, due: 4, done: 3, onTime: 2, completionRate: 75, onTimeRate: 50 });
    expect(byName["乙单位"]).toMatchObject({ projects: 2, due: 2, done: 1, onTime: 1, completionRate: null, onTimeRate: null });
    expect(rates.items.map((item: { name: string }) => item.name)).toEqual(["甲单位", "乙单位"]);
  });

  it("opens each count as the list of exactly those projects", async () => {
    const rates = (await office.get(`/api/campaign/campaigns/${campaignId}/rates?by=unit`)).json();
    const a = rates.items.find((item: { name: string }) => item.name === "甲单位");
    expect([await total(a.hrefs.due), await total(a.hrefs.done), await total(a.hrefs.onTime)]).toEqual([4, 3, 2]);
    const names = async (href: string) => (await office.get(href)).json().items.map((item: { name: string }) => item.name).sort();
    expect(await names(a.hrefs.onTime)).toEqual(["A1", "A4"]);
    expect(await names(a.hrefs.due)).toEqual(["A1", "A2", "A3", "A4"]);
  });

  it("rolls the program up as the plain mean of its projects, and colours the late open one red", async () => {
    const program = (await office.get(`/api/campaign/projects/${project["工程"]}`)).json();
    expect(program).toMatchObject({ progress: 68, status: "in_progress" });
    const a3 = (await office.get(`/api/campaign/projects/${project["A3"]}`)).json();
    expect(a3).toMatchObject({ progress: 40, status: "in_progress", light: "red" });
    const a5 = (await office.get(`/api/campaign/projects/${project["A5"]}`)).json();
    expect(a5).toMatchObject({ progress: 0, status: "not_started" });
  });
});
