import { z } from "zod";
import { Id, optionalText } from "./common";

/** A calendar date, checked to exist (2026-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, "no such date");

export const Year = z.coerce.number().int().min(2000).max(2100);
export const CalendarDayKind = z.enum(["holiday", "workday"]);

export const CalendarDay = z.strictObject({
  date: IsoDate,
  kind: CalendarDayKind,
  name: optionalText(20).default(""),
});

export const CalendarParams = z.strictObject({ year: Year });
/** System roles belong to no city and name the one they look at; everyone else reads their own. */
export const CalendarQuery = z.strictObject({ city: Id.optional() });

/** Replaces a year's list of exceptions as a whole; version 0 creates the year. */
export const PutCalendarBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  version: z.number().int().min(0),
  days: z.array(CalendarDay).max(366),
});

export const CalendarYear = z.object({
  cityId: Id,
  year: z.number().int(),
  configured: z.boolean(),
  version: z.number().int(),
  days: z.array(z.object({ date: z.string(), kind: CalendarDayKind, name: z.string() })),
  workingHours: z.array(z.object({ from: z.string(), to: z.string() })),
  updatedAt: z.string().nullable(),
  abilities: z.object({ manage: z.boolean() }),
});
export type CalendarYear = z.infer<typeof CalendarYear>;
