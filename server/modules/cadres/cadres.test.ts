import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, users } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** The cadre reserve: entry and exit with reasons, the profile with training and scores from the training module, moves, the graduates plan. */
let t: TestContext;
let city: SmallCity;
let office: Session;
let reservePerson: number;
let tutorPerson: number;

const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext({ idleTimeoutSeconds: 7 * 24 * 3600, sessionMaxHours: 24 * 7 });
  city = await seedSmallCity(t.db);
  office = await t.login("campaign_admin");
  const [reserve] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node("T1V1"), name: "后备甲", gender: "F" }).returning();
  const [tutor] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node("T1V1"), name: "导师乙", gender: "M" }).returning();
  reservePerson = reserve!.id;
  tutorPerson = tutor!.id;
  // The reserve cadre also sits the training: linked to the village secretary's account.
  await t.db.update(users).set({ personId: reservePerson }).where(eq(users.username, "village_secretary"));
});
afterAll(async () => t.close());

describe("the reserve", () => {
  let cadreId: number;

  it("enters a person with a reason, a plan and a tutor, once", async () => {
    const body = { personId: reservePerson, birthDate: "1996-08-20", education: "本科", currentPost: "村委委员", strengths: "电商运营", developmentPlan: "网格实践一年", tutorPersonId: tutorPerson, enteredOn: "2025-03-01", entryReason: "村党支部推荐" };
    const entered = await office.post("/api/cadres", body);
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toMatchObject({ personName: "后备甲", age: 29, tutorName: "导师乙", entryReason: "村党支部推荐", training: [], exams: [] });
    cadreId = entered.json().id;
    expect((await office.post("/api/cadres", body)).statusCode).toBe(409);
    expect((await office.post("/api/cadres", { ...body, personId: 999999 })).statusCode).toBe(404);
  });

  it("filters by age, education and name, and shows the reserve to the organisation department alone", async () => {
    expect((await office.get("/api/cadres?ageMin=29&ageMax=29")).json().total).toBe(1);
    expect((await office.get("/api/cadres?ageMax=28")).json().total).toBe(0);
    expect((await office.get("/api/cadres?education=大专")).json().total).toBe(0);
    expect((await office.get(`/api/cadres?q=${encodeURIComponent("后备")}`)).json().total).toBe(1);
    for (const role of ["leader", "township_cadre", "supervisor"]) {
      const session = await t.login(role);
      expect((await session.get("/api/cadres")).statusCode, role).toBe(403);
      expect((await session.get(`/api/cadres/${cadreId}`)).statusCode, role).toBe(403);
    }
  });

  it("pulls the training record and test scores into the profile", async () => {
    const secretary = await t.login("village_secretary");
    const form = (await office.post("/api/training/forms", { name: "集中授课" })).json();
    const room = (await office.post("/api/training/classrooms", { nodeId: node("C"), kind: "main", name: "党校主课堂" })).json();
    const plan = (await office.post("/api/training/plans", { nodeId: node("C"), year: 2026, title: "计划" })).json();
    const startsAt = t.clock.now();
    const session = (
      await office.post("/api/training/sessions", {
        planId: plan.id, classroomId: room.id, formId: form.id, topic: "party_building", title: "后备干部专题班", audienceLevels: ["village"], audienceNodeIds: [node("T1")],
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), place: "党校",
      })
    ).json();
    const code = (await office.get(`/api/training/sessions/${session.id}/check-in-code`)).json().code;
    expect((await secretary.post(`/api/training/sessions/${session.id}/check-in`, { code })).statusCode).toBe(200);
    await office.post("/api/exam-questions", { nodeId: node("C"), type: "judge", topic: "party_building", difficulty: "easy", stem: "判断题", options: [], answer: ["true"] });
    const exam = (
      await office.post("/api/exams", {
        nodeId: node("C"), title: "后备干部测试", rules: [{ topic: "party_building", difficulty: "easy", count: 1, points: 10 }],
        opensAt: startsAt.toISOString(), closesAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), timeLimitMinutes: 10, passMark: 6, candidatePersonIds: [reservePerson],
      })
    ).json();
    const paper = (await secretary.post(`/api/exams/${exam.id}/attempt`)).json();
    await secretary.request({ method: "PUT", url: `/api/exam-attempts/${paper.id}/answers/1`, payload: { answer: ["true"] } });
    await secretary.post(`/api/exam-attempts/${paper.id}/submit`);
    const profile = (await office.get(`/api/cadres/${cadreId}`)).json();
    expect(profile.training.map((row: { title: string }) => row.title)).toEqual(["后备干部专题班"]);
    expect(profile.exams).toEqual([{ examId: exam.id, title: "后备干部测试", score: 10, passed: true }]);
  });

  it("records an exit with its date and reason, keeping the record", async () => {
    const profile = (await office.get(`/api/cadres/${cadreId}`)).json();
    expect((await office.post(`/api/cadres/${cadreId}/exit`, { version: profile.version, exitedOn: "2024-01-01", exitReason: "早于入库" })).statusCode).toBe(400);
    const exited = await office.post(`/api/cadres/${cadreId}/exit`, { version: profile.version, exitedOn: "2026-05-20", exitReason: "考录为公务员" });
    expect(exited.json()).toMatchObject({ exitedOn: "2026-05-20", exitReason: "考录为公务员" });
    expect((await office.post(`/api/cadres/${cadreId}/exit`, { version: exited.json().version, exitedOn: "2026-05-21", exitReason: "again" })).statusCode).toBe(409);
    expect((await office.get("/api/cadres")).json().total).toBe(0);
    expect((await office.get("/api/cadres?status=exited")).json().total).toBe(1);
    expect((await office.get(`/api/figures?org=${node("T1")}`)).json().figures["cadres.reserve"]).toBe(0);
  });
});

