import { describe, expect, it } from "vitest";
import { figureRate, figureValuesOf, PROBLEM_RATE_MIN_CASES } from "../../../shared/figures";
import { figuresOfRow } from "./service";

/**
 * The problems' figures from one row of counts, without a database (fast enough for mutation testing):
 * each rate is worked out by hand next to it. Every count differs from the others, so a figure that read
 * the wrong count would show.
 */
const township = { clues: 13, total: 30, commonLists: 2, disclosedLists: 3, open: 9, closed: 17, due: 21, closedOnTime: 14, overdue: 4, handled: 19, reworked: 5 };

describe("the problems' figures of a township, counted by hand", () => {
  it("give each count and the closure, on-time closure and rework rates of DOMAIN.md", () => {
    expect(figureValuesOf(figuresOfRow(township))).toEqual({
      "problems.clues": 13,
      "problems.total": 30,
      "problems.commonLists": 2,
      "problems.disclosedLists": 3,
      "problems.open": 9,
      "problems.closed": 17,
      "problems.due": 21,
      "problems.closedOnTime": 14,
      "problems.overdue": 4,
      "problems.handled": 19,
      "problems.reworked": 5,
      "problems.closureRate": 81, // 17 / 21 = 80.95
      "problems.onTimeClosureRate": 66.7, // 14 / 21 = 66.67
      "problems.reworkRate": 26.3, // 5 / 19 = 26.32
    });
  });

  it("show a rate from five problems on, even at 0 %, and leave it out below", () => {
    expect(PROBLEM_RATE_MIN_CASES).toBe(5);
    const figures = figureValuesOf(figuresOfRow({ ...township, closed: 0, closedOnTime: 0, due: 5, handled: 4, reworked: 1 }));
    expect([figures["problems.closureRate"], figures["problems.onTimeClosureRate"], figures["problems.reworkRate"]]).toEqual([0, 0, undefined]);
    const five = figureValuesOf(figuresOfRow({ ...township, closed: 4, closedOnTime: 3, due: 5, handled: 5, reworked: 2 }));
    expect([five["problems.closureRate"], five["problems.onTimeClosureRate"], five["problems.reworkRate"]]).toEqual([80, 60, 40]);
  });
});

describe("a figure's rate", () => {
  it("needs at least one case where the figure sets no minimum sample", () => {
    expect(figureRate("problems.total", 0, 0)).toBeUndefined();
    expect(figureRate("problems.total", 1, 1)).toBe(100);
    expect(figureRate("problems.total", 1, 3)).toBe(33.3);
  });
});
