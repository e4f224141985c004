import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, users } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** Training sessions with QR check-in and the roster, and the competency test, on the real API and database. */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;
let secretary: Session;
let secretaryPerson: number;
let cadrePerson: number;
let otherTownshipPerson: number;
let formId: number;
let classroomId: number;
let planId: number;

const node = (code: string) => city.nodes.get(code)!.id;
const HOUR = 3_600_000;

/** Gives a seeded account a person at a node: the attendee or candidate the account signs in as. */
async function personFor(username: string | null, nodeCode: string, name: string): Promise<number> {
  const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node(nodeCode), name, gender: "M" }).returning();
  if (username) await t.db.update(users).set({ personId: person!.id }).where(eq(users.username, username));
  return person!.id;
}

beforeAll(async () => {
  // Sessions here span hours of the manual clock: sign-ins must outlast them.
  t = await createTestContext({ idleTimeoutSeconds: 7 * 24 * 3600, sessionMaxHours: 24 * 7 });
  city = await seedSmallCity(t.db);
  secretaryPerson = await personFor("village_secretary", "T1V1", "村书记甲");
  cadrePerson = await personFor("township_cadre", "T1", "镇干部乙");
  otherTownshipPerson = await personFor(null, "T2V1", "二镇村干部");
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
  secretary = await t.login("village_secretary");
  formId = (await admin.post("/api/training/forms", { name: "集中授课" })).json().id;
  classroomId = (await admin.post("/api/training/classrooms", { nodeId: node("C"), kind: "main", name: "市委党校主课堂", address: "党校路1号" })).json().id;
  planId = (await admin.post("/api/training/plans", { nodeId: node("C"), year: 2026, title: "2026年度培训计划" })).json().id;
});
afterAll(async () => t.close());

