import type { z } from "zod";
import type { CalendarYear, PutCalendarBody } from "../../../shared/schemas/calendar";
import type { Database } from "../../db/client";
import { cityExists } from "../tree";
import type { Actor, RequestContext } from "../context";
import { forbidden, invalidField, notFound, versionConflict } from "../errors";
import { can, requireActor, requirePermission } from "../policy";
import { write } from "../write";
import { WORKING_HOURS, WorkCalendar, localDay, type DayKind, type Light } from "./calendar";
import type { CalendarDaySpec } from "./holidays";
import * as repo from "./repository";

export { WorkCalendar, WORKING_HOURS, YELLOW_FROM, localDay, localMidnight, type Light } from "./calendar";

/** A city's calendar, read whole (a few dozen rows a year): build it once and use it for a batch. */
export async function calendarFor(db: Database, cityId: number): Promise<WorkCalendar> {
  const exceptions = await repo.exceptionsOf(db, cityId);
  return new WorkCalendar(new Map(exceptions.map((row) => [row.day, row.kind])));
}

/**
 * Calendar writes made by this process, per database and city. A cache of calendarFor compares it on
 * every read, so a change made here takes effect at once; the stamp catches other processes' changes.
 */
const writesHere = new WeakMap<Database, Map<number, number>>();

export function calendarWritesHere(db: Database, cityId: number): number {
  return writesHere.get(db)?.get(cityId) ?? 0;
}

function noteWrite(db: Database, cityId: number): void {
  const counts = writesHere.get(db) ?? new Map<number, number>();
  counts.set(cityId, (counts.get(cityId) ?? 0) + 1);
  writesHere.set(db, counts);
}

/** A stamp that changes with the city's calendar, for caches of calendarFor. */
export async function calendarStamp(db: Database, cityId: number): Promise<string> {
  return repo.calendarStamp(db, cityId);
}

export async function isWorkingDay(db: Database, cityId: number, day: string | Date): Promise<boolean> {
  return (await calendarFor(db, cityId)).isWorkingDay(typeof day === "string" ? day : localDay(day));
}

export async function addWorkingDays(db: Database, cityId: number, start: Date, n: number): Promise<Date> {
  return (await calendarFor(db, cityId)).addWorkingDays(start, n);
}

export async function addWorkingHours(db: Database, cityId: number, start: Date, hours: number): Promise<Date> {
  return (await calendarFor(db, cityId)).addWorkingHours(start, hours);
}

export async function elapsedFraction(db: Database, cityId: number, start: Date, deadline: Date, now: Date): Promise<number> {
  return (await calendarFor(db, cityId)).elapsedFraction(start, deadline, now);
}

