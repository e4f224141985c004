import { describe, expect, it } from "vitest";
import { computeAll, currentStage, lightOf, rollUp, type MilestoneInput, type ProjectInput } from "./progress";

const project = (id: number, extra: Partial<ProjectInput> = {}): ProjectInput => ({ id, parentId: null, status: "in_progress", reportedProgress: null, weight: null, ...extra });
const step = (projectId: number, progress: number, weight: number | null = null, stage = 1): MilestoneInput => ({ projectId, progress, weight, stage });

describe("the roll-up", () => {
  it("is the plain mean without weights and the weighted mean with them", () => {
    expect(rollUp([{ progress: 100, weight: null }, { progress: 0, weight: null }, { progress: 50, weight: null }])).toBe(50);
    expect(rollUp([{ progress: 100, weight: 1 }, { progress: 0, weight: 3 }])).toBe(25);
    expect(rollUp([{ progress: 100, weight: 0.2 }, { progress: 50, weight: 0.8 }])).toBe(60);
  });

  it("gives a part without a weight among weighted ones the mean of the given weights", () => {
    // weights 1 and 3 average 2: (100·1 + 0·3 + 40·2) / 6 = 30
    expect(rollUp([{ progress: 100, weight: 1 }, { progress: 0, weight: 3 }, { progress: 40, weight: null }])).toBe(30);
  });

  it("falls back to the mean when every weight is zero, and has nothing to say without parts", () => {
    expect(rollUp([{ progress: 100, weight: 0 }, { progress: 0, weight: 0 }])).toBe(50);
    expect(rollUp([])).toBeNull();
  });

  it("rolls milestones and sub-projects up through nested levels", () => {
    const projects = [project(1), project(2, { parentId: 1, weight: 3 }), project(3, { parentId: 1, weight: 1 }), project(4, { parentId: 2 }), project(5, { parentId: 2 })];
    const milestones = [step(4, 100, 1), step(4, 0, 1), step(5, 100), step(3, 20)];
    const computed = computeAll(projects, milestones);
    expect(computed.get(4)!.progress).toBe(50);
    expect(computed.get(5)!).toMatchObject({ progress: 100, status: "done" });
    expect(computed.get(2)!.progress).toBe(75);
    expect(computed.get(3)!.progress).toBe(20);
    // (75·3 + 20·1) / 4 = 61.25, kept to one decimal
    expect(computed.get(1)!.progress).toBe(61.3);
  });

  it("gives statuses their default progress, and a project without milestones its reported progress", () => {
    const computed = computeAll(
      [
        project(1, { status: "not_started" }),
        project(2, { status: "done" }),
        project(3, { reportedProgress: 40 }),
        project(4),
        project(5, { status: "suspended", reportedProgress: 30 }),
        project(6, { status: "not_started", reportedProgress: 10 }),
      ],
      [step(2, 0)],
    );
    expect(computed.get(1)!).toMatchObject({ progress: 0, status: "not_started" });
    expect(computed.get(2)!).toMatchObject({ progress: 100, status: "done" });
    expect(computed.get(3)!).toMatchObject({ progress: 40, status: "in_progress" });
    expect(computed.get(4)!).toMatchObject({ progress: 0, status: "in_progress" });
    expect(computed.get(5)!).toMatchObject({ progress: 30, status: "suspended" });
    expect(computed.get(6)!).toMatchObject({ progress: 10, status: "in_progress" });
  });

  it("moves to the next stage only when every milestone of the one before is complete", () => {
    expect(currentStage([step(1, 100, null, 1), step(1, 50, null, 1), step(1, 0, null, 2)])).toBe(1);
    expect(currentStage([step(1, 100, null, 1), step(1, 100, null, 1), step(1, 0, null, 2)])).toBe(2);
    expect(currentStage([step(1, 100, null, 1), step(1, 100, null, 2)])).toBe(2);
    expect(currentStage([])).toBe(1);
  });

  it("colours by time used: green below 80%, yellow to the deadline or with a milestone overdue, red past it, green when done", () => {
    const p = { status: "in_progress", startsOn: "2026-01-01", deadline: "2026-01-11" };
    expect(lightOf(p, "2026-01-08", false)).toBe("green");
    expect(lightOf(p, "2026-01-08", true)).toBe("yellow");
    expect(lightOf(p, "2026-01-09", false)).toBe("yellow");
    expect(lightOf(p, "2026-01-11", false)).toBe("yellow");
    expect(lightOf(p, "2026-01-12", false)).toBe("red");
    expect(lightOf({ ...p, status: "done" }, "2026-02-01", false)).toBe("green");
  });
});
