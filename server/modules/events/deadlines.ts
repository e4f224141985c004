import type { TimeLimit, TimerStage, Urgency } from "../../../shared/schemas/events";
import { YELLOW_FROM, type WorkCalendar } from "../../platform/calendar/service";

export interface Timer {
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
}

type Limit = Pick<TimeLimit, "amount" | "unit">;

/**
 * The limits a city starts with, per urgency and stage, until it sets its own (event_time_limits).
 * Ordinary cases count office time; 特急 cases count the clock, since an emergency does not wait for Monday.
 */
export const DEFAULT_LIMITS: Record<Urgency, Record<TimerStage, Limit>> = {
  normal: {
    register: { amount: 2, unit: "working_hours" },
    dispatch: { amount: 2, unit: "working_hours" },
    handle: { amount: 5, unit: "working_days" },
    check: { amount: 1, unit: "working_days" },
    summon: { amount: 1, unit: "working_days" },
  },
  urgent: {
    register: { amount: 1, unit: "working_hours" },
    dispatch: { amount: 1, unit: "working_hours" },
    handle: { amount: 1, unit: "working_days" },
    check: { amount: 4, unit: "working_hours" },
    summon: { amount: 4, unit: "working_hours" },
  },
  emergency: {
    register: { amount: 1, unit: "hours" },
    dispatch: { amount: 1, unit: "hours" },
    handle: { amount: 4, unit: "hours" },
    check: { amount: 2, unit: "hours" },
    summon: { amount: 2, unit: "hours" },
  },
};

/** One type's limits for one urgency: its own rows first, then the city's defaults, then the built-in ones. */
export type LimitTable = Record<TimerStage, Limit>;

export function limitTable(
  rows: readonly { eventTypeId: number | null; urgency: string; stage: string; amount: number; unit: string }[],
  eventTypeId: number,
  urgency: Urgency,
): LimitTable {
  const table = { ...DEFAULT_LIMITS[urgency] };
  for (const specific of [false, true]) {
    for (const row of rows) {
      if (row.urgency !== urgency || (specific ? row.eventTypeId !== eventTypeId : row.eventTypeId !== null)) continue;
      table[row.stage as TimerStage] = { amount: row.amount, unit: row.unit as Limit["unit"] };
    }
  }
  return table;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * A stage's timer from its start: the deadline, and the instant 80 % of the limit's time is used,
 * counted the way the limit is (office time for working hours and days), so the light can be read
 * from the row with a comparison.
 */
export function timerFrom(calendar: WorkCalendar, startedAt: Date, limit: Limit): Timer {
  if (limit.unit === "hours") {
    const span = limit.amount * HOUR_MS;
    return { startedAt, warnAt: new Date(startedAt.getTime() + span * YELLOW_FROM), dueAt: new Date(startedAt.getTime() + span) };
  }
  const dueAt = limit.unit === "working_hours" ? calendar.addWorkingHours(startedAt, limit.amount) : calendar.addWorkingDays(startedAt, limit.amount);
  const workingMs = calendar.workingMsBetween(startedAt, dueAt);
  const warnAt = workingMs > 0 ? calendar.addWorkingHours(startedAt, (workingMs * YELLOW_FROM) / HOUR_MS) : dueAt;
  return { startedAt, warnAt, dueAt };
}

/**
 * When the case can be expected closed (Open311's expected_datetime, the on-time closure deadline):
 * the stage limits end to end from the report, as if each stage used all of its time.
 */
export function closeDeadline(calendar: WorkCalendar, reportedAt: Date, limits: LimitTable): Date {
  let at = reportedAt;
  for (const stage of ["register", "dispatch", "handle", "check"] as const) at = timerFrom(calendar, at, limits[stage]).dueAt;
  return at;
}
