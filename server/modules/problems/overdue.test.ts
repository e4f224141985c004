import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { sweepOverdue } from "./service";

/**
 * Overdue flags and escalation with a controllable clock, on the 2026 calendar: a limit that runs
 * across the Qingming holiday, and one that ends on a Saturday worked in exchange (调休).
 */
let t: TestContext;
let city: SmallCity;
let secretary: Session;
let supervisor: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  secretary = await t.login("village_secretary");
  supervisor = await t.login("supervisor");
  const admin = await t.login("campaign_admin");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
});
afterAll(async () => t.close());

const node = (code: string) => city.nodes.get(code)!.id;

async function assigned(session: Session, days: number, title = "道路积水") {
  const created = (await session.post("/api/problems", { nodeId: node("T1V1"), channel: "hotline", source: "residents", category: "infrastructure", title, description: `${title}，多次反映` })).json();
  const response = await session.post(`/api/problems/${created.id}/assign`, { version: created.version, responsibleNodeId: node("T1V1"), responsiblePerson: "王主任", measure: "疏通排水", deadlineDays: days });
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json();
}

async function lightAt(id: number, at: string) {
  t.clock.set(at);
  await sweepOverdue(t.db, t.clock);
  return (await secretary.get(`/api/problems/${id}`)).json();
}

describe("overdue flags and escalation", () => {
  it("runs a limit across the Qingming holiday: green, yellow at 80 %, red past the deadline, then escalated up the tree", async () => {
    t.clock.set("2026-04-03T09:00:00+08:00"); // Friday; Saturday 4th to Monday 6th are off
    const p = await assigned(secretary, 2);
    expect(p.deadlineAt).toBe(new Date("2026-04-08T18:00:00+08:00").toISOString());
    expect(p.light).toBe("green");

    expect((await lightAt(p.id, "2026-04-06T12:00:00+08:00")).light).toBe("green"); // a holiday: no working time used
    expect((await lightAt(p.id, "2026-04-08T11:00:00+08:00")).light).toBe("green"); // 16 of 20.5 hours
    expect((await lightAt(p.id, "2026-04-08T12:00:00+08:00")).light).toBe("yellow"); // 17 of 20.5 hours
    const late = await lightAt(p.id, "2026-04-08T18:30:00+08:00");
    expect(late).toMatchObject({ light: "red", escalationLevel: 1 });
    expect(late.escalations).toEqual([{ level: 1, toNodeId: node("T1"), toNodeName: "第1镇", overdueWorkingDays: 0, at: new Date("2026-04-08T18:30:00+08:00").toISOString() }]);
    expect(late.timeline.map((e: { action: string }) => e.action)).toEqual(["register", "assign", "light", "light", "escalate"]);

    // Five working days later still red: one level further, to the city.
    expect((await lightAt(p.id, "2026-04-14T18:00:00+08:00")).escalationLevel).toBe(1);
    const later = await lightAt(p.id, "2026-04-15T09:00:00+08:00");
    expect(later.escalations.map((e: { level: number; toNodeId: number }) => [e.level, e.toNodeId])).toEqual([
      [1, node("T1")],
      [2, node("C")],
    ]);
    // A sweep with nothing new to do changes nothing.
    const again = await sweepOverdue(t.db, t.clock);
    expect(again).toMatchObject({ changed: 0, escalated: 0 });
    expect((await secretary.get(`/api/problems/${p.id}`)).json().timeline).toHaveLength(later.timeline.length);
  });

  it("ends a limit on a Saturday worked in exchange (调休) after Labour Day", async () => {
    t.clock.set("2026-05-07T10:00:00+08:00"); // Thursday; Saturday 9th is a working day
    const p = await assigned(secretary, 2, "路灯不亮");
    expect(p.deadlineAt).toBe(new Date("2026-05-09T18:00:00+08:00").toISOString());
    expect((await lightAt(p.id, "2026-05-09T17:00:00+08:00")).light).toBe("yellow");
    expect((await lightAt(p.id, "2026-05-10T09:00:00+08:00")).light).toBe("red");
  });

  it("lists late and escalated work for supervisors (督办), and counts it in the figures", async () => {
    const list = await supervisor.get("/api/problems/supervision");
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { title: string; light: string }) => [p.title, p.light])).toEqual([
      ["道路积水", "red"],
      ["路灯不亮", "red"],
    ]);
    expect((await secretary.get("/api/problems/supervision")).statusCode).toBe(403);
    const first = list.json().items[0];
    expect((await supervisor.post(`/api/problems/${first.id}/supervise`, { note: "请三日内办结" })).json().timeline.at(-1)).toMatchObject({ action: "supervise", note: "请三日内办结" });
    const figures = (await supervisor.get(`/api/figures?org=${node("T1")}`)).json().figures;
    expect(figures["problems.overdue"]).toBe(2);
    expect((await supervisor.get(`/api/problems?org=${node("T1")}&light=red`)).json().total).toBe(2);
    expect((await supervisor.get(`/api/problems?org=${node("T1")}&escalated=true`)).json().total).toBe(2);

    // Handed in late: still red while it waits for its check, and closed late.
    let p = first;
    p = (await secretary.post(`/api/problems/${p.id}/start`, { version: p.version })).json();
    p = (await secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "已疏通" })).json();
    await sweepOverdue(t.db, t.clock);
    expect((await supervisor.get("/api/problems/supervision")).json().items.map((x: { id: number }) => x.id)).toContain(p.id);
    const cadre = await t.login("township_cadre");
    const closed = (await cadre.post(`/api/problems/${p.id}/approve`, { version: (await secretary.get(`/api/problems/${p.id}`)).json().version })).json();
    expect(closed).toMatchObject({ status: "closed", closedOnTime: false, light: null });
  });
});

describe("several sweepers at once", () => {
  let u: TestContext;
  beforeAll(async () => {
    u = await createTestContext();
    await seedSmallCity(u.db);
    const session = await u.login("village_secretary");
    u.clock.set("2026-06-01T09:00:00+08:00");
    for (let i = 0; i < 12; i++) {
      const village = (await session.get("/api/orgs/roots")).json().items[0].id;
      const created = (await session.post("/api/problems", { nodeId: village, channel: "online", source: "residents", category: "environment", title: `并发${i}`, description: `并发清扫测试${i}` })).json();
      await session.post(`/api/problems/${created.id}/assign`, { version: created.version, responsibleNodeId: village, responsiblePerson: "甲", measure: "乙", deadlineDays: 1 });
    }
  });
  afterAll(async () => u.close());

  it("escalates each late problem exactly once when two sweeps run together", async () => {
    u.clock.set("2026-06-03T09:00:00+08:00");
    const results = await Promise.all([sweepOverdue(u.db, u.clock), sweepOverdue(u.db, u.clock), sweepOverdue(u.db, u.clock)]);
    expect(results.reduce((sum, r) => sum + r.escalated, 0)).toBe(12);
    expect(results.reduce((sum, r) => sum + r.changed, 0)).toBe(12);
    expect(results.filter((r) => r.changed === 0)).toHaveLength(2);
    const rows = (await u.db.execute(
      sql`SELECT count(*)::int AS escalations, count(DISTINCT problem_id)::int AS problems, (SELECT count(*)::int FROM problem_events WHERE action = 'escalate') AS events FROM problem_escalations`,
    )) as unknown as { rows: { escalations: number; problems: number; events: number }[] };
    expect(rows.rows[0]).toEqual({ escalations: 12, problems: 12, events: 12 });
  });
});
