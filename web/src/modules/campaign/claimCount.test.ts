import { describe, expect, it } from "vitest";
import { claimProjectCount } from "./claimCount";

describe("the projects column of the claims list", () => {
  it("counts the project an approved leader's claim became (the review saw 0)", () => {
    expect(claimProjectCount({ status: "approved", projects: [], createdProjectIds: [41] })).toBe(1);
  });

  it("counts a unit's planned projects while the claim waits, and those created once approved", () => {
    const plan = [{ name: "网格员培训" }, { name: "网格地图" }] as never[];
    expect(claimProjectCount({ status: "submitted", projects: plan, createdProjectIds: [] })).toBe(2);
    expect(claimProjectCount({ status: "approved", projects: plan, createdProjectIds: [7, 8] })).toBe(2);
  });
});
