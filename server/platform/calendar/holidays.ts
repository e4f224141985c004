import type { DayKind } from "./calendar";

export interface CalendarDaySpec {
  date: string;
  kind: DayKind;
  name: string;
}

function range(from: string, to: string, name: string): CalendarDaySpec[] {
  const days: CalendarDaySpec[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 24 * 60 * 60 * 1000) {
    days.push({ date: new Date(at).toISOString().slice(0, 10), kind: "holiday", name });
  }
  return days;
}

/**
 * The 2026 public holidays and swapped working days as the State Council announced them, loaded as
 * the demo city's calendar. Only a default: each city edits its own years (PUT /api/calendar).
 */
export const CHINA_2026: readonly CalendarDaySpec[] = [
  ...range("2026-01-01", "2026-01-03", "元旦"),
  { date: "2026-01-04", kind: "workday", name: "元旦调休上班" },
  { date: "2026-02-14", kind: "workday", name: "春节调休上班" },
  ...range("2026-02-15", "2026-02-23", "春节"),
  { date: "2026-02-28", kind: "workday", name: "春节调休上班" },
  ...range("2026-04-04", "2026-04-06", "清明节"),
  ...range("2026-05-01", "2026-05-05", "劳动节"),
  { date: "2026-05-09", kind: "workday", name: "劳动节调休上班" },
  ...range("2026-06-19", "2026-06-21", "端午节"),
  { date: "2026-09-20", kind: "workday", name: "国庆节调休上班" },
  ...range("2026-09-25", "2026-09-27", "中秋节"),
  ...range("2026-10-01", "2026-10-07", "国庆节"),
  { date: "2026-10-10", kind: "workday", name: "国庆节调休上班" },
];
