import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments, units } from "../../db/schema";
import { jobContext } from "../../platform/context";
import { write } from "../../platform/write";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { sweepOverdueEvents } from "../events/service";
import { sweepOverdue } from "../problems/service";
import { writeDailyDigests } from "./preferences";
import { deliverDueWebhooks } from "./service";
import { eventNotificationKinds, problemNotificationKinds, reviewNotificationKinds } from "../../../shared/schemas/notices";
import { notifyWork } from "./work";

/**
 * Notifications of operational work, as each recipient sees them in the bell: one per change, to the
 * people whose work it is, never to the one who made it, never for a change that rolled back; the
 * kinds a person turned off stay away; the kinds the city chose reach its group robot, whose failures
 * are retried with backoff where the administrator sees them.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;
let handler: Session;
let secretary: Session;
let robot: { server: Server; port: number; status: number; posts: number };
const dept = { own: 0, other: 0 };
let fnOwn = 0;
let typeId = 0;
let counter = 0;

interface Note {
  id: number;
  kind: string;
  link: string | null;
  read: boolean;
}

async function bell(session: Session): Promise<Note[]> {
  return (await session.get("/api/notifications?pageSize=100")).json().items;
}

/** The notifications of one kind about one record. */
async function about(session: Session, kind: string, link: string): Promise<Note[]> {
  return (await bell(session)).filter((note) => note.kind === kind && note.link === link);
}

async function newEvent(): Promise<{ id: number; version: number }> {
  counter++;
  const created = await admin.post("/api/events", { typeId, description: `占道经营${counter}`, nodeId: city.nodes.get("T1V1G1M1")!.id });
  expect(created.statusCode).toBe(201);
  return { id: created.json().id as number, version: 1 };
}

/** Moving the clock ends the sessions (idle limit): everyone signs in again. */
async function later(ms: number | string) {
  if (typeof ms === "number") t.clock.advance(ms);
  else t.clock.set(ms);
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
  secretary = await t.login("village_secretary");
  handler = await t.login("department_handler");
}

async function ok(response: { statusCode: number; json(): unknown; body: string }, status = 200) {
  expect([response.statusCode, response.body]).toEqual([status, expect.any(String)]);
  return response.json() as { id: number; version: number; stage: string; status: string };
}

async function newProblem(deadlineDays = 5) {
  counter++;
  const created = await ok(
    await admin.post("/api/problems", {
      nodeId: city.nodes.get("T1V1")!.id,
      channel: "household_visit",
      source: "residents",
      category: "infrastructure",
      title: `第${counter}号问题：村道破损`,
      description: `村道坑洼 ${counter}`,
    }),
    201,
  );
  return ok(await cadre.post(`/api/problems/${created.id}/assign`, { version: created.version, responsibleNodeId: city.nodes.get("T1V1")!.id, responsiblePerson: "李村长", measure: "修补路面", deadlineDays }));
}