describe("moves and the graduates plan", () => {
  it("counts rotations and returns of seconded staff as dated records", async () => {
    await office.post("/api/cadres/moves", { personId: tutorPerson, kind: "rotation", fromPost: "组织委员", toPost: "宣传委员", movedOn: "2026-03-01" });
    await office.post("/api/cadres/moves", { personId: reservePerson, kind: "seconded_return", fromPost: "借调市直单位", toPost: "村委委员", movedOn: "2026-04-01" });
    const figures = (await office.get("/api/figures")).json().figures;
    expect([figures["cadres.rotated"], figures["cadres.secondedReturned"]]).toEqual([1, 1]);
    expect((await office.get("/api/cadres/moves?kind=rotation")).json().items[0]).toMatchObject({ personName: "导师乙", movedOn: "2026-03-01" });
  });

  it("moves a graduate place through recruitment step by step, hiring by name", async () => {
    expect((await office.post("/api/cadres/graduates", { nodeId: node("T1"), year: 2026, post: "社区工作者" })).statusCode).toBe(400);
    let place = (await office.post("/api/cadres/graduates", { nodeId: node("T1V1"), year: 2026, post: "社区工作者" })).json();
    expect((await office.post(`/api/cadres/graduates/${place.id}/status`, { version: place.version, status: "hired", candidateName: "张三" })).statusCode).toBe(409);
    for (const status of ["posted", "applied"]) place = (await office.post(`/api/cadres/graduates/${place.id}/status`, { version: place.version, status })).json();
    expect((await office.post(`/api/cadres/graduates/${place.id}/status`, { version: place.version, status: "hired" })).statusCode).toBe(400);
    const hired = await office.post(`/api/cadres/graduates/${place.id}/status`, { version: place.version, status: "hired", candidateName: "张三" });
    expect(hired.json()).toMatchObject({ status: "hired", candidateName: "张三" });
    expect((await office.get("/api/figures")).json().figures["cadres.graduatePlan"]).toBe(1);
  });
});
