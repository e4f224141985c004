import { describe, expect, it } from "vitest";
import { checkDays, cityToday, deadlineDay, holidayRange, putDay, sameDays, summarize, type CalendarDay, type DayKind } from "./logic";

const national: CalendarDay[] = [...holidayRange("2026-10-01", "2026-10-07", "国庆节"), { date: "2026-10-10", kind: "workday", name: "国庆节调休上班" }];

describe("the working calendar", () => {
  it("finds what the server would refuse in a year's list", () => {
    const days: CalendarDay[] = [
      { date: "2026-10-01", kind: "holiday", name: "国庆节" },
      { date: "2026-10-01", kind: "holiday", name: "again" },
      { date: "2025-12-31", kind: "holiday", name: "" },
      { date: "2026-10-12", kind: "workday", name: "a Monday" },
      { date: "2026-10-10", kind: "workday", name: "a Saturday" },
      { date: "2026-02-30", kind: "holiday", name: "" },
    ];
    expect([...checkDays(2026, days)]).toEqual([
      [1, "duplicate"],
      [2, "outsideYear"],
      [3, "workdayNotWeekend"],
      [5, "badDate"],
    ]);
    expect(checkDays(2026, national).size).toBe(0);
  });

  it("adds ranges, replaces a date's entry and keeps the list sorted", () => {
    expect(holidayRange("2026-01-01", "2026-01-03", " 元旦 ").map((d) => d.date)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    const list = putDay(putDay([], { date: "2026-05-09", kind: "workday", name: "调休" }), { date: "2026-05-01", kind: "holiday", name: "劳动节" });
    expect(list.map((d) => d.date)).toEqual(["2026-05-01", "2026-05-09"]);
    expect(putDay(list, { date: "2026-05-09", kind: "holiday", name: "x" })).toHaveLength(2);
    expect(summarize(national)).toEqual({ holidays: 7, workdays: 1 });
    expect(sameDays(national, [...national].reverse())).toBe(true);
    expect(sameDays(national, national.slice(1))).toBe(false);
  });

  it("counts a deadline in working days as the server does: holidays skipped, swapped weekend days worked", () => {
    const exceptions = new Map<string, DayKind>(national.map((d) => [d.date, d.kind]));
    // Handed over on Wednesday 2026-09-30: the holiday week does not count, Saturday 10-10 does.
    expect(deadlineDay("2026-09-30", 1, exceptions)).toBe("2026-10-08");
    expect(deadlineDay("2026-09-30", 3, exceptions)).toBe("2026-10-10");
    expect(deadlineDay("2026-09-30", 4, exceptions)).toBe("2026-10-12");
    // Without exceptions: Friday + 1 is Monday.
    expect(deadlineDay("2026-03-06", 1, new Map())).toBe("2026-03-09");
    expect(deadlineDay("2026-03-06", 0, new Map())).toBeNull();
  });

  it("knows today in the city, whatever the browser's zone", () => {
    expect(cityToday(new Date("2026-03-01T16:30:00Z"))).toBe("2026-03-02");
    expect(cityToday(new Date("2026-03-01T15:59:00Z"))).toBe("2026-03-01");
  });
});
