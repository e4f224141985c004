import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * A department handler (部门办理人) bound to one department: it sees and acts only on events dispatched
 * to that department and summonses addressed to it; the same events dispatched to another department
 * of the same city, in the same place, do not exist for it (404).
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let handler: Session;
let security: Session;
const dept = { own: 0, other: 0, foreign: 0 };
const type = { own: 0, other: 0 };
let handlerId = 0;
let counter = 0;

const bind = (session: Session, userId: number, departmentIds: number[]) =>
  session.request({ method: "PUT", url: `/api/department-handlers/${userId}/departments`, payload: { departmentIds } });

/** An event in T1V1's first micro-grid, registered and so dispatched to the one department its type is routed to. */
async function dispatchedTo(which: "own" | "other") {
  counter++;
  const created = await admin.post("/api/events", { typeId: type[which], description: `事件${counter}`, nodeId: city.nodes.get("T1V1G1M1")!.id });
  expect(created.statusCode).toBe(201);
  const registered = (await admin.post(`/api/events/${created.json().id}/register`, { version: 1 })).json();
  expect(registered.stage).toBe("dispatched");
  return registered as { id: number; version: number };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const other = await seedOtherCity(t.db);
  const root = city.nodes.get("C")!.id;
  const [own, second] = await t.db
    .insert(departments)
    .values([
      { cityId: city.cityId, nodeId: root, code: "D03", name: "市综合行政执法局" },
      { cityId: city.cityId, nodeId: root, code: "D01", name: "市公安局" },
    ])
    .returning();
  const [foreign] = await t.db.insert(departments).values({ cityId: other.cityId, nodeId: other.nodes.get("O")!.id, code: "OD1", name: "邻市城管局" }).returning();
  dept.own = own!.id;
  dept.other = second!.id;
  dept.foreign = foreign!.id;
  const [fnOwn, fnOther] = await t.db
    .insert(departmentFunctions)
    .values([
      { cityId: city.cityId, departmentId: dept.own, code: "D03-F2", name: "占道经营整治" },
      { cityId: city.cityId, departmentId: dept.other, code: "D01-F3", name: "道路交通秩序" },
    ])
    .returning();
  admin = await t.login("campaign_admin");
  security = await t.login("security_admin");
  type.own = (await admin.post("/api/event-types", { code: "ET01", name: "占道经营", category: "市容环境", functionIds: [fnOwn!.id] })).json().id;
  type.other = (await admin.post("/api/event-types", { code: "ET06", name: "乱停乱放", category: "交通秩序", functionIds: [fnOther!.id] })).json().id;
  handlerId = city.accounts.get("department_handler")!;
  expect((await bind(security, handlerId, [dept.own])).statusCode).toBe(200);
  handler = await t.login("department_handler");
});
afterAll(async () => t.close());

