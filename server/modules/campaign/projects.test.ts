import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleAssignments, units, users } from "../../db/schema";
import { hashPassword } from "../../platform/auth/passwords";
import { createTestContext, seedOtherCity, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;
let office: Session;
let staffA: Session;
let staffB: Session;
let cadre: Session;
let campaignId: number;
let unitA: number;
let unitB: number;
let otherCityId: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  otherCityId = (await seedOtherCity(t.db)).cityId;
  const root = city.nodes.get("C")!.id;
  const [a, b] = await t.db.insert(units).values([
    { cityId: city.cityId, nodeId: root, code: "ua", name: "甲单位", kind: "organ" },
    { cityId: city.cityId, nodeId: root, code: "ub", name: "乙单位", kind: "organ" },
  ]).returning();
  unitA = a!.id;
  unitB = b!.id;
  const [second] = await t.db.insert(users).values({ username: "unit_staff_b", displayName: "乙单位", cityId: city.cityId, passwordHash: await hashPassword(TEST_PASSWORD) }).returning();
  await t.db.insert(roleAssignments).values({ userId: second!.id, role: "unit_staff", nodeId: root, cityId: city.cityId });
  office = await t.login("campaign_admin");
  staffA = await t.login("unit_staff");
  staffB = await t.login("unit_staff_b");
  cadre = await t.login("township_cadre");
  campaignId = (await office.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json().id;
  await office.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId: unitA });
  await office.post("/api/campaign/unit-members", { userId: second!.id, unitId: unitB });
  const make = async (name: string, body: Record<string, unknown>) => {
    const response = await office.post("/api/campaign/projects", { campaignId, kind: "required", deadline: "2026-09-30", name, ...body });
    expect(response.statusCode).toBe(201);
    ids[name] = response.json().id;
    return response.json();
  };
  await make("工程", { level: "program" });
  await make("甲项目", { level: "concrete", parentId: ids["工程"], leadUnitId: unitA, weight: 3 });
  await make("乙项目", { level: "concrete", parentId: ids["工程"], leadUnitId: unitB, cooperatingUnitIds: [], weight: 1 });
  await make("镇项目", { level: "concrete", nodeId: city.nodes.get("T1")!.id });
  for (const [name, stage, weight] of [["方案", 1, 1], ["动员", 1, 1], ["验收", 2, 2]] as const) {
    const detail = (await office.post("/api/campaign/milestones", { projectId: ids["甲项目"], name, dueOn: "2026-07-31", stage, weight })).json();
    ids[name] = detail.milestones.find((m: { name: string }) => m.name === name).id;
  }
});
afterAll(async () => t.close());

const project = async (session: Session, name: string) => (await session.get(`/api/campaign/projects/${ids[name]}`)).json();

async function reportAndAccept(session: Session, body: Record<string, unknown>) {
  const report = await session.post("/api/campaign/reports", body);
  expect(report.statusCode).toBe(201);
  const accepted = await office.post(`/api/campaign/reports/${report.json().id}/accept`, { version: report.json().version });
  expect(accepted.json().status).toBe("accepted");
  return accepted.json();
}

