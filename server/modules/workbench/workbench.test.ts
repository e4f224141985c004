import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workbench } from "../../../shared/schemas/workbench";
import { departmentFunctions, departments, householdMembers, households, persons, posts } from "../../db/schema";
import { sweepOverdue } from "../problems/service";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";
import { ok } from "../../test/http";

/**
 * Each role's workbench lists its own work with exact counts, the most urgent first; when the role acts
 * on an item it leaves that list (and turns up on the next role's).
 */
let t: TestContext;
let city: SmallCity;
const s = {} as Record<"admin" | "cadre" | "handler" | "secretary" | "worker" | "leader", Session>;
let typeId = 0;
let campaignId = 0;
let deptId = 0;

async function bench(session: Session): Promise<Workbench> {
  const response = await session.get("/api/workbench");
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function count(session: Session, key: string): Promise<number | undefined> {
  return (await bench(session)).sections.find((section) => section.key === key)?.count;
}

/** The fields of a created or moved record these stories read. */
type Row = { id: number; version: number; stage: string; status: string };

async function signIn() {
  s.admin = await t.login("campaign_admin");
  s.cadre = await t.login("township_cadre");
  s.handler = await t.login("department_handler");
  s.secretary = await t.login("village_secretary");
  s.worker = await t.login("grid_worker");
  s.leader = await t.login("leader");
}

const report = async (n: number) => ok<Row>(s.worker.post("/api/events", { typeId, description: `占道经营${n}`, nodeId: city.nodes.get("T1V1G1M1")!.id }), 201);

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const root = city.nodes.get("C")!.id;
  const [dept] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: root, code: "D03", name: "市综合行政执法局" }).returning();
  deptId = dept!.id;
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: dept!.id, code: "D03-F2", name: "占道经营整治" }).returning();
  await signIn();
  typeId = (await s.admin.post("/api/event-types", { code: "ET01", name: "占道经营", category: "市容环境", functionIds: [fn!.id] })).json().id;
  const security = await t.login("security_admin");
  expect((await security.request({ method: "PUT", url: `/api/department-handlers/${city.accounts.get("department_handler")}/departments`, payload: { departmentIds: [dept!.id] } })).statusCode).toBe(200);
  const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: root, name: "常委甲", gender: "M" }).returning();
  await t.db.execute(sql`UPDATE users SET person_id = ${person!.id} WHERE username = 'leader'`);
  campaignId = (await ok<Row>(s.admin.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" }), 201)).id;
});
afterAll(async () => t.close());

