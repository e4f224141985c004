import { describe, expect, it } from "vitest";
import { figureValuesOf } from "../../../shared/figures";
import type { Aggregate } from "./aggregates";
import { countsOf, figuresOfAggregate, MIN_CASES } from "./stats";

/**
 * The events' figures from one aggregate, without a database (fast enough for mutation testing): every
 * count and rate below is worked out by hand from the counts of a made-up district, written next to it.
 * Every count differs from the others, so a figure that read the wrong count would show.
 */
const district: Aggregate = {
  total: 40, // 15 open + 11 closed + 12 evaluated + 2 rejected
  open: 15,
  overdue: 6,
  reported: 1,
  dispatching: 2,
  dispatched: 3,
  handling: 4,
  checking: 5,
  closed: 11,
  evaluated: 12,
  rejected: 2,
  toDispatch: 36,
  dispatchedAny: 35,
  dispatchedOnTime: 30,
  dispatchedAccurately: 28,
  toHandle: 32,
  handled: 31,
  handledOnTime: 24,
  due: 26,
  closedAny: 23,
  closedOnTime: 20,
  reworked: 7,
  rated: 12,
  satisfied: 11,
  conflictsResolved: 4,
};

const none: Aggregate = Object.fromEntries(Object.keys(district).map((key) => [key, 0])) as unknown as Aggregate;

describe("the events' figures of a district, counted by hand", () => {
  it("give each count and each rate of DOMAIN.md, rounded to a tenth", () => {
    expect(figureValuesOf(figuresOfAggregate(district))).toEqual({
      "events.total": 40,
      "events.open": 15,
      "events.closed": 23, // closed at any time, evaluated ones included
      "events.rejected": 2,
      "events.stage.reported": 1,
      "events.stage.dispatching": 2,
      "events.stage.dispatched": 3,
      "events.stage.handling": 4,
      "events.stage.checking": 5,
      "events.stage.closed": 11,
      "events.stage.evaluated": 12,
      "events.rate.onTimeDispatch": 83.3, // 30 / 36
      "events.rate.accurateDispatch": 80, // 28 / 35
      "events.rate.handling": 96.9, // 31 / 32 = 96.875, half a tenth rounds up
      "events.rate.onTimeHandling": 75, // 24 / 32
      "events.rate.closure": 88.5, // 23 / 26 = 88.46
      "events.rate.onTimeClosure": 76.9, // 20 / 26 = 76.92
      "events.rate.rework": 22.6, // 7 / 31 = 22.58
      "events.rate.satisfaction": 91.7, // 11 / 12 = 91.67
    });
  });

  it("give the node table the same counts by stage", () => {
    expect(countsOf(district)).toEqual({
      total: 40,
      open: 15,
      overdue: 6,
      byStage: { reported: 1, dispatching: 2, dispatched: 3, handling: 4, checking: 5, closed: 11, evaluated: 12, rejected: 2 },
      conflictsResolved: 4,
    });
  });
});

describe("a rate's minimum sample", () => {
  it("is ten cases: a rate over nine is left out, one over ten is shown, even when it is 0 %", () => {
    expect(MIN_CASES).toBe(10);
    const small: Aggregate = { ...none, toDispatch: 10, dispatchedOnTime: 0, dispatchedAny: 9, dispatchedAccurately: 9, toHandle: 10, handledOnTime: 10, handled: 9, rated: 11, satisfied: 1 };
    const figures = figureValuesOf(figuresOfAggregate(small));
    expect({
      onTimeDispatch: figures["events.rate.onTimeDispatch"],
      accurateDispatch: figures["events.rate.accurateDispatch"],
      handling: figures["events.rate.handling"],
      onTimeHandling: figures["events.rate.onTimeHandling"],
      rework: figures["events.rate.rework"],
      satisfaction: figures["events.rate.satisfaction"],
    }).toEqual({
      onTimeDispatch: 0, // 0 of 10
      accurateDispatch: undefined, // 9 dispatched
      handling: 90, // 9 of 10
      onTimeHandling: 100, // 10 of 10
      rework: undefined, // 9 handled
      satisfaction: 9.1, // 1 of 11 = 9.09
    });
  });

  it("leaves every rate out of a node without events, and counts nothing", () => {
    const figures = figureValuesOf(figuresOfAggregate(none));
    expect(Object.keys(figures).filter((key) => key.startsWith("events.rate."))).toEqual([]);
    expect(Object.values(figures)).toEqual(Array(11).fill(0));
  });
});