describe("progress reports and the roll-up", () => {
  it("validates what a project names and refuses a forbidden status step", async () => {
    const bad = await office.post("/api/campaign/projects", { campaignId, level: "concrete", kind: "required", name: "错", deadline: "2026-09-30", leadUnitId: 999999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("leadUnitId");
    const backwards = await office.post("/api/campaign/projects", { campaignId, level: "concrete", kind: "required", name: "错", startsOn: "2026-10-01", deadline: "2026-09-30" });
    expect(backwards.json().error.fields[0].field).toBe("deadline");
    const loop = await office.patch(`/api/campaign/projects/${ids["工程"]}`, { version: (await project(office, "工程")).version, parentId: ids["甲项目"] });
    expect(loop.json().error.fields[0].field).toBe("parentId");
    const p = await project(office, "镇项目");
    expect((await office.post(`/api/campaign/projects/${p.id}/status`, { version: p.version, status: "done" })).json().error.code).toBe("invalid_transition");
  });

  it("keeps stages in order (压茬推进): a later stage's milestone cannot be reported before the earlier one is done", async () => {
    const early = await staffA.post("/api/campaign/reports", { projectId: ids["甲项目"], milestoneId: ids["验收"], progress: 100, text: "提前验收" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("stage_not_started");
  });

  it("applies accepted reports and rolls them up with weights through the levels", async () => {
    await reportAndAccept(staffA, { projectId: ids["甲项目"], milestoneId: ids["方案"], progress: 100, text: "方案已印发" });
    // 方案 100·1, 动员 0·1, 验收 0·2 → 25; the 工程: 甲 25·3 and 乙 (not started) 0·1 → 18.75
    expect(await project(office, "甲项目")).toMatchObject({ progress: 25, status: "in_progress", currentStage: 1 });
    expect((await project(office, "工程"))).toMatchObject({ progress: 18.8, status: "in_progress" });
    // 乙项目 has no milestones: its reported progress stands.
    await reportAndAccept(staffB, { projectId: ids["乙项目"], progress: 40, text: "完成四成" });
    expect(await project(office, "乙项目")).toMatchObject({ progress: 40, status: "in_progress" });
    expect((await project(office, "工程")).progress).toBe(28.8);
    await reportAndAccept(staffA, { projectId: ids["甲项目"], milestoneId: ids["动员"], progress: 100, text: "动员会已开" });
    const a = await project(office, "甲项目");
    expect(a).toMatchObject({ progress: 50, currentStage: 2 });
    expect(a.stages.map((s: { state: string }) => s.state)).toEqual(["done", "active"]);
    await reportAndAccept(staffA, { projectId: ids["甲项目"], milestoneId: ids["验收"], progress: 100, text: "通过验收" });
    expect(await project(office, "甲项目")).toMatchObject({ progress: 100, status: "done" });
    expect((await project(office, "工程")).progress).toBe(85);
    expect((await staffA.post("/api/campaign/reports", { projectId: ids["甲项目"], progress: 100, text: "再报" })).json().error.code).toBe("invalid_transition");
  });

  it("returns a report to its unit with a note in the bell, and refuses reviewing it twice", async () => {
    // The acceptance of the unit's earlier report is in its bell too: start from a read bell.
    await staffB.post("/api/notifications/read-all");
    const report = (await staffB.post("/api/campaign/reports", { projectId: ids["乙项目"], progress: 90, text: "差不多了" })).json();
    const returned = (await office.post(`/api/campaign/reports/${report.id}/return`, { version: report.version, note: "缺少佐证材料" })).json();
    expect(returned.status).toBe("returned");
    expect((await office.post(`/api/campaign/reports/${report.id}/accept`, { version: returned.version })).json().error.code).toBe("invalid_transition");
    expect((await project(office, "乙项目")).progress).toBe(40);
    expect((await staffB.get("/api/notifications/unread-count")).json().unread).toBe(1);
    const bell = (await staffB.get("/api/notifications?unread=true")).json();
    expect(bell.items[0]).toMatchObject({ kind: "report_returned", body: "缺少佐证材料", link: `/campaign/projects/${ids["乙项目"]}` });
    expect((await staffA.post(`/api/notifications/${bell.items[0].id}/read`)).statusCode).toBe(404);
    expect((await staffB.post(`/api/notifications/${bell.items[0].id}/read`)).json().read).toBe(true);
    expect((await staffB.get("/api/notifications/unread-count")).json().unread).toBe(0);
  });
});

describe("unit members", () => {
  it("takes only an active account of the unit's own city, and answers a missing one the same way", async () => {
    const [stranger] = await t.db.insert(users).values({ username: "other_city_staff", displayName: "邻市", cityId: otherCityId, passwordHash: "x" }).returning();
    const [disabled] = await t.db.insert(users).values({ username: "left_staff", displayName: "离职", cityId: city.cityId, passwordHash: "x", disabledAt: new Date() }).returning();
    const answers = [];
    for (const userId of [stranger!.id, disabled!.id, 999_999, city.accounts.get("sys_admin")!]) {
      const response = await office.post("/api/campaign/unit-members", { userId, unitId: unitA });
      answers.push([response.statusCode, response.json().error.fields]);
    }
    const refused = [400, [{ field: "userId", message: "本市没有这个有效账号 (no active account of this city has that id)" }]];
    expect(answers).toEqual([refused, refused, refused, refused]);
    const members = (await office.get(`/api/campaign/unit-members?unit=${unitA}`)).json().items.map((item: { userId: number }) => item.userId);
    expect(members).toEqual([city.accounts.get("unit_staff")]);
  });
});

describe("scope: a unit sees and reports on its own projects only", () => {
  it("lists to each unit its own projects, and answers 404 for another unit's", async () => {
    const listA = (await staffA.get(`/api/campaign/projects?campaign=${campaignId}`)).json();
    expect(listA.items.map((p: { name: string }) => p.name)).toEqual(["甲项目"]);
    const listB = (await staffB.get(`/api/campaign/projects?campaign=${campaignId}`)).json();
    expect(listB.items.map((p: { name: string }) => p.name)).toEqual(["乙项目"]);
    expect((await staffA.get(`/api/campaign/projects/${ids["乙项目"]}`)).statusCode).toBe(404);
    expect((await staffA.get(`/api/campaign/projects/${ids["工程"]}`)).statusCode).toBe(404);
    expect((await staffA.post("/api/campaign/reports", { projectId: ids["乙项目"], progress: 50, text: "越权" })).statusCode).toBe(404);
    const reportsA = (await staffA.get(`/api/campaign/reports?campaign=${campaignId}`)).json();
    expect(reportsA.items.every((r: { projectId: number }) => r.projectId === ids["甲项目"])).toBe(true);
    const reportOfB = (await staffB.get(`/api/campaign/reports?campaign=${campaignId}`)).json().items[0];
    expect((await staffA.get(`/api/campaign/reports/${reportOfB.id}`)).statusCode).toBe(404);
  });

  it("lets a cooperating unit see a project but not report on it (403)", async () => {
    const b = await project(office, "乙项目");
    await office.patch(`/api/campaign/projects/${b.id}`, { version: b.version, cooperatingUnitIds: [unitA] });
    const seen = await project(staffA, "乙项目");
    expect(seen.cooperatingUnits).toEqual([{ id: unitA, name: "甲单位" }]);
    expect(seen.abilities).toMatchObject({ report: false, update: false });
    expect((await staffA.post("/api/campaign/reports", { projectId: b.id, progress: 50, text: "协办" })).statusCode).toBe(403);
  });

  it("gives a township cadre the projects placed in their township, and others' cities nothing", async () => {
    const list = (await cadre.get(`/api/campaign/projects?campaign=${campaignId}`)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(["镇项目"]);
    expect((await cadre.get(`/api/campaign/projects/${ids["甲项目"]}`)).statusCode).toBe(404);
    const other = await t.login("village_secretary");
    expect((await other.get(`/api/campaign/projects?campaign=${campaignId}`)).json().total).toBe(0);
    expect((await (await t.login("no_role")).get(`/api/campaign/campaigns/${campaignId}`)).statusCode).toBe(404);
    // Visible but not theirs to change: 403.
    expect((await staffA.patch(`/api/campaign/campaigns/${campaignId}`, { version: 1, name: "改" })).statusCode).toBe(403);
  });

  it("puts the caller's own work first on the battle map, with lights and filters", async () => {
    const mapA = (await staffA.get(`/api/campaign/campaigns/${campaignId}/battle-map`)).json();
    expect(mapA.items.map((i: { name: string; own: boolean }) => [i.name, i.own])).toEqual([["甲项目", true], ["乙项目", true]]);
    const map = (await office.get(`/api/campaign/campaigns/${campaignId}/battle-map`)).json();
    expect(map.summary.total).toBe(4);
    expect(map.summary.byStatus.done).toBe(1);
    const a = map.items.find((i: { name: string }) => i.name === "甲项目");
    expect(a).toMatchObject({ light: "green", owner: { id: unitA }, unit: { id: unitA }, progress: 100, href: `/api/campaign/projects/${ids["甲项目"]}` });
    expect(a.milestones).toHaveLength(3);
    const byUnit = (await office.get(`/api/campaign/campaigns/${campaignId}/battle-map?unit=${unitB}`)).json();
    expect(byUnit.items.map((i: { name: string }) => i.name)).toEqual(["乙项目"]);
    const byNode = (await office.get(`/api/campaign/campaigns/${campaignId}/battle-map?node=${city.nodes.get("T1")!.id}`)).json();
    expect(byNode.items.map((i: { name: string }) => i.name)).toEqual(["镇项目"]);
  });
});

describe("evidence", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

  it("takes a file whose bytes match its name, serves it back as a download, and refuses a disguised one", async () => {
    const report = (await staffB.post("/api/campaign/reports", { projectId: ids["乙项目"], progress: 60, text: "附照片" })).json();
    const uploaded = await staffB.post(`/api/campaign/reports/${report.id}/attachments`, { fileName: "现场.png", dataBase64: png.toString("base64") });
    expect(uploaded.statusCode).toBe(201);
    const attachment = uploaded.json().attachments[0];
    expect(attachment).toMatchObject({ fileName: "现场.png", contentType: "image/png", sizeBytes: png.length });
    const disguised = await staffB.post(`/api/campaign/reports/${report.id}/attachments`, { fileName: "照片.jpg", dataBase64: Buffer.from("#!/bin/sh\nrm -rf /").toString("base64") });
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.fields[0].field).toBe("dataBase64");
    const download = await office.get(`/api/campaign/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(download.headers["content-disposition"]).toContain("attachment");
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect((await staffA.get(`/api/campaign/attachments/${attachment.id}`)).statusCode).toBe(200);
    expect((await cadre.get(`/api/campaign/attachments/${attachment.id}`)).statusCode).toBe(404);
    expect((await staffA.post(`/api/campaign/reports/${report.id}/attachments`, { fileName: "a.png", dataBase64: png.toString("base64") })).statusCode).toBe(403);
  });

  it("takes a file of nearly 10 MB through the upload route", async () => {
    const report = (await staffB.post("/api/campaign/reports", { projectId: ids["乙项目"], progress: 61, text: "大文件" })).json();
    const big = Buffer.alloc(10 * 1024 * 1024 - 16, 7);
    png.copy(big);
    const uploaded = await staffB.post(`/api/campaign/reports/${report.id}/attachments`, { fileName: "大图.png", dataBase64: big.toString("base64") });
    expect(uploaded.statusCode).toBe(201);
    const tooBig = Buffer.alloc(10 * 1024 * 1024 + 3, 7);
    png.copy(tooBig);
    expect((await staffB.post(`/api/campaign/reports/${report.id}/attachments`, { fileName: "太大.png", dataBase64: tooBig.toString("base64") })).statusCode).toBe(400);
    const stored = (await t.db.execute(sql`SELECT octet_length(data)::int AS n FROM campaign_attachment_data ORDER BY attachment_id DESC LIMIT 1`)) as unknown as { rows: { n: number }[] };
    expect(stored.rows[0]!.n).toBe(big.length);
  });
});
