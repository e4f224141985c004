import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, users } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";

/**
 * The training rates against counts made here from the records this file makes: the attendance rate
 * (person-times over person-times and approved leaves) from roster ticks and leave decisions, and the
 * village-level pass rate from papers answered right or wrong by plan; each figure's drill-down
 * answering the same count.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
const node = (code: string) => city.nodes.get(code)!.id;
const HOUR = 3600_000;
/** Six village cadres, each with an account of their own (grid workers attend training). */
const cadres: { person: number; session: Session }[] = [];
let formId: number;
let classroomId: number;
let planId: number;

beforeAll(async () => {
  t = await createTestContext({ idleTimeoutSeconds: 7 * 24 * 3600, sessionMaxHours: 24 * 7 });
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T08:00:00+08:00");
  admin = await t.login("campaign_admin");
  for (let i = 0; i < 6; i++) {
    const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node("T1V1"), name: `村干部${i}`, gender: "M" }).returning();
    const user = await fixtureAccount(t, { username: `village.cadre${i}`, cityId: city.cityId, role: "grid_worker", nodeId: node("T1V1G1") });
    await t.db.update(users).set({ personId: person!.id }).where(eq(users.id, user));
    cadres.push({ person: person!.id, session: await t.login(`village.cadre${i}`) });
  }
  formId = (await admin.post("/api/training/forms", { name: "集中授课" })).json().id;
  classroomId = (await admin.post("/api/training/classrooms", { nodeId: node("C"), kind: "main", name: "市委党校主课堂", address: "党校路1号" })).json().id;
  planId = (await admin.post("/api/training/plans", { nodeId: node("C"), year: 2026, title: "2026年度培训计划" })).json().id;
});
afterAll(async () => t.close());

async function newSession(title: string): Promise<number> {
  const startsAt = new Date(t.clock.now().getTime() + HOUR);
  const response = await admin.post("/api/training/sessions", {
    planId,
    classroomId,
    formId,
    topic: "governance",
    title,
    audienceLevels: ["village"],
    audienceNodeIds: [node("T1")],
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    place: "党校报告厅",
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe("training rates counted by hand", () => {
  it("attendance rate: two sessions, seven ticks on the rosters, three leaves of which two approved", async () => {
    const plan = [
      { title: "基层治理专题班", present: [0, 1, 2, 3], leaves: [{ who: 4, approve: true }, { who: 5, approve: false }] },
      { title: "信访工作专题班", present: [0, 1, 2], leaves: [{ who: 3, approve: true }] },
    ];
    for (const session of plan) {
      const id = await newSession(session.title);
      const ticked = await admin.post(`/api/training/sessions/${id}/roster`, { personIds: session.present.map((i) => cadres[i]!.person) });
      expect(ticked.statusCode, ticked.body).toBe(200);
      for (const leave of session.leaves) {
        const asked = await cadres[leave.who]!.session.post(`/api/training/sessions/${id}/leaves`, { reason: "村里防汛值班" });
        expect(asked.statusCode, asked.body).toBe(201);
        const decided = await admin.post(`/api/training/leaves/${asked.json().id}/decide`, { approve: leave.approve, version: asked.json().version });
        expect(decided.statusCode, decided.body).toBe(200);
      }
    }
    const personTimes = plan.reduce((sum, session) => sum + session.present.length, 0);
    const approved = plan.reduce((sum, session) => sum + session.leaves.filter((leave) => leave.approve).length, 0);
    // Sessions count where they are held (the city's main classroom), person-times where the attendees sit.
    const answer = (await admin.get(`/api/figures?org=${node("C")}`)).json();
    expect(answer.figures["training.sessions"]).toBe(plan.length);
    expect(answer.figures["training.personTimes"]).toBe(personTimes);
    expect(answer.figures["training.attendanceRate"]).toBe(Math.round((1000 * personTimes) / (personTimes + approved)) / 10);
    expect((await admin.get(`/api/training/person-times?org=${node("T1")}`)).json().total).toBe(personTimes);
  });

  it("village pass rate: six papers of two true/false questions at 50 points each, pass mark 60, four answered right", async () => {
    for (const n of [1, 2]) {
      const created = await admin.post("/api/exam-questions", { nodeId: node("C"), type: "judge", topic: "governance", difficulty: "medium", stem: `判断题${n}：网格员应当及时上报事件。`, options: [], answer: ["true"] });
      expect(created.statusCode, created.body).toBe(201);
    }
    const opensAt = t.clock.now();
    const exam = await admin.post("/api/exams", {
      nodeId: node("C"),
      title: "2026年村干部能力测试",
      rules: [{ topic: "governance", difficulty: "medium", count: 2, points: 50 }],
      opensAt: opensAt.toISOString(),
      closesAt: new Date(opensAt.getTime() + 24 * HOUR).toISOString(),
      timeLimitMinutes: 30,
      passMark: 60,
      candidatePersonIds: cadres.map((cadre) => cadre.person),
    });
    expect(exam.statusCode, exam.body).toBe(201);
    // Who answers both right (100, passes) and who gets one wrong (50, fails).
    const right = [true, true, false, true, false, true];
    for (const [index, cadre] of cadres.entries()) {
      const paper = (await cadre.session.post(`/api/exams/${exam.json().id}/attempt`)).json();
      for (const [n, item] of (paper.items as { seq: number }[]).entries()) {
        const answer = right[index] || n === 0 ? ["true"] : ["false"];
        expect((await cadre.session.request({ method: "PUT", url: `/api/exam-attempts/${paper.id}/answers/${item.seq}`, payload: { answer } })).statusCode).toBe(200);
      }
      const submitted = (await cadre.session.post(`/api/exam-attempts/${paper.id}/submit`)).json();
      expect(submitted).toMatchObject({ status: "scored", passed: right[index] });
    }
    const passed = right.filter(Boolean).length;
    const answer = (await admin.get(`/api/figures?org=${node("C")}`)).json();
    expect(answer.figures["training.passRate.village"]).toBe(Math.round((1000 * passed) / right.length) / 10);
    expect(answer.figures["training.passRate.township"]).toBeUndefined();
    const drill = answer.items.find((item: { key: string }) => item.key === "training.passRate.village").drill.api;
    const scored = (await admin.get(drill)).json();
    expect(scored.total).toBe(right.length);
    expect(scored.items.filter((item: { passed: boolean }) => item.passed)).toHaveLength(passed);
  });
});
