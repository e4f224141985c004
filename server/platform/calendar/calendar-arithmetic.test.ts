import { describe, expect, it } from "vitest";
import { WorkCalendar, localDay, localMidnight, nextDay, type DayKind } from "./calendar";
import { CHINA_2026 } from "./holidays";

// The arithmetic of working time, apart from the database so that it runs in milliseconds (and under mutation testing).
const cal2026 = new WorkCalendar(new Map(CHINA_2026.map((day) => [day.date, day.kind])));
const at = (text: string) => new Date(text);
const iso = (text: string) => at(text).toISOString();
const HOUR = 3600_000;
const MINUTE = 60_000;

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


describe("the edges of the working calendar", () => {
  it("names local days at the local midnight, not the UTC one, and walks across months and years", () => {
    expect(localDay(at("2026-06-08T15:59:59Z"))).toBe("2026-06-08");
    expect(localDay(at("2026-06-08T16:00:00Z"))).toBe("2026-06-09");
    expect(localDay(at("2026-06-08T15:59:59Z"))).toBe("2026-06-08");
    expect(localMidnight("2026-06-08").toISOString()).toBe("2026-06-07T16:00:00.000Z");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });

  it("takes weekends off and weekdays on unless an exception says otherwise", () => {
    const week = new WorkCalendar();
    expect(["2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08"].map((day) => week.isWorkingDay(day))).toEqual([true, false, false, true]);
    const swapped = new WorkCalendar(new Map<string, DayKind>([["2026-06-06", "workday"], ["2026-06-08", "holiday"], ["2026-06-07", "holiday"]]));
    expect(["2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08"].map((day) => swapped.isWorkingDay(day))).toEqual([true, true, false, false]);
  });

  it("refuses limits that are not whole positive numbers of days, or not positive hours", () => {
    const monday = at("2026-06-01T09:00:00+08:00");
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => cal2026.addWorkingDays(monday, n)).toThrow(/at least 1/);
    for (const hours of [0, -2, Number.NaN]) expect(() => cal2026.addWorkingHours(monday, hours)).toThrow(/positive/);
  });

  it("gives up on a limit that no working day within three years can meet", () => {
    const closed = new Map<string, DayKind>();
    for (let day = "2026-06-01", i = 0; i < 3 * 366 + 5; i++, day = nextDay(day)) closed.set(day, "holiday");
    const calendar = new WorkCalendar(closed);
    expect(() => calendar.addWorkingDays(at("2026-06-01T09:00:00+08:00"), 1)).toThrow(/too far/);
    expect(() => calendar.addWorkingHours(at("2026-06-01T09:00:00+08:00"), 1)).toThrow(/too far/);
  });

  it("adds hours from before office time, to the very end of a half-day, and from the afternoon's first minute", () => {
    expect(cal2026.addWorkingHours(at("2026-06-01T07:00:00+08:00"), 1).toISOString()).toBe(iso("2026-06-01T09:30:00+08:00"));
    expect(cal2026.addWorkingHours(at("2026-06-01T11:00:00+08:00"), 1).toISOString()).toBe(iso("2026-06-01T12:00:00+08:00"));
    expect(cal2026.addWorkingHours(at("2026-06-01T12:00:00+08:00"), 1).toISOString()).toBe(iso("2026-06-01T15:30:00+08:00"));
    expect(cal2026.addWorkingHours(at("2026-06-01T14:30:00+08:00"), 3.5).toISOString()).toBe(iso("2026-06-01T18:00:00+08:00"));
    expect(cal2026.addWorkingHours(at("2026-06-01T18:00:00+08:00"), 0.5).toISOString()).toBe(iso("2026-06-02T09:00:00+08:00"));
    expect(cal2026.addWorkingDays(at("2026-06-01T23:59:00+08:00"), 1).toISOString()).toBe(iso("2026-06-02T18:00:00+08:00"));
  });

  it("measures office time between two instants, and nothing when the end is not after the start", () => {
    const a = at("2026-06-01T10:00:00+08:00");
    expect(cal2026.workingMsBetween(a, a)).toBe(0);
    expect(cal2026.workingMsBetween(a, at("2026-06-01T09:00:00+08:00"))).toBe(0);
    expect(cal2026.workingMsBetween(a, at("2026-06-01T15:00:00+08:00"))).toBe(2.5 * HOUR);
    // Friday 17:00 to Monday 09:00: an hour on Friday, half an hour on Monday, nothing at the weekend.
    expect(cal2026.workingMsBetween(at("2026-06-05T17:00:00+08:00"), at("2026-06-08T09:00:00+08:00"))).toBe(1.5 * HOUR);
    expect(cal2026.workingMsBetween(at("2026-06-06T09:00:00+08:00"), at("2026-06-06T17:00:00+08:00"))).toBe(0);
  });

  it("counts the working days after a deadline from the next day on, skipping the weekend", () => {
    const friday = at("2026-06-05T18:00:00+08:00");
    expect(cal2026.workingDaysAfter(friday, friday)).toBe(0);
    expect(cal2026.workingDaysAfter(friday, at("2026-06-05T23:00:00+08:00"))).toBe(0);
    expect(cal2026.workingDaysAfter(friday, at("2026-06-07T10:00:00+08:00"))).toBe(0);
    expect(cal2026.workingDaysAfter(friday, at("2026-06-08T08:00:00+08:00"))).toBe(1);
    expect(cal2026.workingDaysAfter(friday, at("2026-06-09T08:00:00+08:00"))).toBe(2);
    expect(cal2026.workingDaysAfter(friday, at("2026-06-04T08:00:00+08:00"))).toBe(0);
  });

  it("counts a whole year of office time and of working days late, for a problem left a year past its deadline", () => {
    // 2027 on a calendar without exceptions: it starts on a Friday and has 365 days, 52 weeks and that Friday,
    // so 52 × 5 + 1 = 261 working days of seven office hours.
    const week = new WorkCalendar();
    expect(week.workingMsBetween(at("2027-01-01T00:00:00+08:00"), at("2028-01-01T00:00:00+08:00"))).toBe(261 * 7 * HOUR);
    const deadline = at("2026-12-31T18:00:00+08:00"); // a Thursday
    expect(week.workingDaysAfter(deadline, at("2027-12-31T10:00:00+08:00"))).toBe(261);
  });

  it("turns yellow at exactly 80 % of the office time and not a minute before", () => {
    const start = at("2026-06-01T08:30:00+08:00");
    const deadline = at("2026-06-01T18:00:00+08:00");
    // 7 hours; 80 % is 5 h 36 min: 3 h 30 in the morning, then 2 h 06 from 14:30.
    expect(cal2026.elapsedFraction(start, deadline, at("2026-06-01T16:36:00+08:00"))).toBeCloseTo(0.8, 10);
    expect(cal2026.light(start, deadline, at("2026-06-01T16:36:00+08:00"))).toBe("yellow");
    expect(cal2026.light(start, deadline, new Date(at("2026-06-01T16:36:00+08:00").getTime() - MINUTE))).toBe("green");
    expect(cal2026.light(start, deadline, start)).toBe("green");
  });

  it("takes a limit with no office time in it as all used at its deadline and none before", () => {
    const start = at("2026-06-06T10:00:00+08:00");
    const deadline = at("2026-06-06T12:00:00+08:00");
    expect(cal2026.elapsedFraction(start, deadline, at("2026-06-06T11:00:00+08:00"))).toBe(0);
    expect(cal2026.elapsedFraction(start, deadline, deadline)).toBe(1);
    expect(cal2026.light(start, deadline, at("2026-06-06T11:00:00+08:00"))).toBe("green");
    expect(cal2026.light(start, deadline, deadline)).toBe("yellow");
  });
});
