import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, users } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The competency test on a manual clock: a paper drawn per candidate, answers saved one by one, the
 * time limit and the single attempt, automatic scoring, a second person grading the short answer,
 * the make-up exam, and results. Every response a candidate receives before submitting is kept and
 * searched for the key.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;
let secretary: Session;
let secretaryPerson: number;
let cadrePerson: number;
/** What the candidates received before they submitted. */
const beforeSubmission: string[] = [];

const node = (code: string) => city.nodes.get(code)!.id;
/** A phrase that only the short answer's reference holds. */
const REFERENCE = "坚持党建引领，把矛盾化解在基层";
const MINUTE = 60_000;

/** A session whose every response body is kept, so the test can search them all. */
function recorded(session: Session): Session {
  const keep = async (response: Promise<LightMyRequestResponse>) => {
    const result = await response;
    beforeSubmission.push(result.body);
    return result;
  };
  return {
    ...session,
    request: (options: InjectOptions) => keep(session.request(options)),
    get: (url) => keep(session.get(url)),
    post: (url, body) => keep(session.post(url, body)),
    patch: (url, body) => keep(session.patch(url, body)),
    delete: (url, body) => keep(session.delete(url, body)),
  };
}

async function personFor(username: string, nodeCode: string, name: string): Promise<number> {
  const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node(nodeCode), name, gender: "F" }).returning();
  await t.db.update(users).set({ personId: person!.id }).where(eq(users.username, username));
  return person!.id;
}

const keys = new Map<string, string[]>();

beforeAll(async () => {
  t = await createTestContext({ idleTimeoutSeconds: 7 * 24 * 3600, sessionMaxHours: 24 * 7 });
  city = await seedSmallCity(t.db);
  secretaryPerson = await personFor("village_secretary", "T1V1", "村书记丙");
  cadrePerson = await personFor("township_cadre", "T1", "镇干部丁");
  admin = await t.login("campaign_admin");
  cadre = recorded(await t.login("township_cadre"));
  secretary = recorded(await t.login("village_secretary"));
  const questions = [
    ...[1, 2, 3].map((n) => ({ type: "single", topic: "party_building", difficulty: "easy", stem: `单选题${n}：党支部的基本任务由谁规定？`, options: ["党章", "村规", "乡约"], answer: ["A"] })),
    ...[1, 2].map((n) => ({ type: "judge", topic: "governance", difficulty: "medium", stem: `判断题${n}：网格员应当及时上报事件。`, options: [], answer: ["true"] })),
    { type: "multiple", topic: "governance", difficulty: "hard", stem: "多选题：基层治理的主体有哪些？", options: ["党组织", "村委会", "群众", "外商"], answer: ["A", "B", "C"] },
    { type: "short", topic: "petitions", difficulty: "hard", stem: "简答题：如何做好信访矛盾化解？", options: [], answer: [REFERENCE] },
  ];
  for (const question of questions) {
    const response = await admin.post("/api/exam-questions", { nodeId: node("C"), ...question });
    expect(response.statusCode, response.body).toBe(201);
    keys.set(question.stem, question.answer);
  }
});
afterAll(async () => t.close());

const rules = [
  { topic: "party_building", difficulty: "easy", count: 2, points: 10 },
  { topic: "governance", difficulty: "medium", count: 2, points: 10 },
  { topic: "governance", difficulty: "hard", count: 1, points: 20 },
  { topic: "petitions", difficulty: "hard", count: 1, points: 20 },
];

async function newExam(candidates: number[]) {
  const opensAt = t.clock.now();
  const response = await admin.post("/api/exams", {
    nodeId: node("C"),
    title: "2026年基层干部能力测试",
    rules,
    opensAt: opensAt.toISOString(),
    closesAt: new Date(opensAt.getTime() + 24 * 60 * MINUTE).toISOString(),
    timeLimitMinutes: 30,
    passMark: 60,
    candidatePersonIds: candidates,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; totalScore: number; version: number };
}

describe("setting an exam", () => {
  it("refuses rules the bank cannot fill and candidates outside the exam's node", async () => {
    const base = { nodeId: node("T1"), title: "x", opensAt: "2026-06-01T09:00:00+08:00", closesAt: "2026-06-02T09:00:00+08:00", timeLimitMinutes: 30, passMark: 60 };
    const tooMany = await admin.post("/api/exams", { ...base, nodeId: node("C"), rules: [{ topic: "party_building", difficulty: "easy", count: 4, points: 10 }], candidatePersonIds: [secretaryPerson] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields[0].field).toBe("rules.0.count");
    const [outsider] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node("T2V1"), name: "二镇人员", gender: "M" }).returning();
    const outside = await cadre.post("/api/exams", { ...base, rules: [rules[0]], candidatePersonIds: [outsider!.id] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].field).toBe("candidatePersonIds");
  });
});

