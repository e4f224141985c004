import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments, handlerDepartments, persons, users } from "../../db/schema";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { ok } from "../../test/http";
import { fixtureAccount } from "../../test/matrix";

/**
 * The province's rates against counts made by hand from the records of two cities, each made through
 * the API as its office and departments would:
 *   测试市  6 events, all closed and rated: E1–E5 satisfied, E6 not; E1 sent back once after its feedback.
 *           A training session: 4 cadres ticked on the roster, 2 more on approved leave.
 *   邻市    5 events: 4 closed and rated, O1 satisfied and O2–O4 not; O5 reported only.
 *           A training session: 5 cadres ticked on the roster, no leave.
 * Neither city reaches the events' sample of ten rated or handled cases; together they do.
 */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let province: Session;
const HOUR = 3600_000;

interface Office {
  cityId: number;
  root: number;
  /** The village whose cadres attend training, and its micro-grid, where the events are reported. */
  village: number;
  microGrid: string;
  lon: number;
  admin: Session;
  handler: Session;
  typeId: number;
}
const offices = {} as Record<"own" | "other", Office>;

/** What an office sets up before its events and training: calendar, a department with a handler, a micro-grid's shape, an event type. */
async function openOffice(cityId: number, root: number, village: number, microGrid: string, lon: number, admin: Session, handlerUsername: string): Promise<Office> {
  await ok(admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } }));
  const [department] = await t.db.insert(departments).values({ cityId, nodeId: root, code: "D30", name: "城市管理局" }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId, departmentId: department!.id, code: "D30-F1", name: "路灯维护" }).returning();
  const [handlerUser] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, handlerUsername));
  await t.db.insert(handlerDepartments).values({ cityId, userId: handlerUser!.id, departmentId: department!.id });
  const square = [[[lon, 35], [lon + 0.1, 35], [lon + 0.1, 35.1], [lon, 35.1], [lon, 35]]];
  await ok(admin.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: microGrid }, geometry: { type: "Polygon", coordinates: square } }] }));
  const type = await ok<{ id: number }>(admin.post("/api/event-types", { code: "LAMP", name: "路灯损坏", category: "城市管理", functionIds: [fn!.id] }), 201);
  return { cityId, root, village, microGrid, lon, admin, handler: await t.login(handlerUsername), typeId: type.id };
}

async function step(office: Office, session: Session, id: number, action: string, body: Record<string, unknown> = {}) {
  const current = await ok<{ version: number }>(office.admin.get(`/api/events/${id}`));
  await ok(session.post(`/api/events/${id}/${action}`, { version: current.version, ...body }));
}

/** An event reported in the office's micro-grid and, unless `reportedOnly`, worked through to a rating. */
async function event(office: Office, plan: { rating?: "satisfied" | "unsatisfied"; sentBack?: boolean }) {
  const { id } = await ok<{ id: number }>(office.admin.post("/api/events", { typeId: office.typeId, description: "路灯不亮", lon: office.lon + 0.05, lat: 35.05 }), 201);
  if (!plan.rating) return;
  // Registered, it goes at once to the one function its type is routed to.
  await step(office, office.admin, id, "register");
  await step(office, office.handler, id, "accept");
  await step(office, office.handler, id, "feedback", { result: "已修复" });
  if (plan.sentBack) {
    await step(office, office.admin, id, "send-back", { reason: "仍不亮" });
    await step(office, office.handler, id, "feedback", { result: "更换灯具" });
  }
  await step(office, office.admin, id, "close");
  await step(office, office.admin, id, "evaluate", { rating: plan.rating });
}

/** A session for the office's village cadres: `present` of them ticked on the roster, `onLeave` more excused on their own request. */
async function session(office: Office, prefix: string, present: number, onLeave: number) {
  const admin = office.admin;
  const formId = (await ok<{ id: number }>(admin.post("/api/training/forms", { name: "集中授课" }), 201)).id;
  const classroomId = (await ok<{ id: number }>(admin.post("/api/training/classrooms", { nodeId: office.root, kind: "main", name: "党校主课堂", address: "党校路1号" }), 201)).id;
  const planId = (await ok<{ id: number }>(admin.post("/api/training/plans", { nodeId: office.root, year: 2026, title: "2026年度培训计划" }), 201)).id;
  const startsAt = new Date(t.clock.now().getTime() + HOUR);
  const { id } = await ok<{ id: number }>(
    admin.post("/api/training/sessions", {
      planId,
      classroomId,
      formId,
      topic: "governance",
      title: "基层治理专题班",
      audienceLevels: ["village"],
      audienceNodeIds: [office.village],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      place: "党校报告厅",
    }),
    201,
  );
  const cadres: { person: number; username: string }[] = [];
  for (let i = 0; i < present + onLeave; i++) {
    const [person] = await t.db.insert(persons).values({ cityId: office.cityId, nodeId: office.village, name: `村干部${i}`, gender: "M" }).returning();
    const username = `${prefix}.cadre${i}`;
    const user = await fixtureAccount(t, { username, cityId: office.cityId, role: "grid_worker", nodeId: office.village });
    await t.db.update(users).set({ personId: person!.id }).where(eq(users.id, user));
    cadres.push({ person: person!.id, username });
  }
  await ok(admin.post(`/api/training/sessions/${id}/roster`, { personIds: cadres.slice(0, present).map((cadre) => cadre.person) }));
  for (const cadre of cadres.slice(present)) {
    const asked = await ok<{ id: number; version: number }>((await t.login(cadre.username)).post(`/api/training/sessions/${id}/leaves`, { reason: "村里防汛值班" }), 201);
    await ok(admin.post(`/api/training/leaves/${asked.id}/decide`, { approve: true, version: asked.version }));
  }
}

