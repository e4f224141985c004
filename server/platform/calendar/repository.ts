import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { calendarDays, calendarYears } from "../../db/schema";
import type { DayKind } from "./calendar";

export type CalendarYearRow = typeof calendarYears.$inferSelect;
export type CalendarDayRow = typeof calendarDays.$inferSelect;

export async function findYear(db: Database, cityId: number, year: number): Promise<CalendarYearRow | undefined> {
  const [row] = await db.select().from(calendarYears).where(and(eq(calendarYears.cityId, cityId), eq(calendarYears.year, year)));
  return row;
}

export async function daysOfYear(db: Database, cityId: number, year: number): Promise<CalendarDayRow[]> {
  return db
    .select()
    .from(calendarDays)
    .where(and(eq(calendarDays.cityId, cityId), eq(calendarDays.year, year)))
    .orderBy(asc(calendarDays.day));
}

/** Every exception of a city, all years: a few dozen rows a year, read whole. */
/** Changes whenever a year of the city's calendar is added or edited (every edit bumps its year's version). */
export async function calendarStamp(db: Database, cityId: number): Promise<string> {
  const [row] = await db
    .select({ stamp: sql<string>`count(*)::text || ':' || coalesce(sum(${calendarYears.version}), 0)::text || ':' || coalesce(max(${calendarYears.updatedAt})::text, '')` })
    .from(calendarYears)
    .where(eq(calendarYears.cityId, cityId));
  return row?.stamp ?? "";
}

export async function exceptionsOf(db: Database, cityId: number): Promise<{ day: string; kind: DayKind }[]> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays).where(eq(calendarDays.cityId, cityId));
  return rows.map((row) => ({ day: row.day, kind: row.kind as DayKind }));
}

export async function insertYear(db: Database, values: { cityId: number; year: number; updatedBy: number | null; at: Date }): Promise<CalendarYearRow | undefined> {
  const [row] = await db
    .insert(calendarYears)
    .values({ cityId: values.cityId, year: values.year, updatedBy: values.updatedBy, createdAt: values.at, updatedAt: values.at })
    .onConflictDoNothing({ target: [calendarYears.cityId, calendarYears.year] })
    .returning();
  return row;
}

/** Optimistic: only the version the caller read moves on; undefined means someone changed it meanwhile. */
export async function bumpYear(db: Database, id: number, version: number, updatedBy: number | null, at: Date): Promise<CalendarYearRow | undefined> {
  const [row] = await db
    .update(calendarYears)
    .set({ version: sql`${calendarYears.version} + 1`, updatedBy, updatedAt: at })
    .where(and(eq(calendarYears.id, id), eq(calendarYears.version, version)))
    .returning();
  return row;
}

/** The days are the content of the year row (versioned and audited there), so they are replaced as a whole. */
export async function replaceDays(db: Database, cityId: number, year: number, days: { date: string; kind: DayKind; name: string }[]): Promise<void> {
  await db.delete(calendarDays).where(and(eq(calendarDays.cityId, cityId), eq(calendarDays.year, year)));
  if (days.length === 0) return;
  await db.insert(calendarDays).values(days.map((day) => ({ cityId, year, day: day.date, kind: day.kind, name: day.name })));
}