beforeAll(async () => {
  t = await createTestContext({ webhookHosts: ["127.0.0.1"], webhookAllowPrivate: true });
  city = await seedSmallCity(t.db);
  const root = city.nodes.get("C")!.id;
  const [own, other] = await t.db
    .insert(departments)
    .values([
      { cityId: city.cityId, nodeId: root, code: "D03", name: "市综合行政执法局" },
      { cityId: city.cityId, nodeId: root, code: "D01", name: "市公安局" },
    ])
    .returning();
  dept.own = own!.id;
  dept.other = other!.id;
  const [fn] = await t.db.insert(departmentFunctions).values([{ cityId: city.cityId, departmentId: dept.own, code: "D03-F2", name: "占道经营整治" }]).returning();
  fnOwn = fn!.id;
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
  secretary = await t.login("village_secretary");
  typeId = (await admin.post("/api/event-types", { code: "ET01", name: "占道经营", category: "市容环境", functionIds: [fnOwn] })).json().id;
  const security = await t.login("security_admin");
  const bound = await security.request({ method: "PUT", url: `/api/department-handlers/${city.accounts.get("department_handler")}/departments`, payload: { departmentIds: [dept.own] } });
  expect(bound.statusCode).toBe(200);
  handler = await t.login("department_handler");

  const state = { status: 500, posts: 0 };
  const server = createServer((request, response) => {
    state.posts++;
    request.resume();
    request.on("end", () => response.writeHead(state.status, { "content-type": "application/json" }).end('{"errcode":0}'));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  robot = Object.defineProperties({ server, port: (server.address() as AddressInfo).port } as typeof robot, {
    status: { get: () => state.status, set: (value: number) => (state.status = value) },
    posts: { get: () => state.posts },
  });
});
afterAll(async () => {
  robot.server.closeAllConnections();
  await new Promise<void>((resolve) => robot.server.close(() => resolve()));
  await t.close();
});

describe("grid events", () => {
  it("dispatched, refused, dispatched again, sent back: each tells the other side once, with a link that opens the case", async () => {
    const event = await newEvent();
    const link = `/events/${event.id}`;
    // The cadre registers it; one function covers the type, so it is dispatched to the handler's department at once.
    let row = await ok(await cadre.post(`/api/events/${event.id}/register`, { version: event.version }));
    expect(row.stage).toBe("dispatched");
    expect(await about(handler, "event_dispatched", link)).toHaveLength(1);
    expect(await about(cadre, "event_dispatched", link)).toHaveLength(0);

    row = await ok(await handler.post(`/api/events/${event.id}/refuse`, { version: row.version, reason: "不属本部门" }));
    expect(await about(cadre, "event_refused", link)).toHaveLength(1);
    expect(await about(handler, "event_refused", link)).toHaveLength(0);

    row = await ok(await cadre.post(`/api/events/${event.id}/dispatch`, { version: row.version, functionId: fnOwn }));
    expect(await about(handler, "event_dispatched", link)).toHaveLength(2);

    row = await ok(await handler.post(`/api/events/${event.id}/accept`, { version: row.version }));
    row = await ok(await handler.post(`/api/events/${event.id}/feedback`, { version: row.version, result: "已清理" }));
    // A stale version is refused and tells no one.
    expect((await cadre.post(`/api/events/${event.id}/send-back`, { version: row.version - 1, reason: "仍有摊位" })).statusCode).toBe(409);
    expect(await about(handler, "event_returned", link)).toHaveLength(0);
    await ok(await cadre.post(`/api/events/${event.id}/send-back`, { version: row.version, reason: "仍有摊位" }));
    expect(await about(handler, "event_returned", link)).toHaveLength(1);
  });

  it("a summons reaches the summoned department's handlers only", async () => {
    const event = await newEvent();
    const row = await ok(await cadre.post(`/api/events/${event.id}/register`, { version: event.version }));
    await ok(await cadre.post(`/api/events/${event.id}/summons`, { version: row.version, departmentIds: [dept.own], note: "需执法到场" }));
    expect(await about(handler, "event_summoned", `/events/${event.id}`)).toHaveLength(1);
  });

  it("a case past its limit is raised to the township: the township and the department hear once, however often the sweep runs", async () => {
    const event = await newEvent();
    await ok(await cadre.post(`/api/events/${event.id}/register`, { version: event.version }));
    await later(10 * 86_400_000);
    await sweepOverdueEvents(t.jobEnv());
    await sweepOverdueEvents(t.jobEnv());
    const link = `/events/${event.id}`;
    expect(await about(cadre, "event_overdue", link)).toHaveLength(1);
    expect(await about(handler, "event_overdue", link)).toHaveLength(1);
  });
});

describe("problems", () => {
  it("assigned, returned, closed: the village that rectifies and the one who registered it hear, the actor does not", async () => {
    let p = await newProblem();
    const link = `/problems/${p.id}`;
    expect(await about(secretary, "problem_assigned", link)).toHaveLength(1);
    expect(await about(cadre, "problem_assigned", link)).toHaveLength(0);
    p = await ok(await secretary.post(`/api/problems/${p.id}/start`, { version: p.version }));
    p = await ok(await secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "已修复" }));
    p = await ok(await cadre.post(`/api/problems/${p.id}/return`, { version: p.version, reason: "仍有积水" }));
    expect(await about(secretary, "problem_returned", link)).toHaveLength(1);
    p = await ok(await secretary.post(`/api/problems/${p.id}/start`, { version: p.version }));
    p = await ok(await secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "已排水" }));
    await ok(await cadre.post(`/api/problems/${p.id}/approve`, { version: p.version }));
    expect(await about(secretary, "problem_closed", link)).toHaveLength(1);
    expect(await about(admin, "problem_closed", link)).toHaveLength(1);
    expect(await about(cadre, "problem_closed", link)).toHaveLength(0);
  });

  it("a problem past its deadline is escalated to the township once, and the rectifiers hear of it", async () => {
    const p = await newProblem(1);
    await later(5 * 86_400_000);
    await sweepOverdue(t.db, t.clock);
    await sweepOverdue(t.db, t.clock);
    const link = `/problems/${p.id}`;
    expect(await about(cadre, "problem_overdue", link)).toHaveLength(1);
    expect(await about(secretary, "problem_overdue", link)).toHaveLength(1);
  });
});