beforeAll(async () => {
  t = await createTestContext({ idleTimeoutSeconds: 7 * 24 * 3600, sessionMaxHours: 24 * 7 });
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  province = await t.login("province_reader");
  const otherRoot = other.nodes.get("O")!.id;
  await fixtureAccount(t, { username: "other.admin", cityId: other.cityId, role: "campaign_admin", nodeId: otherRoot });
  await fixtureAccount(t, { username: "other.handler", cityId: other.cityId, role: "department_handler", nodeId: otherRoot });
  offices.own = await openOffice(city.cityId, city.nodes.get("C")!.id, city.nodes.get("T1V1")!.id, "T1V1G1M1", 110, await t.login("campaign_admin"), "department_handler");
  offices.other = await openOffice(other.cityId, otherRoot, other.nodes.get("OT1V1")!.id, "OT1V1G1M1", 112, await t.login("other.admin"), "other.handler");
  for (let n = 1; n <= 6; n++) await event(offices.own, { rating: n <= 5 ? "satisfied" : "unsatisfied", sentBack: n === 1 });
  for (let n = 1; n <= 4; n++) await event(offices.other, { rating: n === 1 ? "satisfied" : "unsatisfied" });
  await event(offices.other, {});
  await session(offices.own, "own", 4, 2);
  await session(offices.other, "other", 5, 0);
});
afterAll(async () => t.close());

const figuresOf = async (url: string) => (await ok<{ figures: Record<string, number> }>(province.get(url))).figures;

describe("the province's rates, counted by hand", () => {
  it("are the cities' parts summed over their wholes, where neither city alone reaches the events' sample of ten", async () => {
    const [own, neighbour, summed] = [await figuresOf(`/api/figures?org=${offices.own.root}`), await figuresOf(`/api/figures?org=${offices.other.root}`), await figuresOf("/api/figures/province")];
    const events = (figures: Record<string, number>) => Object.fromEntries(Object.entries(figures).filter(([key]) => key.startsWith("events.rate.")));
    // 6 and 4 rated or handled cases: each city is below ten, and shows no event rate at all.
    expect([events(own), events(neighbour)]).toEqual([{}, {}]);
    expect([own["events.total"], neighbour["events.total"], summed["events.total"]]).toEqual([6, 5, 11]);
    expect(events(summed)).toEqual({
      "events.rate.onTimeDispatch": 100, // 6 + 4 dispatched within the limit, of 10 (O5 waits within its limit)
      "events.rate.accurateDispatch": 100, // none re-routed: 10 of 10
      "events.rate.handling": 100, // 10 handled of 10
      "events.rate.onTimeHandling": 100,
      "events.rate.closure": 100, // 10 closed of 10 due; O5 is not yet due
      "events.rate.onTimeClosure": 100,
      "events.rate.rework": 10, // E1 sent back: 1 of 10 handled
      "events.rate.satisfaction": 60, // E1–E5 and O1: 6 of 10 rated
    });
  });

  it("are not the mean of the cities' rates", async () => {
    const [own, neighbour, summed] = [await figuresOf(`/api/figures?org=${offices.own.root}`), await figuresOf(`/api/figures?org=${offices.other.root}`), await figuresOf("/api/figures/province")];
    // 测试市 4 present of 4 + 2 on leave, 邻市 5 of 5: 66.7 % and 100 %, whose mean is 83.3 %; the province 9 of 11.
    expect([own["training.attendanceRate"], neighbour["training.attendanceRate"], summed["training.attendanceRate"]]).toEqual([66.7, 100, 81.8]);
    expect([own["training.personTimes"], neighbour["training.personTimes"], summed["training.personTimes"]]).toEqual([4, 5, 9]);
  });

  it("follow a record worked through in one city at once", async () => {
    // O5 worked through and rated satisfied: 7 of 11 rated, 63.6 %; 11 of 11 handled with one sent back, 9.1 %.
    const open = (await ok<{ items: { id: number; stage: string }[] }>(offices.other.admin.get(`/api/events?org=${offices.other.root}&stage=reported`))).items;
    expect(open).toHaveLength(1);
    const id = open[0]!.id;
    await step(offices.other, offices.other.admin, id, "register");
    await step(offices.other, offices.other.handler, id, "accept");
    await step(offices.other, offices.other.handler, id, "feedback", { result: "已修复" });
    await step(offices.other, offices.other.admin, id, "close");
    await step(offices.other, offices.other.admin, id, "evaluate", { rating: "satisfied" });
    const after = await figuresOf("/api/figures/province");
    expect([after["events.rate.satisfaction"], after["events.rate.rework"], after["events.rate.closure"]]).toEqual([63.6, 9.1, 100]);
  });
});