export async function trafficLight(db: Database, cityId: number, start: Date, deadline: Date, now: Date): Promise<Light> {
  return (await calendarFor(db, cityId)).light(start, deadline, now);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * The city a caller's calendar request is about, and the path of that city's root node when the
 * caller holds a role there (every path in a city starts with its root's id).
 */
async function cityFor(ctx: RequestContext, requested: number | undefined): Promise<{ actor: Actor; cityId: number; rootPath: string | null }> {
  const actor = requireActor(ctx);
  const ownCities = new Set<number>(actor.grants.map((grant) => grant.cityId).filter((id): id is number => id !== null));
  if (actor.cityId !== null) ownCities.add(actor.cityId);
  const reachesAll = actor.grants.some((grant) => grant.path === null);
  const cityId = requested ?? actor.cityId ?? [...ownCities][0];
  if (cityId === undefined) throw invalidField("city", "name the city whose calendar to read");
  if (!ownCities.has(cityId) && !(reachesAll && (await cityExists(ctx.db, cityId)))) throw notFound("城市");
  const grantPath = actor.grants.find((grant) => grant.cityId === cityId && grant.path !== null)?.path;
  return { actor, cityId, rootPath: grantPath ? `/${grantPath.split("/")[1]}/` : null };
}

function present(actor: Actor, rootPath: string | null, cityId: number, year: number, row: repo.CalendarYearRow | undefined, days: repo.CalendarDayRow[]): CalendarYear {
  return {
    cityId,
    year,
    configured: Boolean(row),
    version: row?.version ?? 0,
    days: days.map((day) => ({ date: day.day, kind: day.kind as DayKind, name: day.name })),
    workingHours: WORKING_HOURS.map((segment) => ({ from: hhmm(segment.from), to: hhmm(segment.to) })),
    updatedAt: row?.updatedAt.toISOString() ?? null,
    abilities: { manage: rootPath !== null && can(actor, "calendar.manage", rootPath) },
  };
}

/** Anyone signed in reads their city's calendar: deadlines everywhere are counted on it. */
export async function getYear(ctx: RequestContext, year: number, city?: number): Promise<CalendarYear> {
  const { actor, cityId, rootPath } = await cityFor(ctx, city);
  const row = await repo.findYear(ctx.db, cityId, year);
  return present(actor, rootPath, cityId, year, row, row ? await repo.daysOfYear(ctx.db, cityId, year) : []);
}

function checkDays(year: number, days: z.infer<typeof PutCalendarBody>["days"]): void {
  const seen = new Set<string>();
  days.forEach((day, index) => {
    if (!day.date.startsWith(`${year}-`)) throw invalidField(`days.${index}.date`, `not in ${year}`);
    if (seen.has(day.date)) throw invalidField(`days.${index}.date`, "listed twice");
    seen.add(day.date);
    const dow = new Date(`${day.date}T00:00:00Z`).getUTCDay();
    if (day.kind === "workday" && dow !== 0 && dow !== 6) throw invalidField(`days.${index}.kind`, "a swapped working day (调休) falls on a weekend");
  });
}

/** Replaces a year's holidays and swapped working days of the caller's city; its root holds calendar.manage. */
export async function putYear(ctx: RequestContext, body: z.infer<typeof PutCalendarBody>): Promise<CalendarYear> {
  // Refused before the city is looked up: a caller without the permission (a system role has no city) gets 403, not 400.
  const actor = requirePermission(ctx, "calendar.manage");
  const { cityId, rootPath } = await cityFor(ctx, undefined);
  // Everyone in the city reads the calendar, so a refusal here is 403, never 404.
  if (rootPath === null || !can(actor, "calendar.manage", rootPath)) throw forbidden();
  checkDays(body.year, body.days);
  const saved = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const existing = await repo.findYear(tx, cityId, body.year);
    const before = existing ? await repo.daysOfYear(tx, cityId, body.year) : [];
    let row: repo.CalendarYearRow | undefined;
    if (!existing) {
      if (body.version !== 0) throw versionConflict();
      row = await repo.insertYear(tx, { cityId, year: body.year, updatedBy: actor.userId, at });
    } else {
      row = await repo.bumpYear(tx, existing.id, body.version, actor.userId, at);
    }
    if (!row) throw versionConflict();
    const days = [...body.days].sort((a, b) => a.date.localeCompare(b.date));
    await repo.replaceDays(tx, cityId, body.year, days);
    audit({
      action: "calendar.update",
      entity: "calendar_year",
      entityId: row.id,
      cityId,
      before: existing ? { version: existing.version, days: before.map((day) => ({ date: day.day, kind: day.kind, name: day.name })) } : null,
      after: { version: row.version, days },
    });
    return present(actor, rootPath, cityId, body.year, row, await repo.daysOfYear(tx, cityId, body.year));
  });
  noteWrite(ctx.db, cityId);
  return saved;
}

/** For the demo loader and new cities: writes a year without a request (the caller records the audit entry). */
export async function seedYear(db: Database, cityId: number, year: number, days: readonly CalendarDaySpec[], at: Date): Promise<void> {
  const row = await repo.insertYear(db, { cityId, year, updatedBy: null, at });
  if (!row) return;
  await repo.replaceDays(db, cityId, year, [...days]);
  noteWrite(db, cityId);
}