describe("the campaign office's review", () => {
  it("tells the claimant once when a claim is approved, and the reporter once when a report is accepted", async () => {
    const [unit] = await t.db.insert(units).values({ cityId: city.cityId, nodeId: city.nodes.get("C")!.id, code: "ua", name: "甲单位", kind: "organ" }).returning();
    const unitStaff = await t.login("unit_staff");
    expect((await admin.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId: unit!.id })).statusCode).toBe(201);
    const campaign = (await admin.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json();
    const topic = (await admin.post("/api/campaign/topics", { campaignId: campaign.id, audience: "unit", kind: "required", title: "网格员队伍建设", description: "说明", expectedResults: "成效", claimDeadline: "2026-12-30" })).json();
    await admin.post(`/api/campaign/topics/${topic.id}/publish`, { version: topic.version });
    const plan = [{ name: "网格员培训", deadline: "2026-11-30", milestones: [] }];
    const claim = (await unitStaff.post("/api/campaign/claims", { topicId: topic.id, unitId: unit!.id, summary: "本单位领题", projects: plan })).json();
    const approved = (await admin.post(`/api/campaign/claims/${claim.id}/approve`, { version: claim.version })).json();
    expect(await about(unitStaff, "claim_approved", `/campaign/claims/${claim.id}`)).toHaveLength(1);
    const projectId = approved.createdProjectIds[0];
    const report = await unitStaff.post("/api/campaign/reports", { projectId, progress: 40, text: "培训方案已定" });
    expect(report.statusCode).toBe(201);
    expect((await admin.post(`/api/campaign/reports/${report.json().id}/accept`, { version: report.json().version })).statusCode).toBe(200);
    expect(await about(unitStaff, "report_accepted", `/campaign/projects/${projectId}`)).toHaveLength(1);
    expect(await about(admin, "report_accepted", `/campaign/projects/${projectId}`)).toHaveLength(0);
  });
});

