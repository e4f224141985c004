import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemActions, problemStatuses, type ProblemAction, type ProblemStatus } from "../../../shared/schemas/problems";
import { ruleTo } from "../../test/problem-rules";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { users, roleAssignments } from "../../db/schema";
import { hashPassword } from "../../platform/auth/passwords";
import { auditCount, createTestContext, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The problem state machine, through the HTTP API: from every status, every action; the allowed ones
 * move the problem and leave one timeline row and one audit entry, the others are 409 invalid_transition
 * and change nothing.
 */
let t: TestContext;
let city: SmallCity;
let secretary: Session;
let cadre: Session;
let counter = 0;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
  const admin = await t.login("campaign_admin");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
});
afterAll(async () => t.close());

const village = () => city.nodes.get("T1V1")!;

interface P {
  id: number;
  version: number;
  status: string;
}

async function ok(response: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<P> {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  return response.json() as P;
}

async function register(): Promise<P> {
  counter++;
  return ok(
    await secretary.post("/api/problems", {
      nodeId: village().id,
      channel: "household_visit",
      source: "residents",
      category: "infrastructure",
      title: `第${counter}号问题：村道破损`,
      description: `编号${counter}，${"甲乙丙丁戊己庚辛".slice(counter % 8)}路段坑洼 ${counter * 7919}`,
    }),
    201,
  );
}

const bodies: Record<ProblemAction, (p: P) => Promise<Record<string, unknown>>> = {
  assign: async (p) => ({ version: p.version, responsibleNodeId: village().id, responsiblePerson: "李村长", measure: "修补路面", deadlineDays: 5 }),
  start: async (p) => ({ version: p.version }),
  progress: async (p) => ({ version: p.version, progress: 40, note: "已采购材料" }),
  submit: async (p) => ({ version: p.version, note: "已修复，附照片" }),
  approve: async (p) => ({ version: p.version }),
  return: async (p) => ({ version: p.version, reason: "仍有积水" }),
  dismiss: async (p) => ({ version: p.version, reason: "不属实" }),
  merge: async (p) => ({ version: p.version, intoId: (await register()).id }),
  delete: async (p) => ({ version: p.version, reason: "重复登记" }),
};

/** Checks belong to the township; everything else to the village that rectifies. */
const actorFor = (action: ProblemAction) => (action === "approve" || action === "return" ? cadre : secretary);

function send(p: P, action: ProblemAction, payload: Record<string, unknown>) {
  const session = actorFor(action);
  return action === "delete" ? session.delete(`/api/problems/${p.id}`, payload) : session.post(`/api/problems/${p.id}/${action}`, payload);
}

async function act(p: P, action: ProblemAction) {
  return send(p, action, await bodies[action](p));
}

/** The shortest way to each status. */
const paths: Record<ProblemStatus, ProblemAction[]> = {
  registered: [],
  assigned: ["assign"],
  rectifying: ["assign", "start"],
  submitted: ["assign", "start", "submit"],
  returned: ["assign", "start", "submit", "return"],
  closed: ["assign", "start", "submit", "approve"],
  dismissed: ["dismiss"],
  merged: ["merge"],
};

async function problemIn(status: ProblemStatus): Promise<P> {
  let p = await register();
  for (const action of paths[status]) p = await ok(await act(p, action));
  expect(p.status).toBe(status);
  return p;
}

async function eventCount(problemId: number): Promise<number> {
  const result = (await t.db.execute(sql`SELECT count(*)::int AS n FROM problem_events WHERE problem_id = ${problemId}`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

describe("the problem state machine", () => {
  const cases = problemStatuses.flatMap((from) => problemActions.map((action) => ({ from, action, to: ruleTo(from, action) })));

  it.each(cases)("$from --$action--> $to", async ({ from, action, to }) => {
    const p = await problemIn(from);
    // Built first: a merge's body registers the problem to merge into.
    const payload = await bodies[action](p);
    const events = await eventCount(p.id);
    const audits = await auditCount(t.db);
    const response = await send(p, action, payload);
    if (to === undefined) {
      expect([response.statusCode, response.json().error.code]).toEqual([409, "invalid_transition"]);
      const after = (await secretary.get(`/api/problems/${p.id}`)).json();
      expect([after.status, after.version]).toEqual([from, p.version]);
      expect(await eventCount(p.id)).toBe(events);
      return;
    }
    expect(response.statusCode).toBe(200);
    expect(await eventCount(p.id)).toBe(events + 1);
    // One audit entry per transition (a merge also notes itself on the surviving problem's timeline).
    expect(await auditCount(t.db)).toBe(audits + 1);
    if (action === "delete") {
      expect((await secretary.get(`/api/problems/${p.id}`)).statusCode).toBe(404);
      return;
    }
    const after = (await secretary.get(`/api/problems/${p.id}`)).json();
    expect(after.status).toBe(to);
    expect(after.version).toBe(p.version + 1);
    expect(after.timeline.at(-1)).toMatchObject({ action, fromStatus: from, toStatus: to });
  });
});

describe("rules around the transitions", () => {
  it("closes a problem only after a check by someone who did not rectify it", async () => {
    const admin = await t.login("campaign_admin");
    let p = await ok(await act(await register(), "assign"));
    p = await ok(await admin.post(`/api/problems/${p.id}/start`, { version: p.version }));
    p = await ok(await admin.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "完成" }));
    const self = await admin.post(`/api/problems/${p.id}/approve`, { version: p.version });
    expect([self.statusCode, self.json().error.code]).toEqual([403, "checker_is_rectifier"]);
    expect((await admin.post(`/api/problems/${p.id}/return`, { version: p.version, reason: "自查" })).statusCode).toBe(403);
    const checked = await ok(await cadre.post(`/api/problems/${p.id}/approve`, { version: p.version, note: "现场核查通过" }));
    expect(checked).toMatchObject({ status: "closed", closedOnTime: true, light: null });
  });

  it("refuses the check to everyone who started, reported progress on or submitted the rectification", async () => {
    const hash = await hashPassword(TEST_PASSWORD);
    const officers: Session[] = [];
    for (const name of ["starter", "reporter", "submitter", "checker"]) {
      const [user] = await t.db.insert(users).values({ username: `officer.${name}`, displayName: name, cityId: city.cityId, passwordHash: hash }).returning();
      await t.db.insert(roleAssignments).values({ userId: user!.id, role: "campaign_admin", nodeId: city.nodes.get("C")!.id, cityId: city.cityId });
      officers.push(await t.login(`officer.${name}`));
    }
    const [starter, reporter, submitter, checker] = officers as [Session, Session, Session, Session];
    let p = await ok(await act(await register(), "assign"));
    p = await ok(await starter.post(`/api/problems/${p.id}/start`, { version: p.version }));
    p = await ok(await reporter.post(`/api/problems/${p.id}/progress`, { version: p.version, progress: 50, note: "过半" }));
    p = await ok(await submitter.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "完成" }));
    for (const rectifier of [starter, reporter, submitter]) {
      const refused = await rectifier.post(`/api/problems/${p.id}/approve`, { version: p.version });
      expect([rectifier.username, refused.statusCode, refused.json().error.code]).toEqual([rectifier.username, 403, "checker_is_rectifier"]);
    }
    expect((await secretary.get(`/api/problems/${p.id}`)).json()).toMatchObject({ status: "submitted", version: p.version });
    expect(await ok(await checker.post(`/api/problems/${p.id}/approve`, { version: p.version }))).toMatchObject({ status: "closed" });
  });

  it("keeps the rework count, and the deadline, through a return", async () => {
    let p = await problemIn("submitted");
    const deadline = (p as unknown as { deadlineAt: string }).deadlineAt;
    p = await ok(await cadre.post(`/api/problems/${p.id}/return`, { version: p.version, reason: "返工" }));
    p = await ok(await secretary.post(`/api/problems/${p.id}/start`, { version: p.version }));
    p = await ok(await secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "再次提交" }));
    p = await ok(await cadre.post(`/api/problems/${p.id}/approve`, { version: p.version }));
    const detail = (await secretary.get(`/api/problems/${p.id}`)).json();
    expect(detail).toMatchObject({ status: "closed", reworkCount: 1, deadlineAt: deadline, progress: 100 });
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(["register", "assign", "start", "submit", "return", "start", "submit", "approve"]);
  });

  it("refuses a stale version with 409 version_conflict", async () => {
    const p = await register();
    const first = await act(p, "assign");
    expect(first.statusCode).toBe(200);
    const again = await secretary.post(`/api/problems/${p.id}/dismiss`, { version: p.version, reason: "迟到的操作" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("invalid_transition");
    const stale = await secretary.post(`/api/problems/${p.id}/start`, { version: p.version });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, "version_conflict"]);
  });

  it("gives each action only to the roles that hold it: 403 inside the scope, 404 outside", async () => {
    const worker = await t.login("grid_worker");
    // A grid worker reports in their grid but does not manage: 403 there, 404 on the village above.
    const inGrid = await ok(
      await worker.post("/api/problems", { nodeId: city.nodes.get("T1V1G1M1")!.id, channel: "household_visit", source: "self", category: "safety", title: "井盖缺失", description: "微网格内井盖缺失" }),
      201,
    );
    expect((await worker.post(`/api/problems/${inGrid.id}/assign`, await bodies.assign(inGrid))).statusCode).toBe(403);
    const p = await register();
    expect((await worker.post(`/api/problems/${p.id}/assign`, await bodies.assign(p))).statusCode).toBe(404);
    const leader = await t.login("leader");
    expect((await leader.post(`/api/problems/${p.id}/dismiss`, await bodies.dismiss(p))).statusCode).toBe(403);
    expect((await secretary.post(`/api/problems/${p.id}/approve`, { version: p.version })).statusCode).toBe(403);
    const assigned = await ok(await act(p, "assign"));
    const supervisor = await t.login("supervisor");
    expect((await supervisor.post(`/api/problems/${p.id}/start`, { version: assigned.version })).statusCode).toBe(403);
    const sysadmin = await t.login("sys_admin");
    expect((await sysadmin.post(`/api/problems/${p.id}/start`, { version: assigned.version })).statusCode).toBe(403);
    const noRole = await t.login("no_role");
    expect((await noRole.post(`/api/problems/${p.id}/start`, { version: assigned.version })).statusCode).toBe(404);
  });

  it("merges only into an open problem at the same node", async () => {
    const p = await register();
    const closed = await problemIn("closed");
    const elsewhere = await ok(
      await cadre.post("/api/problems", { nodeId: city.nodes.get("T1V2")!.id, channel: "symposium", source: "peers", category: "governance", title: "别处", description: "别处的问题" }),
      201,
    );
    for (const intoId of [p.id, closed.id, elsewhere.id, 99_999_999]) {
      const response = await secretary.post(`/api/problems/${p.id}/merge`, { version: p.version, intoId });
      expect([intoId, response.statusCode, response.json().error.fields?.[0]?.field]).toEqual([intoId, 400, "intoId"]);
    }
  });
});
