import { describe, expect, it } from "vitest";
import { eventStages, type EventStage } from "../../../shared/schemas/events";
import { WorkCalendar } from "../../platform/calendar/calendar";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { closeDeadline, DEFAULT_LIMITS, limitTable, timerFrom } from "./deadlines";
import { allows, isOpen, lightAt, open311Status, timerOf, transitions, type EventAction } from "./stages";

// The event workflow's rules and time limits, written down here as CJJ/T 106 and the city's defaults state
// them (not read from the code under test), and checked without a database so that mutation testing runs them.

const calendar = new WorkCalendar(new Map(CHINA_2026.map((day) => [day.date, day.kind])));
const at = (text: string) => new Date(text);
const iso = (text: string) => at(text).toISOString();

const RULES = [
  "reported --register--> dispatching",
  "reported --reject--> rejected",
  "dispatching --reject--> rejected",
  "rejected --resubmit--> reported",
  "dispatching --dispatch--> dispatched",
  "dispatched --reroute--> dispatched",
  "handling --reroute--> dispatched",
  "dispatched --accept--> handling",
  "dispatched --refuse--> dispatching",
  "handling --refuse--> dispatching",
  "handling --feedback--> checking",
  "checking --close--> closed",
  "checking --send_back--> handling",
  "closed --evaluate--> evaluated",
];

describe("the event workflow's table", () => {
  it("allows exactly the written steps, each to its stage, and nothing else", () => {
    const allowed: string[] = [];
    for (const action of Object.keys(transitions) as EventAction[]) {
      for (const stage of eventStages) if (allows(action, stage)) allowed.push(`${stage} --${action}--> ${transitions[action].to}`);
    }
    expect(allowed.sort()).toEqual([...RULES].sort());
  });

  it("keeps the handling clock running when a department signs for a case, and restarts it on every other step", () => {
    const kept = (Object.keys(transitions) as EventAction[]).filter((action) => !transitions[action].restartsTimer);
    expect(kept).toEqual(["accept"]);
  });

  it("runs each open stage against its limit, and closed, rated and rejected cases against none", () => {
    const expected: Record<EventStage, string | null> = {
      reported: "register",
      dispatching: "dispatch",
      dispatched: "handle",
      handling: "handle",
      checking: "check",
      closed: null,
      evaluated: null,
      rejected: null,
    };
    for (const stage of eventStages) expect([stage, timerOf(stage)]).toEqual([stage, expected[stage]]);
    expect(eventStages.filter(isOpen)).toEqual(["reported", "dispatching", "dispatched", "handling", "checking"]);
    expect(eventStages.map(open311Status)).toEqual(["open", "open", "open", "open", "open", "closed", "closed", "closed"]);
  });

  it("lights green before the warning, yellow from it to the deadline, red after", () => {
    const warn = at("2026-06-01T16:00:00+08:00");
    const due = at("2026-06-01T18:00:00+08:00");
    expect(lightAt(warn, due, at("2026-06-01T15:59:59+08:00"))).toBe("green");
    expect(lightAt(warn, due, warn)).toBe("yellow");
    expect(lightAt(warn, due, due)).toBe("yellow");
    expect(lightAt(warn, due, at("2026-06-01T18:00:01+08:00"))).toBe("red");
  });
});