describe("the bell", () => {
  it("marks one read, which lowers the unread count by one", async () => {
    const before = (await handler.get("/api/notifications/unread-count")).json().unread;
    const first = (await bell(handler)).find((note) => !note.read)!;
    expect((await handler.post(`/api/notifications/${first.id}/read`)).json()).toMatchObject({ id: first.id, read: true });
    expect((await handler.get("/api/notifications/unread-count")).json().unread).toBe(before - 1);
    expect(before).toBe((await bell(handler)).filter((note) => !note.read).length + 1);
  });

  it("nothing is seen of a change that rolled back", async () => {
    const before = (await bell(secretary)).length;
    const failing = write(jobContext(t.jobEnv()), async (tx) => {
      await notifyWork(tx, { cityId: city.cityId, userIds: [city.accounts.get("village_secretary")!], kind: "problem_assigned", title: "回滚", body: "x", dedupeKey: "rolled-back", at: t.clock.now() });
      throw new Error("the change failed after its notice was written");
    });
    await expect(failing).rejects.toThrow("the change failed");
    expect(await bell(secretary)).toHaveLength(before);
  });

  it("each person chooses kinds: a kind turned off stays out of the bell, others still come", async () => {
    expect((await secretary.request({ method: "PUT", url: "/api/notifications/preferences", payload: { muted: ["problem_assigned", "nonsense"] } })).statusCode).toBe(400);
    const saved = await secretary.request({ method: "PUT", url: "/api/notifications/preferences", payload: { muted: ["problem_assigned"] } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().kinds).toContainEqual({ kind: "problem_assigned", enabled: false });
    expect((await secretary.get("/api/notifications/preferences")).json().kinds).toContainEqual({ kind: "problem_returned", enabled: true });
    const p = await newProblem();
    expect(await about(secretary, "problem_assigned", `/problems/${p.id}`)).toHaveLength(0);
    await secretary.request({ method: "PUT", url: "/api/notifications/preferences", payload: { muted: [] } });
  });

  it("writes one morning digest per person with unread notices, counting them, and none before eight", async () => {
    await later("2026-07-01T07:30:00+08:00");
    const event = await newEvent();
    await ok(await cadre.post(`/api/events/${event.id}/register`, { version: event.version }));
    expect(await writeDailyDigests(t.jobEnv())).toBe(0);
    await later("2026-07-01T08:30:00+08:00");
    const unread = (await bell(handler)).filter((note) => !note.read && note.kind !== "daily_digest");
    const recent = unread.length;
    expect(await writeDailyDigests(t.jobEnv())).toBeGreaterThan(0);
    await writeDailyDigests(t.jobEnv());
    const digests = (await bell(handler)).filter((note) => note.kind === "daily_digest");
    expect(digests).toHaveLength(1);
    const body = (await handler.get("/api/notifications?pageSize=100")).json().items.find((note: { kind: string }) => note.kind === "daily_digest");
    expect(recent).toBeGreaterThan(0);
    expect(body.title).toMatch(/^每日摘要：\d+ 条未读$/);
  });
});

describe("the city's group robot, by kind", () => {
  it("posts only the chosen kinds, retries a failure with backoff where the administrator sees it, then delivers", async () => {
    const { version } = (await admin.get("/api/notifications/settings")).json();
    const saved = await admin.patch("/api/notifications/settings", { version, webhookUrl: `http://127.0.0.1:${robot.port}/robot/send?access_token=x`, webhookFormat: "dingtalk_text", webhookKinds: ["event_dispatched"] });
    expect(saved.json()).toMatchObject({ webhookKinds: ["event_dispatched"] });
    const outbox = async () => (await admin.get("/api/notifications/outbox")).json().items as { status: string; attempts: number; lastError: string | null; nextAttemptAt: string }[];
    const queued = (await outbox()).length;

    await newProblem(); // problem_assigned is not chosen: nothing for the robot
    expect(await outbox()).toHaveLength(queued);
    const event = await newEvent();
    await ok(await cadre.post(`/api/events/${event.id}/register`, { version: event.version }));
    expect(await outbox()).toHaveLength(queued + 1);

    const policy = { hosts: ["127.0.0.1"], allowPrivate: true };
    robot.status = 500;
    expect(await deliverDueWebhooks(t.db, t.clock, policy, { backoffMs: 60_000 })).toMatchObject({ retrying: 1 });
    expect((await outbox())[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "http_500" });
    // Not due again until the backoff has passed.
    expect(await deliverDueWebhooks(t.db, t.clock, policy, { backoffMs: 60_000 })).toMatchObject({ retrying: 0, delivered: 0 });
    robot.status = 200;
    t.clock.advance(61_000);
    expect(await deliverDueWebhooks(t.db, t.clock, policy, { backoffMs: 60_000 })).toMatchObject({ delivered: 1 });
    expect((await outbox())[0]).toMatchObject({ status: "delivered", attempts: 2, lastError: null });
    expect(robot.posts).toBe(2);
  });

  // That each kind is heard once after its change commits is shown above, kind by kind, through the routes that make the change.
  it("hears of no kind, in the bell or through the robot, from a change that rolled back", async () => {
    const kinds = [...eventNotificationKinds, ...problemNotificationKinds, ...reviewNotificationKinds];
    const { version } = (await admin.get("/api/notifications/settings")).json();
    await ok(await admin.patch("/api/notifications/settings", { version, webhookUrl: `http://127.0.0.1:${robot.port}/robot/send?access_token=x`, webhookFormat: "dingtalk_text", webhookKinds: kinds }));
    const outbox = async () => (await admin.get("/api/notifications/outbox")).json().items.length as number;
    const secretaryId = city.accounts.get("village_secretary")!;
    const [bellBefore, outboxBefore] = [(await bell(secretary)).length, await outbox()];
    for (const kind of kinds) {
      const failing = write(jobContext(t.jobEnv()), async (tx) => {
        await notifyWork(tx, { cityId: city.cityId, userIds: [secretaryId], kind, title: `回滚 ${kind}`, body: "x", dedupeKey: `rolled-back:${kind}`, at: t.clock.now() });
        throw new Error(`the change failed after its ${kind} notice was written`);
      });
      await expect(failing).rejects.toThrow("the change failed");
    }
    expect([(await bell(secretary)).length, await outbox()]).toEqual([bellBefore, outboxBefore]);
  });
});
