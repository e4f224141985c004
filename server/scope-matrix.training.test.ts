import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, users } from "./db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, matrixCases, matrixRoles, row, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * Training and the cadre reserve, for every role on a target inside its subtree and one outside it.
 * Training records hang at a township (its branch classroom, plan, sessions, bank, exams): inside is
 * always township T1, which holds every township-or-lower role's node; outside is T2 for roles held
 * in this city below its root, the other city's township for roles held at a root. A candidate's
 * attempt is theirs: inside is their own, outside another candidate's. Cadre records follow the
 * village a person sits in: inside T1V1, outside the neighbouring village or township, or the other city.
 * Every account of the matrix that can attend is linked to a person at its node.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
const readers = statuses("200 200 403 200 403 403 403 200 403 403 403 403 403");
const managers = statuses("200 403 403 200 403 403 403 403 403 403 403 403 403");
const attendees = statuses("403 200 403 200 200 200 403 403 403 403 403 403 403");
const cadreReaders = statuses("200 403 403 403 403 403 403 403 403 403 403 403 403");
/** A change at a township node: training.manage there; a node a role cannot see is 404, one it sees but may not manage 403. */
const manageTownship = (ok: number) => row(`${ok}/404 403/404 403/404 ${ok}/404 404/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** Reading a township's record: training.read there. Attendees who are not readers see it only when it is meant for them (sessions). */
const readTownship = row("200/404 200/404 403/404 200/404 404/404 404/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** A session meant for township T1: its village and grid attendees see it as well. */
const readSession = row("200/404 200/404 403/404 200/404 200/404 200/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** Checking in and asking for leave: attendees of the session's audience (the leader sits at the city, outside T1's audience). */
const attend = (ok: number) => row(`403/403 404/404 403/403 ${ok}/404 ${ok}/404 ${ok}/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403`);
/** The candidate's own paper: inside theirs, outside another's; roles that cannot sit a test are refused either way. */
const ownPaper = (ok: number) => row(`403/403 ${ok}/404 403/403 ${ok}/404 ${ok}/404 ${ok}/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403`);
/** Results of another candidate's paper: readers at its node; a candidate who is no reader sees only their own. */
const readPaper = row("200/404 200/404 403/404 200/404 404/404 404/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** Cadre records: the organisation department alone; a role that sees the node is 403, one that does not 404. A reserve cadre sits in a micro-grid, which the grid worker sees. */
const cadreRecord = (ok: number) => row(`${ok}/404 403/404 403/404 403/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** A graduate place is a village's: below the grid worker's reach. */
const graduatePlace = (ok: number) => row(`${ok}/404 403/404 403/404 403/404 403/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** Grading a paper: training.manage where the candidate sits (a micro-grid of T1V1, which its secretary and grid worker see). */
const grade = row("200/404 403/404 403/404 200/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404");
/** Entering a person into the reserve, or recording a move: cadre.manage first, then the person's place. */
const cadrePerson = (ok: number) => row(`${ok}/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403`);

type Response = LightMyRequestResponse;
type Side = "inside" | "outside";

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let here: Session;
let there: Session;
const sessions = new Map<MatrixRole, Session>();
const personOf = new Map<string, number>();
const ids = new Map<string, number>();
let counter = 0;

const nodeId = (code: string) => (city.nodes.get(code) ?? other.nodes.get(code)!).id;
const cityRoles: readonly MatrixRole[] = ["campaign_admin", "leader", "unit_staff", "department_handler", "sys_admin", "security_admin", "audit_admin", "no_role"];
/** The township a role's "outside" target lies in. */
const outsideTownship = (role: MatrixRole) => (cityRoles.includes(role) ? "OT1" : "T2");
const townshipOf = (role: MatrixRole, side: Side) => (side === "inside" ? "T1" : outsideTownship(role));
const villageOf = (role: MatrixRole, side: Side) => (side === "inside" ? "T1V1" : cityRoles.includes(role) ? "OT1V1" : role === "village_secretary" || role === "grid_worker" ? "T1V2" : "T2V1");
const officeFor = (code: string) => (code.startsWith("O") ? there : here);
const made = <T = { id: number; version: number }>(response: Promise<Response>, status = 201) => succeeded<T>(response, status);

async function person(code: string, name: string, username?: string): Promise<number> {
  const cityId = code.startsWith("O") ? other.cityId : city.cityId;
  const [row] = await t.db.insert(persons).values({ cityId, nodeId: nodeId(code), name, gender: "M" }).returning();
  if (username) await t.db.update(users).set({ personId: row!.id }).where(eq(users.username, username));
  return row!.id;
}

/** A candidate of every township's tests: an account of its own, linked to a person in the township's first village. */
async function candidate(township: string): Promise<Session> {
  const village = `${township}V1`;
  const username = `candidate.${township.toLowerCase()}`;
  await fixtureAccount(t, { username, cityId: township.startsWith("O") ? other.cityId : city.cityId, role: "village_secretary", nodeId: nodeId(village) });
  personOf.set(`candidate.${township}`, await person(`${village}G1M1`, `考生${township}`, username));
  return t.login(username);
}
const candidates = new Map<string, Session>();

const now = () => t.clock.now().getTime();
const sessionBody = (township: string) => ({
  planId: ids.get(`plan.${township}`),
  classroomId: ids.get(`room.${township}`),
  formId: ids.get(`form.${township.startsWith("O") ? "there" : "here"}`),
  topic: "governance",
  title: `班次${++counter}`,
  audienceLevels: ["township", "village"],
  audienceNodeIds: [nodeId(township)],
  startsAt: new Date(now() - 10 * 60_000).toISOString(),
  endsAt: new Date(now() + 2 * 3_600_000).toISOString(),
  place: "会议室",
});
const newSession = (township: string) => made(officeFor(township).post("/api/training/sessions", sessionBody(township)));
const questionBody = (township: string, type = "single") => ({
  nodeId: nodeId(township),
  type,
  topic: "governance",
  difficulty: "easy",
  stem: `试题${++counter}`,
  options: type === "single" ? ["甲", "乙"] : [],
  answer: type === "single" ? ["A"] : ["参考要点"],
});
const examBody = (township: string, people: number[], type = "single") => ({
  nodeId: nodeId(township),
  title: `测试${++counter}`,
  rules: [{ topic: "governance", difficulty: type === "short" ? "hard" : "easy", count: 1, points: 10 }],
  opensAt: new Date(now() - 60_000).toISOString(),
  closesAt: new Date(now() + 24 * 3_600_000).toISOString(),
  timeLimitMinutes: 60,
  passMark: 6,
  candidatePersonIds: people,
});
/** Everyone of this city who may sit a test and sits under T1, plus T1's fixture candidate. */
const t1People = () => ["township_cadre", "village_secretary", "grid_worker", "candidate.T1"].map((name) => personOf.get(name)!);
const newExam = (township: string, people = [personOf.get(`candidate.${township}`)!]) => made(officeFor(township).post("/api/exams", examBody(township, people)));
/** A paper of the township's fixture candidate, started (and, when asked, submitted with a short answer waiting for a mark). */
async function fixturePaper(township: string, grading = false): Promise<{ id: number; version: number }> {
  const office = officeFor(township);
  if (grading) await made(office.post("/api/exam-questions", { ...questionBody(township, "short"), difficulty: "hard" }));
  const exam = await made(office.post("/api/exams", examBody(township, [personOf.get(`candidate.${township}`)!], grading ? "short" : "single")));
  const sitter = candidates.get(township)!;
  const paper = await made<{ id: number; version: number; items: { seq: number }[] }>(sitter.post(`/api/exams/${exam.id}/attempt`), 200);
  if (!grading) return paper;
  await made(sitter.request({ method: "PUT", url: `/api/exam-attempts/${paper.id}/answers/1`, payload: { answer: ["我的回答"] } }), 200);
  return made(sitter.post(`/api/exam-attempts/${paper.id}/submit`), 200);
}
/** The caller's own paper where they can sit one (a city exam naming them), else the fixture candidate's. */
async function ownOrFixturePaper(role: MatrixRole, side: Side): Promise<number> {
  const own = personOf.get(role);
  if (side === "outside" || own === undefined) return (await fixturePaper("T1")).id;
  const exam = await made(here.post("/api/exams", examBody("C", [own])));
  return (await made<{ id: number }>(sessions.get(role)!.post(`/api/exams/${exam.id}/attempt`), 200)).id;
}
async function xlsx(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("题库");
  sheet.addRow(["题型", "主题", "难度", "题干", "答案"]);
  sheet.addRow(["判断题", "基层治理", "容易", `判断${++counter}`, "对"]);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}
async function reserveCadre(code: string): Promise<{ id: number; version: number }> {
  const personId = await person(`${code}G1M1`, `后备${++counter}`);
  return made(officeFor(code).post("/api/cadres", { personId, birthDate: "1995-05-05", education: "本科", currentPost: "村委委员", enteredOn: "2025-01-01", entryReason: "推荐" }));
}

beforeAll(async () => {
  t = await createTestContext({ idleTimeoutSeconds: 7 * 24 * 3600, sessionMaxHours: 24 * 7 });
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  for (const [where, cityId, root] of [["here", city.cityId, "C"], ["there", other.cityId, "O"]] as const) {
    await fixtureAccount(t, { username: `office.${where}`, cityId, role: "campaign_admin", nodeId: nodeId(root) });
  }
  here = await t.login("office.here");
  there = await t.login("office.there");
  // Every city role that can attend sits at its own node.
  const homes: Partial<Record<MatrixRole, string>> = { leader: "C", township_cadre: "T1", village_secretary: "T1V1", grid_worker: "T1V1G1" };
  for (const [role, code] of Object.entries(homes)) personOf.set(role, await person(code, `${role}本人`, role));
  for (const role of matrixRoles) sessions.set(role, await t.login(role));
  for (const [where, office] of [["here", here], ["there", there]] as const) ids.set(`form.${where}`, (await made(office.post("/api/training/forms", { name: "集中授课" }))).id);
  for (const township of ["T1", "T2", "OT1"]) {
    const office = officeFor(township);
    ids.set(`room.${township}`, (await made(office.post("/api/training/classrooms", { nodeId: nodeId(township), kind: "branch", name: `${township}分课堂` }))).id);
    ids.set(`plan.${township}`, (await made(office.post("/api/training/plans", { nodeId: nodeId(township), year: 2026, title: `${township}计划` }))).id);
    for (let n = 0; n < 3; n++) await made(office.post("/api/exam-questions", questionBody(township)));
    candidates.set(township, await candidate(township));
  }
  await made(here.post("/api/exam-questions", questionBody("C")));
  await made(here.post("/api/exam-questions", questionBody("C")));
});
afterAll(async () => t.close());

interface GlobalRoute {
  name: string;
  expect: number[];
  call(session: Session): Promise<Response>;
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  call(session: Session, role: MatrixRole, side: Side): Promise<Response>;
}

const globalRoutes: GlobalRoute[] = [
  { name: "GET /api/training/classrooms", expect: readers, call: (s) => s.get("/api/training/classrooms") },
  { name: "GET /api/training/teachers", expect: readers, call: (s) => s.get("/api/training/teachers") },
  { name: "GET /api/training/forms", expect: readers, call: (s) => s.get("/api/training/forms") },
  { name: "GET /api/training/plans", expect: readers, call: (s) => s.get("/api/training/plans") },
  { name: "GET /api/training/sessions", expect: readers, call: (s) => s.get("/api/training/sessions") },
  { name: "GET /api/training/person-times", expect: readers, call: (s) => s.get("/api/training/person-times") },
  { name: "GET /api/exams", expect: readers, call: (s) => s.get("/api/exams") },
  { name: "GET /api/exam-results", expect: readers, call: (s) => s.get("/api/exam-results") },
  { name: "GET /api/exam-questions", expect: managers, call: (s) => s.get("/api/exam-questions") },
  { name: "GET /api/training/my-sessions", expect: attendees, call: (s) => s.get("/api/training/my-sessions") },
  { name: "GET /api/my/exams", expect: attendees, call: (s) => s.get("/api/my/exams") },
  { name: "GET /api/cadres", expect: cadreReaders, call: (s) => s.get("/api/cadres") },
  { name: "GET /api/cadres/moves", expect: cadreReaders, call: (s) => s.get("/api/cadres/moves") },
  { name: "GET /api/cadres/graduates", expect: cadreReaders, call: (s) => s.get("/api/cadres/graduates") },
  // The forms are the city's: training.manage at its root.
  { name: "POST /api/training/forms", expect: statuses("201 403 403 404 403 403 403 403 403 403 403 403 403"), call: (s) => s.post("/api/training/forms", { name: `形式${++counter}` }) },
];

const recordRoutes: RecordRoute[] = [
  { name: "POST /api/training/classrooms", expect: manageTownship(201), call: (s, r, side) => s.post("/api/training/classrooms", { nodeId: nodeId(townshipOf(r, side)), kind: "branch", name: `课堂${++counter}` }) },
  { name: "POST /api/training/teachers", expect: manageTownship(201), call: (s, r, side) => s.post("/api/training/teachers", { nodeId: nodeId(townshipOf(r, side)), name: "教师", level: "township", unit: "镇党委", topics: ["governance"] }) },
  { name: "POST /api/training/plans", expect: manageTownship(201), call: (s, r, side) => s.post("/api/training/plans", { nodeId: nodeId(townshipOf(r, side)), year: 2000 + ++counter, title: "计划" }) },
  { name: "POST /api/training/sessions", expect: manageTownship(201), call: (s, r, side) => s.post("/api/training/sessions", sessionBody(townshipOf(r, side))) },
  { name: "GET /api/training/sessions/:id", expect: readSession, call: async (s, r, side) => s.get(`/api/training/sessions/${(await newSession(townshipOf(r, side))).id}`) },
  { name: "GET /api/training/sessions/:id/check-in-code", expect: manageTownship(200), call: async (s, r, side) => s.get(`/api/training/sessions/${(await newSession(townshipOf(r, side))).id}/check-in-code`) },
  {
    name: "POST /api/training/sessions/:id/check-in",
    expect: attend(200),
    call: async (s, r, side) => {
      const township = townshipOf(r, side);
      const session = await newSession(township);
      const code = await made<{ code: string }>(officeFor(township).get(`/api/training/sessions/${session.id}/check-in-code`), 200);
      return s.post(`/api/training/sessions/${session.id}/check-in`, { code: code.code });
    },
  },
  { name: "GET /api/training/sessions/:id/attendance", expect: readTownship, call: async (s, r, side) => s.get(`/api/training/sessions/${(await newSession(townshipOf(r, side))).id}/attendance`) },
  {
    name: "POST /api/training/sessions/:id/roster",
    expect: manageTownship(200),
    call: async (s, r, side) => {
      const township = townshipOf(r, side);
      return s.post(`/api/training/sessions/${(await newSession(township)).id}/roster`, { personIds: [personOf.get(`candidate.${township}`)!] });
    },
  },
  { name: "POST /api/training/sessions/:id/leaves", expect: attend(201), call: async (s, r, side) => s.post(`/api/training/sessions/${(await newSession(townshipOf(r, side))).id}/leaves`, { reason: "值班" }) },
  {
    name: "POST /api/training/leaves/:id/decide",
    expect: manageTownship(200),
    call: async (s, r, side) => {
      const township = townshipOf(r, side);
      const session = await newSession(township);
      const leave = await made(candidates.get(township)!.post(`/api/training/sessions/${session.id}/leaves`, { reason: "值班" }));
      return s.post(`/api/training/leaves/${leave.id}/decide`, { approve: true, version: leave.version });
    },
  },
  { name: "POST /api/exam-questions", expect: manageTownship(201), call: (s, r, side) => s.post("/api/exam-questions", questionBody(townshipOf(r, side))) },
  {
    name: "PATCH /api/exam-questions/:id",
    expect: manageTownship(200),
    call: async (s, r, side) => {
      const township = townshipOf(r, side);
      const question = await made(officeFor(township).post("/api/exam-questions", questionBody(township)));
      const { nodeId: _node, ...body } = questionBody(township);
      return s.patch(`/api/exam-questions/${question.id}`, { ...body, version: question.version });
    },
  },
  {
    name: "DELETE /api/exam-questions/:id",
    expect: manageTownship(200),
    call: async (s, r, side) => {
      const township = townshipOf(r, side);
      const question = await made(officeFor(township).post("/api/exam-questions", questionBody(township)));
      return s.delete(`/api/exam-questions/${question.id}`, { version: question.version });
    },
  },
  { name: "POST /api/exam-questions/import/preview", expect: manageTownship(200), call: async (s, r, side) => s.post("/api/exam-questions/import/preview", { nodeId: nodeId(townshipOf(r, side)), fileName: "q.xlsx", contentBase64: await xlsx() }) },
  { name: "POST /api/exam-questions/import", expect: manageTownship(201), call: async (s, r, side) => s.post("/api/exam-questions/import", { nodeId: nodeId(townshipOf(r, side)), fileName: "q.xlsx", contentBase64: await xlsx() }) },
  {
    name: "POST /api/exams",
    expect: manageTownship(201),
    call: (s, r, side) => {
      const township = townshipOf(r, side);
      return s.post("/api/exams", examBody(township, [personOf.get(`candidate.${township}`)!]));
    },
  },
  { name: "GET /api/exams/:id", expect: readTownship, call: async (s, r, side) => s.get(`/api/exams/${(await newExam(townshipOf(r, side))).id}`) },
  {
    name: "POST /api/exams/:id/makeup",
    expect: manageTownship(201),
    call: async (s, r, side) => {
      const exam = await newExam(townshipOf(r, side));
      return s.post(`/api/exams/${exam.id}/makeup`, { opensAt: new Date(now()).toISOString(), closesAt: new Date(now() + 3_600_000).toISOString(), version: exam.version });
    },
  },
  { name: "GET /api/exams/:id/results", expect: readTownship, call: async (s, r, side) => s.get(`/api/exams/${(await newExam(townshipOf(r, side))).id}/results`) },
  { name: "GET /api/exams/:id/results/groups", expect: readTownship, call: async (s, r, side) => s.get(`/api/exams/${(await newExam(townshipOf(r, side))).id}/results/groups`) },
  { name: "GET /api/exams/:id/results/export", expect: readTownship, call: async (s, r, side) => s.get(`/api/exams/${(await newExam(townshipOf(r, side))).id}/results/export`) },
  {
    name: "POST /api/exams/:id/attempt",
    expect: ownPaper(200),
    // Inside: a T1 exam naming every T1 attendee and a city exam naming the leader; outside: an exam that names someone else.
    call: async (s, r, side) => {
      if (side === "outside") return s.post(`/api/exams/${(await newExam("T1")).id}/attempt`);
      const exam = r === "leader" ? await made(here.post("/api/exams", examBody("C", [personOf.get("leader")!]))) : await newExam("T1", t1People());
      return s.post(`/api/exams/${exam.id}/attempt`);
    },
  },
  { name: "GET /api/exam-attempts/:id", expect: ownPaper(200), call: async (s, r, side) => s.get(`/api/exam-attempts/${await ownOrFixturePaper(r, side)}`) },
  {
    name: "PUT /api/exam-attempts/:id/answers/:seq",
    expect: ownPaper(200),
    call: async (s, r, side) => s.request({ method: "PUT", url: `/api/exam-attempts/${await ownOrFixturePaper(r, side)}/answers/1`, payload: { answer: ["A"] } }),
  },
  { name: "POST /api/exam-attempts/:id/submit", expect: ownPaper(200), call: async (s, r, side) => s.post(`/api/exam-attempts/${await ownOrFixturePaper(r, side)}/submit`) },
  {
    name: "GET /api/exam-attempts/:id/result",
    expect: readPaper,
    call: async (s, r, side) => s.get(`/api/exam-attempts/${(await fixturePaper(townshipOf(r, side), true)).id}/result`),
  },
  {
    name: "POST /api/exam-attempts/:id/grade",
    expect: grade,
    call: async (s, r, side) => {
      const paper = await fixturePaper(townshipOf(r, side), true);
      return s.post(`/api/exam-attempts/${paper.id}/grade`, { version: paper.version, marks: [{ seq: 1, score: 8 }] });
    },
  },
  {
    name: "POST /api/cadres",
    expect: cadrePerson(201),
    call: async (s, r, side) => {
      const personId = await person(`${villageOf(r, side)}G1M1`, `人员${++counter}`);
      return s.post("/api/cadres", { personId, birthDate: "1996-01-01", education: "大专", currentPost: "村委委员", enteredOn: "2025-02-01", entryReason: "推荐" });
    },
  },
  { name: "GET /api/cadres/:id", expect: cadreRecord(200), call: async (s, r, side) => s.get(`/api/cadres/${(await reserveCadre(villageOf(r, side))).id}`) },
  {
    name: "PATCH /api/cadres/:id",
    expect: cadreRecord(200),
    call: async (s, r, side) => {
      const cadre = await reserveCadre(villageOf(r, side));
      return s.patch(`/api/cadres/${cadre.id}`, { version: cadre.version, developmentPlan: "到网格实践锻炼" });
    },
  },
  {
    name: "POST /api/cadres/:id/exit",
    expect: cadreRecord(200),
    call: async (s, r, side) => {
      const cadre = await reserveCadre(villageOf(r, side));
      return s.post(`/api/cadres/${cadre.id}/exit`, { version: cadre.version, exitedOn: "2026-05-01", exitReason: "考录为公务员" });
    },
  },
  {
    name: "POST /api/cadres/moves",
    expect: cadrePerson(201),
    call: async (s, r, side) => {
      const personId = await person(`${villageOf(r, side)}G1M1`, `人员${++counter}`);
      return s.post("/api/cadres/moves", { personId, kind: "rotation", fromPost: "组织委员", toPost: "宣传委员", movedOn: "2026-03-01" });
    },
  },
  { name: "POST /api/cadres/graduates", expect: graduatePlace(201), call: (s, r, side) => s.post("/api/cadres/graduates", { nodeId: nodeId(villageOf(r, side)), year: 2026, post: "社区工作者" }) },
  {
    name: "POST /api/cadres/graduates/:id/status",
    expect: graduatePlace(200),
    call: async (s, r, side) => {
      const code = villageOf(r, side);
      const place = await made(officeFor(code).post("/api/cadres/graduates", { nodeId: nodeId(code), year: 2026, post: "社区工作者" }));
      return s.post(`/api/cadres/graduates/${place.id}/status`, { version: place.version, status: "posted" });
    },
  },
];

describe.each(globalRoutes)("$name", (route) => {
  it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
    const response = await route.call(sessions.get(role)!);
    expect(response.statusCode, response.body).toBe(status);
  });
});

describe.each(recordRoutes)("$name", (route) => {
  it.each(matrixCases(route.expect))("$role: inside $inside, outside $outside", async ({ role, inside, outside }) => {
    const session = sessions.get(role)!;
    const inner = await route.call(session, role, "inside");
    expect(inner.statusCode, `inside: ${inner.body}`).toBe(inside);
    const outer = await route.call(session, role, "outside");
    expect(outer.statusCode, `outside: ${outer.body}`).toBe(outside);
  });
});

describe("lists hold nothing beyond the caller's reach", () => {
  it("gives a township organiser its own sessions, exams and bank, never the other township's", async () => {
    const cadre = sessions.get("township_cadre")!;
    const t2Session = await newSession("T2");
    const listed = (await cadre.get("/api/training/sessions?pageSize=200")).json().items.map((item: { id: number; nodeId: number }) => item);
    expect(listed.some((item: { id: number }) => item.id === t2Session.id)).toBe(false);
    expect(listed.every((item: { nodeId: number }) => item.nodeId === nodeId("T1"))).toBe(true);
    const bank = (await cadre.get("/api/exam-questions?pageSize=200")).json().items;
    expect(bank.every((item: { nodeId: number }) => item.nodeId === nodeId("T1"))).toBe(true);
  });
});
