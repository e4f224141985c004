/**
 * Working time as government offices count it: Monday to Friday, except public holidays, plus the
 * weekend days worked in exchange (调休); within a day, the office hours below. Pure: the days come
 * from the database (service.ts), the arithmetic is here so that lists and sweeps can run it in bulk.
 */

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so local time is a fixed shift. */
const LOCAL_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Office hours in minutes after local midnight: 08:30–12:00 and 14:30–18:00 (seven hours a day). */
export const WORKING_HOURS: readonly { from: number; to: number }[] = [
  { from: 8 * 60 + 30, to: 12 * 60 },
  { from: 14 * 60 + 30, to: 18 * 60 },
];

/** The traffic light of a time limit: green below 80 % of the working time used, yellow up to the deadline, red past it. */
export const YELLOW_FROM = 0.8;
export type Light = "green" | "yellow" | "red";

export type DayKind = "holiday" | "workday";

/** Far enough for any time limit the platform sets, near enough that a bad input cannot spin forever. */
const MAX_DAYS_SCANNED = 3 * 366;

/** Day names by day number: formatting a date is the dear part of the deadline arithmetic every report runs. */
const dayNames = new Map<number, string>();

export function localDay(at: Date): string {
  const dayNumber = Math.floor((at.getTime() + LOCAL_OFFSET_MS) / DAY_MS);
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    name = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    dayNames.set(dayNumber, name);
  }
  return name;
}

/** The instant of local midnight at the start of a YYYY-MM-DD day. */
export function localMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - LOCAL_OFFSET_MS);
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function segmentsOf(day: string): { from: number; to: number }[] {
  const midnight = localMidnight(day).getTime();
  return WORKING_HOURS.map((segment) => ({ from: midnight + segment.from * MINUTE_MS, to: midnight + segment.to * MINUTE_MS }));
}

interface DayFacts {
  working: boolean;
  next: string;
  segments: { from: number; to: number }[];
}

export class WorkCalendar {
  /** What each day looked up so far is, kept: every report's deadlines walk the same few days again. */
  private readonly days = new Map<string, DayFacts>();

  constructor(private readonly exceptions: ReadonlyMap<string, DayKind> = new Map()) {}

  private factsOf(day: string): DayFacts {
    let facts = this.days.get(day);
    if (!facts) {
      const exception = this.exceptions.get(day);
      const dow = weekday(day);
      facts = { working: exception ? exception === "workday" : dow !== 0 && dow !== 6, next: nextDay(day), segments: segmentsOf(day) };
      this.days.set(day, facts);
    }
    return facts;
  }

  isWorkingDay(day: string): boolean {
    return this.factsOf(day).working;
  }

  /**
   * The deadline of a limit of `n` working days starting at `start`: the close of office on the n-th
   * working day after the day of `start` (the day work is handed over does not count, as is usual).
   */
  addWorkingDays(start: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 1) throw new RangeError("a limit in working days is a whole number of at least 1");
    let day = localDay(start);
    for (let counted = 0, scanned = 0; counted < n; scanned++) {
      if (scanned > MAX_DAYS_SCANNED) throw new RangeError("the limit reaches too far into the future");
      day = this.factsOf(day).next;
      if (this.isWorkingDay(day)) counted++;
    }
    return new Date(this.factsOf(day).segments.at(-1)!.to);
  }

  /** The instant when `hours` of office time have passed since `start`. */
  addWorkingHours(start: Date, hours: number): Date {
    if (!(hours > 0)) throw new RangeError("a limit in working hours is positive");
    let left = hours * 60 * MINUTE_MS;
    let cursor = start.getTime();
    let day = localDay(start);
    for (let scanned = 0; scanned <= MAX_DAYS_SCANNED; scanned++, day = this.factsOf(day).next) {
      const facts = this.factsOf(day);
      if (!facts.working) continue;
      for (const segment of facts.segments) {
        const from = Math.max(segment.from, cursor);
        if (from >= segment.to) continue;
        if (segment.to - from >= left) return new Date(from + left);
        left -= segment.to - from;
        cursor = segment.to;
      }
    }
    throw new RangeError("the limit reaches too far into the future");
  }

  /** Office time between two instants, in milliseconds (0 when `to` is not after `from`). */
  workingMsBetween(from: Date, to: Date): number {
    const start = from.getTime();
    const end = to.getTime();
    if (end <= start) return 0;
    let total = 0;
    let day = localDay(from);
    const lastDay = localDay(to);
    for (let scanned = 0; scanned <= MAX_DAYS_SCANNED * 4; scanned++, day = this.factsOf(day).next) {
      const facts = this.factsOf(day);
      if (facts.working) {
        for (const segment of facts.segments) total += Math.max(0, Math.min(segment.to, end) - Math.max(segment.from, start));
      }
      if (day === lastDay) return total;
    }
    return total;
  }

  /** Working days wholly or partly after the deadline's day, up to and including the day of `now`. */
  workingDaysAfter(deadline: Date, now: Date): number {
    if (now <= deadline) return 0;
    let count = 0;
    let day = localDay(deadline);
    const lastDay = localDay(now);
    for (let scanned = 0; day < lastDay && scanned <= MAX_DAYS_SCANNED * 4; scanned++) {
      day = this.factsOf(day).next;
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /** The share of the limit's office time used by `now`: 0 at the start, 1 at the deadline. */
  elapsedFraction(start: Date, deadline: Date, now: Date): number {
    const total = this.workingMsBetween(start, deadline);
    if (total === 0) return now >= deadline ? 1 : 0;
    return this.workingMsBetween(start, now) / total;
  }

  /** Red once the deadline has passed, whatever the hour; otherwise by the share of office time used. */
  light(start: Date, deadline: Date, now: Date): Light {
    if (now > deadline) return "red";
    return this.elapsedFraction(start, deadline, now) >= YELLOW_FROM ? "yellow" : "green";
  }
}
