import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, createTestContext, seedOtherCity, seedSmallCity, type SmallCity, type TestContext } from "../../test/harness";
import { CHINA_2026 } from "./holidays";

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
});
afterAll(async () => t.close());

describe("GET/PUT /api/calendar", () => {
  const days = CHINA_2026.map((day) => ({ ...day }));

  it("is read by anyone signed in and changed only with calendar.manage", async () => {
    const secretary = await t.login("village_secretary");
    const unconfigured = (await secretary.get("/api/calendar/2026")).json();
    expect(unconfigured).toMatchObject({ cityId: city.cityId, year: 2026, configured: false, version: 0, days: [], abilities: { manage: false } });
    expect(unconfigured.workingHours).toEqual([{ from: "08:30", to: "12:00" }, { from: "14:30", to: "18:00" }]);
    expect((await secretary.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days } })).statusCode).toBe(403);
    expect((await (await t.login("no_role")).get("/api/calendar/2026")).statusCode).toBe(200);

    const admin = await t.login("campaign_admin");
    const before = await auditCount(t.db);
    const put = await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ configured: true, version: 1, abilities: { manage: true } });
    expect(put.json().days).toHaveLength(days.length);
    expect(await auditCount(t.db)).toBe(before + 1);
    expect((await secretary.get("/api/calendar/2026")).json().days).toContainEqual({ date: "2026-01-04", kind: "workday", name: "元旦调休上班" });
  });

  it("refuses a stale version with 409 and bad days with 400 naming the day", async () => {
    const admin = await t.login("campaign_admin");
    expect((await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: [] } })).statusCode).toBe(409);
    const wrongYear = await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 1, days: [{ date: "2025-12-31", kind: "holiday", name: "x" }] } });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error.fields[0].field).toBe("days.0.date");
    const weekdayWorked = await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 1, days: [{ date: "2026-03-03", kind: "workday" }] } });
    expect(weekdayWorked.json().error.fields[0].field).toBe("days.0.kind");
    const twice = await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 1, days: [{ date: "2026-03-07", kind: "workday" }, { date: "2026-03-07", kind: "holiday" }] } });
    expect(twice.json().error.fields[0].field).toBe("days.1.date");
    const noDate = await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 1, days: [{ date: "2026-02-30", kind: "holiday" }] } });
    expect(noDate.statusCode).toBe(400);
    expect((await admin.get("/api/calendar/2026")).json().version).toBe(1);
  });

  it("keeps cities apart: another city's calendar is 404; system roles name the city", async () => {
    const admin = await t.login("campaign_admin");
    expect((await admin.get(`/api/calendar/2026?city=${other.cityId}`)).statusCode).toBe(404);
    const sysadmin = await t.login("sys_admin");
    expect((await sysadmin.get("/api/calendar/2026")).statusCode).toBe(400);
    expect((await sysadmin.get(`/api/calendar/2026?city=${other.cityId}`)).json()).toMatchObject({ cityId: other.cityId, configured: false });
    expect((await sysadmin.get("/api/calendar/2026?city=999999")).statusCode).toBe(404);
    expect((await admin.get("/api/calendar/1999")).statusCode).toBe(400);
  });
});
