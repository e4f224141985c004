/**
 * The working calendar as offices count it: Monday to Friday, except public holidays, plus weekend
 * days worked in exchange (调休). Mirrors the server's rules (server/platform/calendar) so that a
 * form can check a year's list and preview a deadline before anything is sent. Pure.
 */
export type DayKind = "holiday" | "workday";

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
}

const DAY_MS = 86_400_000;
const LOCAL_OFFSET_MS = 8 * 3_600_000;

/** Today in the city (Asia/Shanghai), whatever the browser's zone. */
export function cityToday(now: Date = new Date()): string {
  return new Date(now.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function isWeekend(day: string): boolean {
  const dow = weekday(day);
  return dow === 0 || dow === 6;
}

export type DayProblem = "outsideYear" | "duplicate" | "workdayNotWeekend" | "badDate";

/** What is wrong with each day of a year's list (by index); the server refuses the same things. */
export function checkDays(year: number, days: readonly CalendarDay[]): Map<number, DayProblem> {
  const problems = new Map<number, DayProblem>();
  const seen = new Set<string>();
  days.forEach((day, index) => {
    const parsed = new Date(`${day.date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(day.date)) problems.set(index, "badDate");
    else if (!day.date.startsWith(`${year}-`)) problems.set(index, "outsideYear");
    else if (seen.has(day.date)) problems.set(index, "duplicate");
    else if (day.kind === "workday" && !isWeekend(day.date)) problems.set(index, "workdayNotWeekend");
    seen.add(day.date);
  });
  return problems;
}

export function sortDays<T extends { date: string }>(days: readonly T[]): T[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

/** Adds or replaces the entry of one date. */
export function putDay(days: readonly CalendarDay[], day: CalendarDay): CalendarDay[] {
  return sortDays([...days.filter((d) => d.date !== day.date), { ...day, name: day.name.trim() }]);
}

/** Every day from `from` to `to` (inclusive) as holidays of one name, e.g. 国庆节 10-01 to 10-07. */
export function holidayRange(from: string, to: string, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = from, n = 0; day <= to && n < 366; day = nextDay(day), n++) days.push({ date: day, kind: "holiday", name: name.trim() });
  return days;
}

export function summarize(days: readonly CalendarDay[]): { holidays: number; workdays: number } {
  return { holidays: days.filter((d) => d.kind === "holiday").length, workdays: days.filter((d) => d.kind === "workday").length };
}

export function isWorkingDay(day: string, exceptions: ReadonlyMap<string, DayKind>): boolean {
  const exception = exceptions.get(day);
  if (exception) return exception === "workday";
  return !isWeekend(day);
}

/**
 * The day a limit of `n` working days ends when work is handed over on `startDay`: the n-th working
 * day after it (the day of hand-over does not count), as the server computes deadlines.
 */
export function deadlineDay(startDay: string, n: number, exceptions: ReadonlyMap<string, DayKind>): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 250) return null;
  let day = startDay;
  for (let counted = 0, scanned = 0; counted < n; scanned++) {
    if (scanned > 3 * 366) return null;
    day = nextDay(day);
    if (isWorkingDay(day, exceptions)) counted++;
  }
  return day;
}

/** The same two lists compared: whether saving would change anything. */
export function sameDays(a: readonly CalendarDay[], b: readonly CalendarDay[]): boolean {
  const left = sortDays(a);
  const right = sortDays(b);
  return left.length === right.length && left.every((d, i) => d.date === right[i]?.date && d.kind === right[i]?.kind && d.name === right[i]?.name);
}
