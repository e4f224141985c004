import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { freshDatabase, type TestDatabase } from "../../test/database";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * Deadlines follow a calendar change at once in the process that made it, and within a second in
 * another server process on the same database (here a second app over its own connection).
 */
let database: TestDatabase;
let here: TestContext;
let there: TestContext;
let city: SmallCity;
let typeId: number;
const session = {} as Record<"here" | "there", Session>;

const WITHOUT_DRAGON_BOAT = CHINA_2026.filter((day) => !day.date.startsWith("2026-06-19"));
const THURSDAY_EVENING = "2026-06-18T17:00:00+08:00";
/** Two working hours from Thursday 17:00 with the Dragon Boat holiday (19 June) and without it. */
const DUE_WITH_HOLIDAY = new Date("2026-06-22T09:30:00+08:00").toISOString();
const DUE_WITHOUT_HOLIDAY = new Date("2026-06-19T09:30:00+08:00").toISOString();

async function dueOfNewEvent(who: Session): Promise<string> {
  const created = await who.post("/api/events", { typeId, description: "路灯损坏", lon: 110.05, lat: 35.05 });
  expect(created.statusCode).toBe(201);
  return ((await who.get(`/api/events/${created.json().id}`)).json() as { timer: { dueAt: string } }).timer.dueAt;
}

beforeAll(async () => {
  database = await freshDatabase();
  here = await createTestContext({}, database);
  there = await createTestContext({}, await database.another());
  city = await seedSmallCity(here.db);
  for (const t of [here, there]) t.clock.set(THURSDAY_EVENING);
  session.here = await here.login("campaign_admin");
  session.there = await there.login("campaign_admin");
  const saved = await session.here.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
  expect(saved.statusCode).toBe(200);
  const [department] = await here.db.insert(departments).values({ cityId: city.cityId, nodeId: city.nodes.get("C")!.id, code: "D10", name: "市住建局" }).returning();
  const [fn] = await here.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: department!.id, code: "D10-F1", name: "路灯养护" }).returning();
  const grid = {
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: { code: "T1V1G1M1", name: "微网格" }, geometry: { type: "Polygon", coordinates: [[[110, 35], [110.1, 35], [110.1, 35.1], [110, 35.1], [110, 35]]] } }],
  };
  expect((await session.here.post("/api/grids/import", grid)).statusCode).toBe(200);
  const type = await session.here.post("/api/event-types", { code: "LAMP", name: "路灯损坏", category: "城市管理", functionIds: [fn!.id] });
  expect(type.statusCode).toBe(201);
  typeId = type.json().id;
});

afterAll(async () => {
  await there?.close();
  await here?.close();
});

describe("a calendar change", () => {
  it("moves the next deadline at once in this process and within a second in another", async () => {
    expect(await dueOfNewEvent(session.here)).toBe(DUE_WITH_HOLIDAY);
    expect(await dueOfNewEvent(session.there)).toBe(DUE_WITH_HOLIDAY);
    const year = (await session.here.get("/api/calendar/2026")).json();
    const changed = await session.here.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: year.version, days: WITHOUT_DRAGON_BOAT } });
    expect(changed.statusCode).toBe(200);
    expect(await dueOfNewEvent(session.here)).toBe(DUE_WITHOUT_HOLIDAY);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await dueOfNewEvent(session.there)).toBe(DUE_WITHOUT_HOLIDAY);
  });
});