describe("sitting the exam", () => {
  let examId: number;
  let attemptId: number;
  let cadreAttemptId: number;

  it("draws each candidate's paper by the rules, without the key", async () => {
    const exam = await newExam([secretaryPerson, cadrePerson]);
    examId = exam.id;
    expect(exam.totalScore).toBe(80);
    const mine = (await secretary.get("/api/my/exams")).json().items;
    expect(mine).toMatchObject([{ examId, status: "not_started", attemptId: null }]);
    const started = await secretary.post(`/api/exams/${examId}/attempt`);
    expect(started.statusCode, started.body).toBe(200);
    const paper = started.json();
    attemptId = paper.id;
    expect(paper.secondsLeft).toBe(30 * 60);
    expect(paper.items).toHaveLength(6);
    expect(paper.items.filter((item: { topic: string }) => item.topic === "governance")).toHaveLength(3);
    for (const item of paper.items) expect(Object.keys(item).sort()).toEqual(["answer", "options", "score", "seq", "stem", "topic", "type"]);
    // A second start is refused: the paper under way is opened with GET instead.
    expect((await secretary.post(`/api/exams/${examId}/attempt`)).statusCode).toBe(409);
    const other = (await cadre.post(`/api/exams/${examId}/attempt`)).json();
    cadreAttemptId = other.id;
    expect(other.items).toHaveLength(6);
  });

  it("saves answers one by one, keeps them over a reload, and refuses them after the time limit", async () => {
    const paper = (await secretary.get(`/api/exam-attempts/${attemptId}`)).json();
    for (const item of paper.items as { seq: number; stem: string; type: string }[]) {
      if (item.stem.startsWith("判断题1")) continue;
      const answer = item.type === "short" ? ["党建引领，化解在基层，及时回应群众诉求"] : keys.get(item.stem)!;
      const saved = await secretary.request({ method: "PUT", url: `/api/exam-attempts/${attemptId}/answers/${item.seq}`, payload: { answer } });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    // An option the question does not have: a choice question's (the draw is random; a short answer takes any text).
    const choice = (paper.items as { seq: number; type: string }[]).find((item) => item.type !== "short")!;
    const wrongShape = await secretary.request({ method: "PUT", url: `/api/exam-attempts/${attemptId}/answers/${choice.seq}`, payload: { answer: ["Z"] } });
    expect(wrongShape.statusCode).toBe(400);
    t.clock.advance(10 * MINUTE);
    const reloaded = (await secretary.get(`/api/exam-attempts/${attemptId}`)).json();
    expect(reloaded.secondsLeft).toBe(20 * 60);
    expect(reloaded.items.filter((item: { answer: string[] | null }) => item.answer !== null)).toHaveLength(5);
    t.clock.advance(21 * MINUTE);
    const late = reloaded.items.find((item: { stem: string }) => item.stem.startsWith("判断题1"));
    const refused = await secretary.request({ method: "PUT", url: `/api/exam-attempts/${attemptId}/answers/${late.seq}`, payload: { answer: ["true"] } });
    expect(refused.statusCode).toBe(409);
    const after = (await secretary.get(`/api/exam-attempts/${attemptId}`)).json();
    expect(after.items.find((item: { seq: number }) => item.seq === late.seq).answer).toBeNull();
    expect(after.secondsLeft).toBe(0);
    // The cadre never answers: their paper is scored with nothing in it.
    expect((await cadre.get(`/api/exam-attempts/${cadreAttemptId}`)).statusCode).toBe(200);
    // Neither candidate opens the other's paper.
    expect((await cadre.get(`/api/exam-attempts/${attemptId}`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/exam-attempts/${attemptId}/result`)).statusCode).toBe(409);
  });

  it("never sent the key to a candidate before submission", () => {
    const all = beforeSubmission.join("\n");
    expect(beforeSubmission.length).toBeGreaterThan(10);
    expect(all).not.toContain(REFERENCE);
    expect(all).not.toContain('"key"');
  });

  it("scores choices at submission and leaves the short answer to a second person", async () => {
    const submitted = await secretary.post(`/api/exam-attempts/${attemptId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const result = submitted.json();
    expect(result.status).toBe("grading");
    expect(result.score).toBeNull();
    expect(result.items.find((item: { type: string }) => item.type === "short").key).toEqual([REFERENCE]);
    // One attempt: after submission nothing more is taken.
    expect((await secretary.post(`/api/exams/${examId}/attempt`)).statusCode).toBe(409);
    expect((await secretary.post(`/api/exam-attempts/${attemptId}/submit`)).statusCode).toBe(409);
    const shortSeq = result.items.find((item: { type: string }) => item.type === "short").seq;
    // The cadre is a candidate of the same exam: the township cadre may grade, but never a paper of their own.
    const empty = (await cadre.post(`/api/exam-attempts/${cadreAttemptId}/submit`)).json();
    expect(empty).toMatchObject({ status: "scored", score: 0, passed: false });
    const own = await cadre.post(`/api/exam-attempts/${cadreAttemptId}/grade`, { version: empty.version, marks: [{ seq: 1, score: 5 }] });
    expect(own.statusCode).toBe(403);
    const overMark = await cadre.post(`/api/exam-attempts/${attemptId}/grade`, { version: result.version, marks: [{ seq: shortSeq, score: 21 }] });
    expect(overMark.statusCode).toBe(400);
    const graded = await cadre.post(`/api/exam-attempts/${attemptId}/grade`, { version: result.version, marks: [{ seq: shortSeq, score: 15 }] });
    expect(graded.statusCode, graded.body).toBe(200);
    // 2 × 10 single + 1 × 10 true/false (the other came too late) + 20 multiple + 15 short.
    expect(graded.json()).toMatchObject({ status: "scored", score: 65, passed: true });
    expect((await cadre.post(`/api/exam-attempts/${attemptId}/grade`, { version: graded.json().version, marks: [{ seq: shortSeq, score: 15 }] })).statusCode).toBe(409);
  });

  it("shows results by person, node, level and topic, exports them, and keeps them from candidates", async () => {
    const results = (await admin.get(`/api/exams/${examId}/results`)).json();
    expect(results.items.map((row: { personName: string; score: number; passed: boolean }) => [row.personName, row.score, row.passed])).toEqual([
      ["村书记丙", 65, true],
      ["镇干部丁", 0, false],
    ]);
    expect((await admin.get(`/api/exams/${examId}/results?status=failed`)).json().total).toBe(1);
    expect((await admin.get(`/api/exams/${examId}/results?q=${encodeURIComponent("丙")}`)).json().total).toBe(1);
    const groups = (await admin.get(`/api/exams/${examId}/results/groups`)).json();
    expect(groups.byLevel).toEqual(
      expect.arrayContaining([
        { key: "village", label: "village", candidates: 1, scored: 1, passed: 1, averageScore: 65 },
        { key: "township", label: "township", candidates: 1, scored: 1, passed: 0, averageScore: 0 },
      ]),
    );
    expect(groups.byTopic.find((topic: { key: string }) => topic.key === "party_building").averageScore).toBe(50);
    const exported = await admin.get(`/api/exams/${examId}/results/export`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, "村书记丙", "第1镇1村", "村级", "已评分", 65, "合格"]);
    expect((await secretary.get(`/api/exams/${examId}/results`)).statusCode).toBe(404);
    expect((await secretary.get("/api/my/exams")).json().items[0]).toMatchObject({ status: "scored", score: 65, passed: true });
    const figures = (await admin.get(`/api/figures?org=${node("T1")}`)).json().figures;
    // One village-level and one township-level paper: below the minimum sample, so no rate yet.
    expect(figures["training.passRate.village"]).toBeUndefined();
  });

  it("sets a make-up exam for those who failed, and only them", async () => {
    const exam = (await admin.get(`/api/exams/${examId}`)).json();
    const makeup = await admin.post(`/api/exams/${examId}/makeup`, {
      opensAt: t.clock.now().toISOString(),
      closesAt: new Date(t.clock.now().getTime() + 60 * MINUTE).toISOString(),
      version: exam.version,
    });
    expect(makeup.statusCode, makeup.body).toBe(201);
    expect(makeup.json()).toMatchObject({ makeupOf: examId, candidates: 1, title: "2026年基层干部能力测试（补考）" });
    const cadreExams = (await cadre.get("/api/my/exams")).json().items.map((item: { examId: number }) => item.examId);
    expect(cadreExams).toContain(makeup.json().id);
    expect((await secretary.post(`/api/exams/${makeup.json().id}/attempt`)).statusCode).toBe(404);
    expect((await cadre.post(`/api/exams/${makeup.json().id}/attempt`)).statusCode).toBe(200);
  });
});