describe("binding a handler to departments", () => {
  it("is the security administrator's, for an account holding the handler role, with departments of its city, and is audited", async () => {
    expect((await security.get(`/api/department-handlers/${handlerId}/departments`)).json()).toEqual({ userId: handlerId, departments: [{ id: dept.own, code: "D03", name: "市综合行政执法局" }] });
    expect((await bind(admin, handlerId, [dept.own, dept.other])).statusCode).toBe(403);
    expect((await bind(await t.login("sys_admin"), handlerId, [dept.own, dept.other])).statusCode).toBe(403);
    expect((await bind(security, city.accounts.get("grid_worker")!, [dept.own])).statusCode).toBe(404);
    const foreign = await bind(security, handlerId, [dept.own, dept.foreign]);
    expect([foreign.statusCode, foreign.json().error.fields[0].field]).toEqual([400, "departmentIds.1"]);
    expect((await bind(security, handlerId, [dept.own, dept.own])).statusCode).toBe(400);
    expect((await security.get(`/api/department-handlers/${handlerId}/departments`)).json().departments).toHaveLength(1);
    const audit = (await t.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'handler.departments' AND entity_id = ${String(handlerId)}`)) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(1);
  });
});

describe("a handler bound to one department", () => {
  it("sees, accepts and feeds back on what is dispatched to its department, and nothing dispatched to another (404)", async () => {
    const mine = await dispatchedTo("own");
    const theirs = await dispatchedTo("other");
    expect((await handler.get(`/api/events/${mine.id}`)).statusCode).toBe(200);
    expect((await handler.get(`/api/events/${theirs.id}`)).statusCode).toBe(404);
    const listed = (await handler.get("/api/events?pageSize=100")).json().items.map((item: { id: number }) => item.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await handler.get(`/api/events?department=${dept.other}&pageSize=100`)).json().total).toBe(0);
    expect((await handler.get(`/api/events?org=${city.nodes.get("T1V1")!.id}&pageSize=100`)).json().items.map((item: { id: number }) => item.id)).toEqual([mine.id]);
    const points = (await handler.get("/api/events/map?stage=dispatched")).json();
    expect(points.items.map((point: { id: number }) => point.id)).not.toContain(theirs.id);

    expect((await handler.post(`/api/events/${theirs.id}/accept`, { version: theirs.version })).statusCode).toBe(404);
    expect((await handler.post(`/api/events/${theirs.id}/refuse`, { version: theirs.version, reason: "非本部门" })).statusCode).toBe(404);
    expect((await admin.get(`/api/events/${theirs.id}`)).json()).toMatchObject({ stage: "dispatched", version: theirs.version });

    const accepted = await handler.post(`/api/events/${mine.id}/accept`, { version: mine.version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().abilities).toMatchObject({ feedback: true, refuse: true, close: false });
    expect((await handler.post(`/api/events/${mine.id}/feedback`, { version: accepted.json().version, result: "已清理占道摊点" })).json().stage).toBe("checking");
  });

  it("still sees a case it refused, and loses a case re-routed to it once it is unbound", async () => {
    const mine = await dispatchedTo("own");
    const refused = await handler.post(`/api/events/${mine.id}/refuse`, { version: mine.version, reason: "属交通秩序" });
    expect(refused.json()).toMatchObject({ stage: "dispatching", departmentId: null });
    expect((await handler.get(`/api/events/${mine.id}`)).statusCode).toBe(200);
    const again = await dispatchedTo("own");
    expect((await bind(security, handlerId, [])).statusCode).toBe(200);
    expect((await handler.get(`/api/events/${again.id}`)).statusCode).toBe(404);
    expect((await handler.get("/api/events?pageSize=100")).json().total).toBe(0);
    expect((await bind(security, handlerId, [dept.own])).statusCode).toBe(200);
    expect((await handler.get(`/api/events/${again.id}`)).statusCode).toBe(200);
  });

  it("answers only the summonses addressed to its department", async () => {
    counter++;
    const summon = async (departmentIds: number[]) => {
      const created = (await admin.post("/api/events", { typeId: type.other, description: `吹哨${counter++}`, nodeId: city.nodes.get("T1V1G1M1")!.id })).json();
      const detail = (await admin.post(`/api/events/${created.id}/summons`, { version: 1, departmentIds, note: "请到场" })).json();
      return { id: created.id as number, summons: detail.summons as { id: number; departmentId: number; version: number }[] };
    };
    const both = await summon([dept.own, dept.other]);
    const onlyOther = await summon([dept.other]);
    const ownSummons = both.summons.find((row) => row.departmentId === dept.own)!;
    const otherSummons = both.summons.find((row) => row.departmentId === dept.other)!;
    const seen = (await handler.get(`/api/events/${both.id}`)).json();
    expect(seen.summons.map((row: { departmentId: number; abilities: { answer: boolean } }) => [row.departmentId, row.abilities.answer])).toEqual(
      expect.arrayContaining([[dept.own, true], [dept.other, false]]),
    );
    expect((await handler.get(`/api/events/${onlyOther.id}`)).statusCode).toBe(404);
    expect((await handler.post(`/api/event-summons/${onlyOther.summons[0]!.id}/answer`, { version: onlyOther.summons[0]!.version, note: "到场" })).statusCode).toBe(404);
    // Visible through its own department's summons, but another department's answer is not its to give.
    expect((await handler.post(`/api/event-summons/${otherSummons.id}/answer`, { version: otherSummons.version, note: "到场" })).statusCode).toBe(403);
    expect((await handler.post(`/api/event-summons/${ownSummons.id}/answer`, { version: ownSummons.version, note: "已派执法队员到场" })).statusCode).toBe(200);
  });
});
