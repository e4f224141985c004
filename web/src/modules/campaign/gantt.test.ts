import { describe, expect, it } from "vitest";
import { barOf, dayNumber, fractionOf, monthTicks, nextMonthStart, ownFirst, screenWidth, timeRange } from "./gantt";

const campaign = { startsOn: "2026-08-27", endsOn: "2027-06-28" };

describe("the battle map's timeline scale", () => {
  it("covers the campaign in whole months, widened to every bar and to today", () => {
    expect(timeRange(campaign, [])).toEqual({ from: "2026-08-01", to: "2027-07-01", days: 334 });
    const wider = timeRange(campaign, [{ startsOn: "2026-07-15", deadline: "2027-07-31" }], "2026-11-27");
    expect(wider.from).toBe("2026-07-01");
    expect(wider.to).toBe("2027-08-01");
    // A deadline on the last day of a month ends the range at the next month's start, not a month later.
    expect(timeRange({ startsOn: "2026-01-10", endsOn: "2026-03-31" }, []).to).toBe("2026-04-01");
    expect(nextMonthStart("2026-12-31")).toBe("2027-01-01");
  });

  it("places days as fractions of the range, clamped to it", () => {
    const range = timeRange(campaign, []);
    expect(fractionOf(range, "2026-08-01")).toBe(0);
    expect(fractionOf(range, "2027-07-01")).toBe(1);
    expect(fractionOf(range, "2030-01-01")).toBe(1);
    expect(fractionOf(range, "2020-01-01")).toBe(0);
    expect(fractionOf(range, "not a day")).toBe(0);
    expect(fractionOf(range, "2026-08-02")).toBeCloseTo(1 / 334);
  });

  it("draws a bar from the start day to the end of the deadline day, filled by progress", () => {
    const range = { from: "2026-01-01", to: "2026-01-11", days: 10 };
    expect(barOf(range, { startsOn: "2026-01-02", deadline: "2026-01-05", progress: 50 })).toEqual({ left: 0.1, width: 0.4, filled: 0.5 });
    // A one-day project is one day wide; a deadline before the start still gets a sliver.
    expect(barOf(range, { startsOn: "2026-01-03", deadline: "2026-01-03", progress: 0 }).width).toBeCloseTo(0.1);
    expect(barOf(range, { startsOn: "2026-01-05", deadline: "2026-01-01", progress: 0 }).width).toBeCloseTo(0.1);
    // Progress beyond 0 … 100 is clamped.
    expect(barOf(range, { startsOn: "2026-01-01", deadline: "2026-01-10", progress: 130 })).toEqual({ left: 0, width: 1, filled: 1 });
  });

  it("puts one tick per month, each as wide as its month, the year on the first and on January", () => {
    const ticks = monthTicks(timeRange(campaign, []));
    expect(ticks).toHaveLength(11);
    expect(ticks.map((t) => t.month)).toEqual([8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]);
    expect(ticks.filter((t) => t.showYear).map((t) => `${t.year}-${t.month}`)).toEqual(["2026-8", "2027-1"]);
    expect(ticks[0]!.width).toBeCloseTo(31 / 334);
    expect(ticks.reduce((sum, t) => sum + t.width, 0)).toBeCloseTo(1);
    expect(ticks.at(-1)!.at + ticks.at(-1)!.width).toBeCloseTo(1);
  });

  it("sizes the screen strip by days, and keeps the caller's own bars first in the server's order", () => {
    expect(screenWidth({ from: "2026-01-01", to: "2026-02-01", days: 31 }, 200)).toBe(200 + 31 * 3);
    expect(dayNumber("2026-01-02") - dayNumber("2026-01-01")).toBe(1);
    const items = [
      { id: 1, own: false },
      { id: 2, own: true },
      { id: 3, own: false },
      { id: 4, own: true },
    ];
    expect(ownFirst(items).map((i) => i.id)).toEqual([2, 4, 1, 3]);
  });
});
