import { describe, expect, it } from "vitest";
import { openStatuses, problemActions, problemStatuses, runningStatuses, timedStatuses, transitions } from "../../../shared/schemas/problems";
import { RULES, ruleTo } from "../../test/problem-rules";

// The state machine's table against the rules written in the test, without a database (mutation testing runs it).
describe("the problem state machine's table", () => {
  it("is the written rules, pair by pair", () => {
    const cases = problemStatuses.flatMap((from) => problemActions.map((action) => ({ from, action, to: ruleTo(from, action) })));
    expect(cases.filter((c) => c.to !== undefined)).toHaveLength(RULES.length);
    for (const { from, action, to } of cases) expect([from, action, transitions[action][from]]).toEqual([from, action, to]);
  });

  it("counts as open the work under way, runs the clock for the rectifiers, and lights what waits for its check too", () => {
    expect([...openStatuses].sort()).toEqual(["assigned", "rectifying", "registered", "returned", "submitted"]);
    expect([...runningStatuses].sort()).toEqual(["assigned", "rectifying", "returned"]);
    expect([...timedStatuses].sort()).toEqual(["assigned", "rectifying", "returned", "submitted"]);
  });
});
