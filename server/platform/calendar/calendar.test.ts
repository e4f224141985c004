import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, createTestContext, seedOtherCity, seedSmallCity, type SmallCity, type TestContext } from "../../test/harness";
import { WorkCalendar, localDay } from "./calendar";
import { CHINA_2026 } from "./holidays";

const cal2026 = new WorkCalendar(new Map(CHINA_2026.map((day) => [day.date, day.kind])));
const at = (text: string) => new Date(text);
const HOUR = 3600_000;

describe("the working calendar", () => {
  it("follows the week, except holidays and swapped working days (调休)", () => {
    expect(cal2026.isWorkingDay("2026-01-01")).toBe(false); // New Year, a Thursday
    expect(cal2026.isWorkingDay("2026-01-04")).toBe(true); // a Sunday worked in exchange
    expect(cal2026.isWorkingDay("2026-01-05")).toBe(true);
    expect(cal2026.isWorkingDay("2026-01-10")).toBe(false); // an ordinary Saturday
    expect(cal2026.isWorkingDay("2026-02-14")).toBe(true); // Saturday before the Spring Festival
    expect(cal2026.isWorkingDay("2026-02-23")).toBe(false);
    expect(cal2026.isWorkingDay("2026-10-10")).toBe(true);
    // Without a configured year only the week counts.
    expect(new WorkCalendar().isWorkingDay("2026-01-01")).toBe(true);
  });

  it("counts a limit in working days from the day after hand-over, to the close of office", () => {
    expect(cal2026.addWorkingDays(at("2025-12-31T10:00:00+08:00"), 1).toISOString()).toBe(at("2026-01-04T18:00:00+08:00").toISOString());
    // Friday before the Spring Festival: Saturday 14th is worked, then nine days off.
    expect(cal2026.addWorkingDays(at("2026-02-13T09:00:00+08:00"), 2).toISOString()).toBe(at("2026-02-24T18:00:00+08:00").toISOString());
    // Handed over on a holiday: counting starts with the next working day; Saturday the 10th is worked.
    expect(cal2026.addWorkingDays(at("2026-10-03T11:00:00+08:00"), 3).toISOString()).toBe(at("2026-10-10T18:00:00+08:00").toISOString());
    expect(() => cal2026.addWorkingDays(at("2026-01-05T09:00:00+08:00"), 0)).toThrow(RangeError);
  });

  it("adds working hours across lunch, nights, weekends and holidays", () => {
    expect(cal2026.addWorkingHours(at("2026-06-01T11:00:00+08:00"), 2).toISOString()).toBe(at("2026-06-01T15:30:00+08:00").toISOString());
    expect(cal2026.addWorkingHours(at("2026-02-13T17:00:00+08:00"), 3).toISOString()).toBe(at("2026-02-14T10:30:00+08:00").toISOString());
    expect(cal2026.addWorkingHours(at("2026-02-14T20:00:00+08:00"), 1).toISOString()).toBe(at("2026-02-24T09:30:00+08:00").toISOString());
    expect(cal2026.workingMsBetween(at("2026-06-01T00:00:00+08:00"), at("2026-06-02T00:00:00+08:00"))).toBe(7 * HOUR);
  });

  it("turns yellow at 80 % of the working time and red past the deadline, whatever the hour", () => {
    const start = at("2026-06-01T09:00:00+08:00");
    const deadline = cal2026.addWorkingDays(start, 5);
    expect(deadline.toISOString()).toBe(at("2026-06-08T18:00:00+08:00").toISOString());
    expect(cal2026.light(start, deadline, at("2026-06-02T09:00:00+08:00"))).toBe("green");
    // 6.5 + 28 + 0.5 of 41.5 working hours used.
    expect(cal2026.elapsedFraction(start, deadline, at("2026-06-08T09:00:00+08:00"))).toBeCloseTo(35 / 41.5, 5);
    expect(cal2026.light(start, deadline, at("2026-06-08T09:00:00+08:00"))).toBe("yellow");
    expect(cal2026.light(start, deadline, at("2026-06-08T18:00:00+08:00"))).toBe("yellow");
    expect(cal2026.light(start, deadline, at("2026-06-08T18:00:01+08:00"))).toBe("red");
    expect(cal2026.workingDaysAfter(deadline, at("2026-06-15T09:00:00+08:00"))).toBe(5);
    expect(localDay(at("2026-06-08T23:30:00+08:00"))).toBe("2026-06-08");
  });
});

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