describe("time limits", () => {
  it("starts a city with the limits of its rules: office time for ordinary and urgent cases, the clock for emergencies", () => {
    const written = [
      "normal register 2 working_hours", "normal dispatch 2 working_hours", "normal handle 5 working_days", "normal check 1 working_days", "normal summon 1 working_days",
      "urgent register 1 working_hours", "urgent dispatch 1 working_hours", "urgent handle 1 working_days", "urgent check 4 working_hours", "urgent summon 4 working_hours",
      "emergency register 1 hours", "emergency dispatch 1 hours", "emergency handle 4 hours", "emergency check 2 hours", "emergency summon 2 hours",
    ];
    const defaults = Object.entries(DEFAULT_LIMITS).flatMap(([urgency, stages]) => Object.entries(stages).map(([stage, limit]) => `${urgency} ${stage} ${limit.amount} ${limit.unit}`));
    expect(defaults).toEqual(written);
  });

  it("gives an ordinary case two office hours to register and five working days to handle, and an emergency the clock", () => {
    const monday = at("2026-06-01T09:00:00+08:00");
    const register = timerFrom(calendar, monday, DEFAULT_LIMITS.normal.register);
    expect([register.dueAt.toISOString(), register.warnAt.toISOString()]).toEqual([iso("2026-06-01T11:00:00+08:00"), iso("2026-06-01T10:36:00+08:00")]);
    expect(timerFrom(calendar, monday, DEFAULT_LIMITS.normal.handle).dueAt.toISOString()).toBe(iso("2026-06-08T18:00:00+08:00"));
    const saturday = at("2026-06-06T22:00:00+08:00");
    const emergency = timerFrom(calendar, saturday, DEFAULT_LIMITS.emergency.handle);
    expect([emergency.startedAt, emergency.warnAt.toISOString(), emergency.dueAt.toISOString()]).toEqual([saturday, iso("2026-06-07T01:12:00+08:00"), iso("2026-06-07T02:00:00+08:00")]);
    expect(timerFrom(calendar, monday, DEFAULT_LIMITS.urgent.check).dueAt.toISOString()).toBe(iso("2026-06-01T15:30:00+08:00"));
  });

  it("warns at 80 % of the office time of a limit in working days, over the night and the weekend", () => {
    // Friday 17:00 + 1 working day: Monday 18:00; 8 office hours, of which 80 % is 6 h 24: an hour on Friday,
    // 3 h 30 on Monday morning, 1 h 54 from 14:30, so Monday 16:24.
    const timer = timerFrom(calendar, at("2026-06-05T17:00:00+08:00"), { amount: 1, unit: "working_days" });
    expect([timer.warnAt.toISOString(), timer.dueAt.toISOString()]).toEqual([iso("2026-06-08T16:24:00+08:00"), iso("2026-06-08T18:00:00+08:00")]);
  });

  it("takes a type's own limit over the city's, the city's over the built-in one, and ignores other urgencies and types", () => {
    const rows = [
      { eventTypeId: 7, urgency: "normal", stage: "handle", amount: 3, unit: "working_days" },
      { eventTypeId: null, urgency: "normal", stage: "handle", amount: 10, unit: "working_days" },
      { eventTypeId: null, urgency: "normal", stage: "check", amount: 3, unit: "working_hours" },
      { eventTypeId: 8, urgency: "normal", stage: "check", amount: 9, unit: "hours" },
      { eventTypeId: 7, urgency: "urgent", stage: "register", amount: 5, unit: "hours" },
    ];
    const own = limitTable(rows, 7, "normal");
    expect([own.handle, own.check, own.register]).toEqual([{ amount: 3, unit: "working_days" }, { amount: 3, unit: "working_hours" }, { amount: 2, unit: "working_hours" }]);
    const other = limitTable(rows, 9, "normal");
    expect([other.handle, other.check]).toEqual([{ amount: 10, unit: "working_days" }, { amount: 3, unit: "working_hours" }]);
    expect(limitTable(rows, 7, "urgent").register).toEqual({ amount: 5, unit: "hours" });
    expect(limitTable([], 7, "urgent").register).toEqual({ amount: 1, unit: "working_hours" });
    expect(DEFAULT_LIMITS.normal.handle).toEqual({ amount: 5, unit: "working_days" });
  });

  it("expects a case closed when every stage has used all its time, one after the other", () => {
    // Monday 09:00: registered by 11:00, dispatched by 15:30 (11:00–12:00 and 14:30–15:30), handled within
    // 5 working days of Monday, by Monday 8th 18:00, checked within one more, by Tuesday 9th 18:00.
    const limits = limitTable([], 1, "normal");
    expect(closeDeadline(calendar, at("2026-06-01T09:00:00+08:00"), limits).toISOString()).toBe(iso("2026-06-09T18:00:00+08:00"));
    const emergency = limitTable([], 1, "emergency");
    // 1 + 1 + 4 + 2 hours on the clock.
    expect(closeDeadline(calendar, at("2026-06-06T22:00:00+08:00"), emergency).toISOString()).toBe(iso("2026-06-07T06:00:00+08:00"));
  });
});
