import { expect } from "vitest";
import { CHINA_2026 } from "../platform/calendar/holidays";
import { departmentFunctions, departments } from "../db/schema";
import type { Session, SmallCity, TestContext } from "./harness";

/**
 * What reporting events in the small city needs, set up as its office would: the 2026 working calendar,
 * shapes for two micro-grids in different townships (T1V1G1M1 at lon 110–110.1, T2V1G1M1 at 111–111.1,
 * lat 35–35.1), a department with one function and one event type routed to it. Answers the type's id.
 */
export async function seedEventCatalogue(t: TestContext, city: SmallCity, admin: Session): Promise<number> {
  const cityNode = city.nodes.get("C")!.id;
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
  const [department] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: cityNode, code: "D30", name: "市城市管理局" }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: department!.id, code: "D30-F1", name: "路灯维护" }).returning();
  const square = (x: number) => [[[x, 35], [x + 0.1, 35], [x + 0.1, 35.1], [x, 35.1], [x, 35]]];
  const grid = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { code: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: square(110) } },
      { type: "Feature", properties: { code: "T2V1G1M1" }, geometry: { type: "Polygon", coordinates: square(111) } },
    ],
  };
  expect((await admin.post("/api/grids/import", grid)).statusCode).toBe(200);
  const type = await admin.post("/api/event-types", { code: "LAMP", name: "路灯损坏", category: "城市管理", functionIds: [fn!.id] });
  expect(type.statusCode).toBe(201);
  return type.json().id;
}
