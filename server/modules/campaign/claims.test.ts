import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { persons, posts, units } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;
let office: Session;
let leader: Session;
let unitStaff: Session;
let campaignId: number;
let unitA: number;
let unitB: number;
let leaderPerson: number;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const root = city.nodes.get("C")!.id;
  const [a, b] = await t.db.insert(units).values([
    { cityId: city.cityId, nodeId: root, code: "ua", name: "甲单位", kind: "organ" },
    { cityId: city.cityId, nodeId: root, code: "ub", name: "乙单位", kind: "organ" },
  ]).returning();
  unitA = a!.id;
  unitB = b!.id;
  const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: root, name: "常委甲", gender: "M" }).returning();
  leaderPerson = person!.id;
  await t.db.insert(posts).values({ cityId: city.cityId, personId: leaderPerson, nodeId: root, post: "standing_committee", title: "市委常委" });
  await t.db.execute(sql`UPDATE users SET person_id = ${leaderPerson} WHERE username = 'leader'`);
  office = await t.login("campaign_admin");
  leader = await t.login("leader");
  unitStaff = await t.login("unit_staff");
  const created = await office.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" });
  expect(created.statusCode).toBe(201);
  campaignId = created.json().id;
  expect((await office.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId: unitA })).statusCode).toBe(201);
});
afterAll(async () => t.close());

async function openTopic(audience: "leader" | "unit", title: string, claimDeadline = "2026-06-30") {
  const topic = (await office.post("/api/campaign/topics", { campaignId, audience, kind: "required", title, description: "说明", expectedResults: "成效", claimDeadline })).json();
  return (await office.post(`/api/campaign/topics/${topic.id}/publish`, { version: topic.version })).json();
}

const plan = [{ name: "网格员培训", deadline: "2026-09-30", milestones: [{ name: "制定方案", dueOn: "2026-06-30" }, { name: "完成培训", dueOn: "2026-09-30", stage: 2 }] }];