async function newSession(startsInMs: number) {
  const startsAt = new Date(t.clock.now().getTime() + startsInMs);
  const response = await admin.post("/api/training/sessions", {
    planId,
    classroomId,
    formId,
    topic: "governance",
    title: "基层治理能力专题班",
    audienceLevels: ["township", "village"],
    audienceNodeIds: [node("T1")],
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    place: "党校报告厅",
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number };
}

describe("classrooms and sessions", () => {
  it("keeps the main classroom at the city and a branch classroom at a township, each managed there", async () => {
    expect((await admin.post("/api/training/classrooms", { nodeId: node("T1"), kind: "main", name: "错误主课堂" })).statusCode).toBe(400);
    const branch = await cadre.post("/api/training/classrooms", { nodeId: node("T1"), kind: "branch", name: "一镇分课堂" });
    expect(branch.statusCode).toBe(201);
    // A township organiser cannot touch the party school's main classroom, nor another township.
    expect((await cadre.post("/api/training/classrooms", { nodeId: node("T2"), kind: "branch", name: "二镇分课堂" })).statusCode).toBe(404);
    const list = (await cadre.get("/api/training/classrooms")).json().items.map((room: { name: string }) => room.name);
    expect(list).toEqual(["一镇分课堂"]);
  });

  it("lists classrooms, teachers and yearly plans by search, kind and year, a page at a time", async () => {
    for (const name of ["二镇分课堂", "三镇分课堂"]) expect((await admin.post("/api/training/classrooms", { nodeId: node("T2"), kind: "branch", name, address: "镇党群服务中心" })).statusCode).toBe(201);
    // Made here and above: the city's main classroom, 一镇分课堂 (T1) and the two T2 branches.
    const branches = (await admin.get("/api/training/classrooms?kind=branch&pageSize=2")).json();
    expect(branches).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(branches.items).toHaveLength(2);
    expect((await admin.get("/api/training/classrooms?kind=branch&pageSize=2&page=2")).json().items.map((room: { name: string }) => room.name)).toEqual(["三镇分课堂"]);
    expect((await admin.get(`/api/training/classrooms?q=${encodeURIComponent("党群")}`)).json().total).toBe(2);
    expect((await admin.get(`/api/training/classrooms?org=${node("T2")}`)).json().total).toBe(2);
    expect((await cadre.get(`/api/training/classrooms?org=${node("T2")}`)).statusCode).toBe(404);

    for (const [year, title] of [[2025, "2025年度培训计划"], [2026, "一镇2026年培训计划"]] as const) {
      expect((await admin.post("/api/training/plans", { nodeId: node(year === 2025 ? "C" : "T1"), year, title })).statusCode).toBe(201);
    }
    expect((await admin.get("/api/training/plans?year=2026")).json().items.map((plan: { title: string }) => plan.title)).toEqual(["2026年度培训计划", "一镇2026年培训计划"]);
    expect((await admin.get(`/api/training/plans?q=${encodeURIComponent("一镇")}`)).json()).toMatchObject({ total: 1 });
    expect((await cadre.get("/api/training/plans")).json().items.map((plan: { title: string }) => plan.title)).toEqual(["一镇2026年培训计划"]);

    for (const [name, level] of [["张教授", "province"], ["李老师", "township"]] as const) {
      expect((await admin.post("/api/training/teachers", { nodeId: node("C"), name, level, unit: "市委党校", topics: ["governance"] })).statusCode).toBe(201);
    }
    expect((await admin.get("/api/training/teachers?level=province")).json().items.map((teacher: { name: string }) => teacher.name)).toEqual(["张教授"]);
    expect((await admin.get(`/api/training/teachers?q=${encodeURIComponent("李")}`)).json().total).toBe(1);
    expect((await admin.get("/api/training/teachers?pageSize=1&page=2")).json()).toMatchObject({ total: 2, items: [{ name: "李老师" }] });
  });

  it("rejects a session that ends before it starts, naming the field", async () => {
    const response = await admin.post("/api/training/sessions", {
      planId, classroomId, formId, topic: "governance", title: "x", audienceLevels: ["village"], audienceNodeIds: [node("T1")],
      startsAt: "2026-06-02T10:00:00+08:00", endsAt: "2026-06-02T09:00:00+08:00", place: "x",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("endsAt");
  });
});

describe("check-in by QR code", () => {
  it("accepts the signed code only during the session's window, once per person", async () => {
    const session = await newSession(HOUR);
    // Before the doors open there is no code, and no check-in.
    expect((await admin.get(`/api/training/sessions/${session.id}/check-in-code`)).statusCode).toBe(400);
    t.clock.advance(45 * 60_000);
    const code = (await admin.get(`/api/training/sessions/${session.id}/check-in-code`)).json();
    expect(code.qrSvg).toMatch(/^<svg/);
    expect(code.url).toContain(`/#/my-training/check-in/${session.id}?code=`);
    expect((await secretary.post(`/api/training/sessions/${session.id}/check-in`, { code: "123.wrongwrongwrongwrongw" })).statusCode).toBe(400);
    const first = await secretary.post(`/api/training/sessions/${session.id}/check-in`, { code: code.code });
    expect(first.statusCode, first.body).toBe(200);
    expect((await secretary.post(`/api/training/sessions/${session.id}/check-in`, { code: code.code })).statusCode).toBe(409);
    // A code photographed three minutes ago no longer works.
    t.clock.advance(3 * 60_000);
    const stale = await cadre.post(`/api/training/sessions/${session.id}/check-in`, { code: code.code });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.fields[0].field).toBe("code");
    const attendance = (await admin.get(`/api/training/sessions/${session.id}/attendance`)).json();
    expect(attendance.items.map((row: { personName: string; method: string }) => [row.personName, row.method])).toEqual([["村书记甲", "qr"]]);
    // After the session, a fresh code is refused too.
    t.clock.advance(3 * HOUR);
    expect((await admin.get(`/api/training/sessions/${session.id}/check-in-code`)).statusCode).toBe(400);
    expect((await cadre.post(`/api/training/sessions/${session.id}/check-in`, { code: code.code })).statusCode).toBe(400);
  });

  it("lets the organiser tick the roster, only with people of the audience, and counts person-times", async () => {
    const session = await newSession(HOUR);
    const outside = await admin.post(`/api/training/sessions/${session.id}/roster`, { personIds: [otherTownshipPerson] });
    expect(outside.statusCode).toBe(400);
    const ticked = await admin.post(`/api/training/sessions/${session.id}/roster`, { personIds: [cadrePerson, secretaryPerson] });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().total).toBe(2);
    const figures = (await admin.get(`/api/figures?org=${node("T1")}`)).json().figures;
    // One QR check-in in the first session, two ticks here: three person-times in the township.
    expect(figures["training.personTimes"]).toBe(3);
    const drill = (await admin.get(`/api/training/person-times?org=${node("T1")}`)).json();
    expect(drill.total).toBe(3);
  });

  it("takes a leave request from an invited person and lets the organiser decide it", async () => {
    const session = await newSession(2 * HOUR);
    const leave = await secretary.post(`/api/training/sessions/${session.id}/leaves`, { reason: "村里防汛值班" });
    expect(leave.statusCode).toBe(201);
    expect((await secretary.post(`/api/training/sessions/${session.id}/leaves`, { reason: "again" })).statusCode).toBe(409);
    const decided = await admin.post(`/api/training/leaves/${leave.json().id}/decide`, { approve: true, version: leave.json().version });
    expect(decided.json().status).toBe("approved");
    const mySessions = await secretary.get("/api/training/my-sessions");
    expect(mySessions.statusCode, mySessions.body).toBe(200);
    const mine = mySessions.json().items.find((item: { id: number }) => item.id === session.id);
    expect(mine.leave).toBe("approved");
  });
});

describe("the question bank import", () => {
  it("builds on a workbook made with ExcelJS as a check of the parser; LibreOffice's is tested in bank-import.test.ts", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("题库");
    sheet.addRow(["题型", "主题", "难度", "题干", "选项A", "选项B", "答案"]);
    sheet.addRow(["判断题", "党的建设", "容易", "三会一课是党的组织生活制度。", "", "", "对"]);
    const contentBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const preview = await admin.post("/api/exam-questions/import/preview", { nodeId: node("C"), fileName: "q.xlsx", contentBase64 });
    expect(preview.json()).toMatchObject({ total: 1, valid: 1, invalid: [] });
  });
});