describe("the workbench of each role", () => {
  it("is for signed-in people only", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/workbench" })).statusCode).toBe(401);
  });

  it("grid worker → township cadre → department handler → cadre again: each sees the events waiting on it, and each act moves one on", async () => {
    const reported = [await report(1), await report(2), await report(3)];
    expect(await count(s.worker, "event.reported")).toBe(3);
    expect(await count(s.cadre, "event.to_register")).toBe(3);
    // The items are exactly these three.
    expect((await bench(s.cadre)).sections.find((section) => section.key === "event.to_register")!.items.map((item) => item.id).sort()).toEqual(reported.map((event) => event.id).sort());

    // Registered: one function covers the type, so it goes straight to the handler's department.
    let moved = await ok<Row>(s.cadre.post(`/api/events/${reported[0]!.id}/register`, { version: 1 }));
    expect(await count(s.cadre, "event.to_register")).toBe(2);
    expect(await count(s.handler, "event.to_accept")).toBe(1);
    await ok<Row>(s.cadre.post(`/api/events/${reported[1]!.id}/reject`, { version: 1, reason: "invalid", note: "不属实" }));
    expect(await count(s.worker, "event.reported")).toBe(1);
    expect(await count(s.worker, "event.rejected")).toBe(1);

    moved = await ok<Row>(s.handler.post(`/api/events/${moved.id}/accept`, { version: moved.version }));
    expect([await count(s.handler, "event.to_accept"), await count(s.handler, "event.to_feedback")]).toEqual([0, 1]);
    moved = await ok<Row>(s.handler.post(`/api/events/${moved.id}/feedback`, { version: moved.version, result: "已清理" }));
    expect(await count(s.handler, "event.to_feedback")).toBe(0);
    expect(await count(s.cadre, "event.to_check")).toBe(1);
    await ok<Row>(s.cadre.post(`/api/events/${moved.id}/close`, { version: moved.version }));
    expect(await count(s.cadre, "event.to_check")).toBe(0);

    const cadre = await bench(s.cadre);
    const eventsOpen = cadre.sections.filter((section) => section.key.startsWith("event.")).reduce((sum, section) => sum + section.count, 0);
    expect(cadre.badges.events).toBe(eventsOpen);
  });

  it("department handler: summonses of its department to answer, counted; answering one takes it off", async () => {
    const events = [await report(11), await report(12)];
    const summoned = [];
    for (const event of events) summoned.push(await ok<{ summons: { id: number; version: number }[] }>(s.cadre.post(`/api/events/${event.id}/summons`, { version: 1, departmentIds: [deptId], note: "请执法局到场" })));
    const section = (await bench(s.handler)).sections.find((candidate) => candidate.key === "event.summons")!;
    expect([section.count, section.items.map((item) => item.id).sort()]).toEqual([2, events.map((event) => event.id).sort()]);
    const first = summoned[0]!.summons[0]!;
    await ok<Row>(s.handler.post(`/api/event-summons/${first.id}/answer`, { version: first.version, note: "已派队员到场" }));
    expect(await count(s.handler, "event.summons")).toBe(1);
    // The township that summoned has nothing to answer.
    expect(await count(s.cadre, "event.summons")).toBeUndefined();
  });

  it("township cadre: its paired households not visited this period; a visit takes one off", async () => {
    const micro = city.nodes.get("T1V1G1M1")!.id;
    const [cadre] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: city.nodes.get("T1")!.id, name: "王包户", gender: "M" }).returning();
    await t.db.insert(posts).values({ cityId: city.cityId, personId: cadre!.id, nodeId: city.nodes.get("T1")!.id, post: "township_cadre", title: "包村干部" });
    await t.db.execute(sql`UPDATE users SET person_id = ${cadre!.id} WHERE username = 'township_cadre'`);
    await signIn();
    const homes: number[] = [];
    for (const code of ["W1", "W2", "W3"]) {
      const [home] = await t.db.insert(households).values({ cityId: city.cityId, nodeId: micro, code, address: `测试路${code}号` }).returning();
      const [head] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: micro, name: `户主${code}`, gender: "F" }).returning();
      await t.db.insert(householdMembers).values({ cityId: city.cityId, householdId: home!.id, personId: head!.id, relation: "户主" });
      await ok<Row>(s.cadre.post("/api/pairings", { personId: cadre!.id, post: "township_cadre", target: "household", householdId: home!.id, reason: "联户到人" }), 201);
      homes.push(home!.id);
    }
    const due = (await bench(s.cadre)).sections.find((section) => section.key === "visit.due")!;
    expect([due.count, due.items.map((item) => item.link).sort()]).toEqual([3, homes.map((id) => `/pairing/visit?household=${id}`).sort()]);
    await ok<Row>(s.cadre.post("/api/pairing/visits", { householdId: homes[1], met: "户主", findings: "家中无困难" }), 201);
    expect(await count(s.cadre, "visit.due")).toBe(2);
    expect((await bench(s.cadre)).badges.pairing).toBe(2);
  });

  it("township cadre and village secretary: problems to assign, to rectify and to check, nearest deadline first", async () => {
    const village = city.nodes.get("T1V1")!.id;
    const problems = [];
    for (const n of [1, 2, 3]) {
      problems.push(await ok<Row>(s.admin.post("/api/problems", { nodeId: village, channel: "household_visit", source: "residents", category: "infrastructure", title: `村道破损${n}`, description: `坑洼${n}` }), 201));
    }
    expect(await count(s.cadre, "problem.to_assign")).toBe(3);
    const assigned = [];
    for (const [index, days] of [[0, 10], [1, 3]] as const) {
      const p = problems[index]!;
      assigned.push(await ok<Row>(s.cadre.post(`/api/problems/${p.id}/assign`, { version: p.version, responsibleNodeId: village, responsiblePerson: "李村长", measure: "修补", deadlineDays: days })));
    }
    expect(await count(s.cadre, "problem.to_assign")).toBe(1);
    const rectify = (await bench(s.secretary)).sections.find((section) => section.key === "problem.to_rectify")!;
    expect(rectify.count).toBe(2);
    // The three-day deadline comes before the ten-day one.
    expect(rectify.items.map((item) => item.id)).toEqual([assigned[1]!.id, assigned[0]!.id]);
    let p = await ok<Row>(s.secretary.post(`/api/problems/${assigned[1]!.id}/start`, { version: assigned[1]!.version }));
    p = await ok<Row>(s.secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "已修复" }));
    expect(await count(s.secretary, "problem.to_rectify")).toBe(1);
    expect(await count(s.cadre, "problem.to_check")).toBe(1);
    await ok<Row>(s.cadre.post(`/api/problems/${p.id}/approve`, { version: p.version }));
    expect(await count(s.cadre, "problem.to_check")).toBe(0);
  });

  it("office: claims waiting for review; approving one takes it off", async () => {
    const topic = await ok<Row>(s.admin.post("/api/campaign/topics", { campaignId, audience: "leader", kind: "required", title: "网格赋能工程", description: "说明", expectedResults: "成效", claimDeadline: "2026-06-30" }), 201);
    await ok<Row>(s.admin.post(`/api/campaign/topics/${topic.id}/publish`, { version: topic.version }));
    const claim = await ok<Row>(s.leader.post("/api/campaign/claims", { topicId: topic.id, summary: "我来牵头", projects: [] }), 201);
    const office = (await bench(s.admin)).sections.find((section) => section.key === "claim.to_review")!;
    expect([office.count, office.items[0]?.link]).toEqual([1, `/campaign/claims/${claim.id}`]);
    await ok<Row>(s.admin.post(`/api/campaign/claims/${claim.id}/approve`, { version: claim.version }));
    expect(await count(s.admin, "claim.to_review")).toBe(0);
  });

  it("leader: red lights in the subtree first, counted exactly; the section leads once anything is overdue", async () => {
    const fresh = await report(4);
    expect(await count(s.leader, "event.red")).toBe(0);
    t.clock.advance(20 * 86_400_000);
    // Problem lights are kept by the overdue sweep, which the server runs every minute.
    await sweepOverdue(t.db, t.clock);
    await signIn();
    // Open now: events 3, 4, 11 and 12 (reported, never registered; 11 and 12 summoned); all past their registration limit.
    const leader = await bench(s.leader);
    const red = leader.sections.find((section) => section.key === "event.red")!;
    expect(red.count).toBe(4);
    expect(red.items.map((item) => item.id)).toContain(fresh.id);
    expect(red.items.every((item) => item.light === "red")).toBe(true);
    // The one assigned problem left (ten working days) is red too after twenty days.
    expect(leader.sections.find((section) => section.key === "problem.red")!.count).toBe(1);
    expect(leader.sections[0]!.red).toBeGreaterThan(0);
  });

  it("leader: adds a 批示 to a red-light problem and summons a department to a red-light event within its subtree, and outside it finds neither", async () => {
    const leader = await bench(s.leader);
    const problem = leader.sections.find((section) => section.key === "problem.red")!.items[0]!;
    // Events 11 and 12 have the department summoned already; 3 and 4 not.
    const event = leader.sections.find((section) => section.key === "event.red")!.items.find((item) => item.title.endsWith("占道经营3") || item.title.endsWith("占道经营4"))!;
    const instructed = await ok<{ timeline: { action: string; note: string | null; actorName: string }[]; abilities: { supervise: boolean } }>(s.leader.post(`/api/problems/${problem.id}/supervise`, { note: "请本周内整改到位" }));
    expect(instructed.timeline.filter((entry) => entry.action === "supervise").map((entry) => [entry.note, entry.actorName])).toEqual([["请本周内整改到位", "leader"]]);
    const read = await ok<{ version: number }>(s.leader.get(`/api/events/${event.id}`));
    const summoned = await ok<{ summons: { departmentId: number }[] }>(s.leader.post(`/api/events/${event.id}/summons`, { version: read.version, departmentIds: [deptId], note: "请执法局到场" }));
    expect(summoned.summons.map((row) => row.departmentId)).toContain(deptId);

    // A leader of the other township: the problem and the event of township 1 lie outside its subtree.
    await fixtureAccount(t, { username: "leader_t2", cityId: city.cityId, role: "leader", nodeId: city.nodes.get("T2")!.id });
    const outside = await t.login("leader_t2");
    expect((await outside.post(`/api/problems/${problem.id}/supervise`, { note: "越权批示" })).statusCode).toBe(404);
    expect((await outside.post(`/api/events/${event.id}/summons`, { version: read.version + 1, departmentIds: [deptId], note: "越权召集" })).statusCode).toBe(404);
    // 批示 and 吹哨 are all the leader adds: the steps of the work stay with their roles.
    const current = await ok<{ version: number }>(s.leader.get(`/api/problems/${problem.id}`));
    expect((await s.leader.post(`/api/problems/${problem.id}/approve`, { version: current.version })).statusCode).toBe(403);
    expect((await s.leader.post(`/api/events/${event.id}/register`, { version: read.version + 1 })).statusCode).toBe(403);
  });
});