describe("the claim board", () => {
  it("lets a leader claim (揭榜) a topic and the office approve it into a 工程 the leader leads", async () => {
    const topic = await openTopic("leader", "网格赋能工程");
    const claim = await leader.post("/api/campaign/claims", { topicId: topic.id, summary: "我来牵头", projects: [] });
    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({ status: "submitted", claimant: { id: leaderPerson, name: "常委甲" }, audience: "leader" });
    expect((await leader.post("/api/campaign/claims", { topicId: topic.id, summary: "再来一次", projects: [] })).json().error.code).toBe("duplicate_claim");
    // Reviewing is the office's: a leader sees the claim but may not approve it.
    expect((await leader.post(`/api/campaign/claims/${claim.json().id}/approve`, { version: 1 })).statusCode).toBe(403);
    const approved = await office.post(`/api/campaign/claims/${claim.json().id}/approve`, { version: 1, note: "同意" });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe("approved");
    const [projectId] = approved.json().createdProjectIds;
    const project = (await office.get(`/api/campaign/projects/${projectId}`)).json();
    expect(project).toMatchObject({ level: "program", name: "网格赋能工程", leader: { id: leaderPerson }, status: "not_started", progress: 0, deadline: "2026-12-31" });
  });

  it("lets a unit take (领题) a topic with a plan, be returned, resubmit, and be approved into projects with milestones", async () => {
    const topic = await openTopic("unit", "网格员队伍建设");
    expect((await unitStaff.post("/api/campaign/claims", { topicId: topic.id, unitId: unitB, summary: "替别人领", projects: plan })).statusCode).toBe(403);
    expect((await unitStaff.post("/api/campaign/claims", { topicId: topic.id, unitId: unitA, summary: "没有项目", projects: [] })).json().error.fields[0].field).toBe("projects");
    const claim = (await unitStaff.post("/api/campaign/claims", { topicId: topic.id, unitId: unitA, summary: "本单位领题", projects: plan })).json();
    expect(claim).toMatchObject({ status: "submitted", unit: { id: unitA, name: "甲单位" } });
    // Forbidden steps: resubmitting what is not returned.
    expect((await unitStaff.post(`/api/campaign/claims/${claim.id}/resubmit`, { version: claim.version, summary: "改", projects: plan })).json().error.code).toBe("invalid_transition");
    const returned = (await office.post(`/api/campaign/claims/${claim.id}/return`, { version: claim.version, note: "方案不够具体" })).json();
    expect(returned.status).toBe("returned");
    expect((await office.post(`/api/campaign/claims/${claim.id}/approve`, { version: returned.version })).json().error.code).toBe("invalid_transition");
    const bell = (await unitStaff.get("/api/notifications")).json();
    expect(bell.items[0]).toMatchObject({ kind: "claim_returned", body: "方案不够具体", read: false });
    const resubmitted = (await unitStaff.post(`/api/campaign/claims/${claim.id}/resubmit`, { version: returned.version, summary: "细化后的方案", projects: [...plan, { name: "网格地图", deadline: "2026-08-31", milestones: [] }] })).json();
    expect(resubmitted.status).toBe("submitted");
    const stale = await office.post(`/api/campaign/claims/${claim.id}/approve`, { version: returned.version });
    expect(stale.json().error.code).toBe("version_conflict");
    const approved = (await office.post(`/api/campaign/claims/${claim.id}/approve`, { version: resubmitted.version })).json();
    expect(approved.createdProjectIds).toHaveLength(2);
    const project = (await unitStaff.get(`/api/campaign/projects/${approved.createdProjectIds[0]}`)).json();
    expect(project).toMatchObject({ level: "topic", leadUnit: { id: unitA }, currentStage: 1 });
    expect(project.milestones.map((m: { name: string; stage: number }) => [m.name, m.stage])).toEqual([["制定方案", 1], ["完成培训", 2]]);
    expect(project.stages.map((s: { state: string }) => s.state)).toEqual(["active", "pending"]);
    // Approval is final: no withdrawing, returning or approving again.
    expect((await unitStaff.post(`/api/campaign/claims/${claim.id}/withdraw`, { version: approved.version })).json().error.code).toBe("invalid_transition");
    expect((await office.post(`/api/campaign/claims/${claim.id}/return`, { version: approved.version, note: "再改" })).json().error.code).toBe("invalid_transition");
  });

  it("refuses claims on a draft, a closed topic or one past its deadline, and lets a claimant withdraw", async () => {
    const draft = (await office.post("/api/campaign/topics", { campaignId, audience: "unit", kind: "optional", title: "草稿题", description: "说明", expectedResults: "成效", claimDeadline: "2026-06-30" })).json();
    expect((await unitStaff.post("/api/campaign/claims", { topicId: draft.id, unitId: unitA, summary: "领", projects: plan })).statusCode).toBe(404);
    expect((await unitStaff.get(`/api/campaign/topics/${draft.id}`)).statusCode).toBe(404);
    const open = await openTopic("unit", "已关闭的题");
    const closed = (await office.post(`/api/campaign/topics/${open.id}/close`, { version: open.version })).json();
    expect((await unitStaff.post("/api/campaign/claims", { topicId: open.id, unitId: unitA, summary: "领", projects: plan })).json().error.code).toBe("invalid_transition");
    expect((await office.post(`/api/campaign/topics/${open.id}/close`, { version: closed.version })).json().error.code).toBe("invalid_transition");
    expect((await office.delete(`/api/campaign/topics/${open.id}`, { version: closed.version, reason: "不要了" })).json().error.code).toBe("invalid_transition");
    const late = await openTopic("unit", "已截止的题", "2026-05-31");
    expect((await unitStaff.post("/api/campaign/claims", { topicId: late.id, unitId: unitA, summary: "领", projects: plan })).json().error.code).toBe("invalid_transition");
    const later = await openTopic("unit", "可以撤回的题");
    const claim = (await unitStaff.post("/api/campaign/claims", { topicId: later.id, unitId: unitA, summary: "领", projects: plan })).json();
    const withdrawn = (await unitStaff.post(`/api/campaign/claims/${claim.id}/withdraw`, { version: claim.version })).json();
    expect(withdrawn.status).toBe("withdrawn");
    expect((await office.post(`/api/campaign/claims/${claim.id}/approve`, { version: withdrawn.version })).json().error.code).toBe("invalid_transition");
  });

  it("shows a unit its own claims only, and the office all of them", async () => {
    const all = (await office.get(`/api/campaign/claims?campaign=${campaignId}`)).json();
    const mine = (await unitStaff.get(`/api/campaign/claims?campaign=${campaignId}`)).json();
    expect(all.total).toBeGreaterThan(mine.total);
    expect(mine.items.every((c: { unit: { id: number } | null }) => c.unit?.id === unitA)).toBe(true);
    const leaderClaim = all.items.find((c: { audience: string }) => c.audience === "leader");
    expect((await unitStaff.get(`/api/campaign/claims/${leaderClaim.id}`)).statusCode).toBe(404);
  });
});
