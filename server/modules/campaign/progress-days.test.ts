import { describe, expect, it } from "vitest";
import { addDays, cityDay, computeAll, daysBetween, isLate, type ProjectInput } from "./progress";

/**
 * The campaign's days and statuses beside progress.test.ts, without a database: the city's calendar day
 * (on-time completion and lateness are counted by it), day arithmetic, lateness, and the statuses that
 * only the office may set. Found by mutation testing (docs/mutations.md).
 */
const project = (id: number, extra: Partial<ProjectInput> = {}): ProjectInput => ({ id, parentId: null, status: "in_progress", reportedProgress: null, weight: null, ...extra });

describe("the city's day", () => {
  it("starts at midnight China Standard Time, eight hours before midnight UTC", () => {
    expect(cityDay(new Date("2026-06-30T15:59:59Z"))).toBe("2026-06-30");
    expect(cityDay(new Date("2026-06-30T16:00:00Z"))).toBe("2026-07-01");
  });

  it("adds and counts whole days across a month's end", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
    expect(daysBetween("2026-03-01", "2026-01-01")).toBe(-59);
  });
});

describe("a late project", () => {
  it("is one not done whose deadline day is over; the deadline day itself is not late", () => {
    expect(isLate({ status: "in_progress", deadline: "2026-06-30" }, "2026-07-01")).toBe(true);
    expect(isLate({ status: "not_started", deadline: "2026-06-30" }, "2026-07-01")).toBe(true);
    expect(isLate({ status: "in_progress", deadline: "2026-06-30" }, "2026-06-30")).toBe(false);
    expect(isLate({ status: "done", deadline: "2026-06-30" }, "2026-07-01")).toBe(false);
  });
});

describe("statuses the office sets", () => {
  it("keep a suspended project suspended and a half-done one under way, whatever its milestones say", () => {
    const computed = computeAll([project(1, { status: "suspended" }), project(2)], [
      { projectId: 1, stage: 1, progress: 100, weight: null },
      { projectId: 2, stage: 1, progress: 50, weight: null },
    ]);
    expect(computed.get(1)).toEqual({ progress: 100, status: "suspended", currentStage: 1 });
    expect(computed.get(2)).toEqual({ progress: 50, status: "in_progress", currentStage: 1 });
  });

  it("cut a cycle of parents instead of looping: its projects count as not advanced", () => {
    const computed = computeAll([project(1, { parentId: 2 }), project(2, { parentId: 1 })], []);
    expect(computed.get(1)).toEqual({ progress: 0, status: "in_progress", currentStage: 1 });
    expect(computed.get(2)).toEqual({ progress: 0, status: "in_progress", currentStage: 1 });
  });
});
