import { z } from "zod";
import { CalendarYear, PutCalendarBody } from "../../../shared/schemas/calendar";
import { request } from "./client";

export type CalendarYearData = z.output<typeof CalendarYear>;
export type CalendarDayData = CalendarYearData["days"][number];
export type PutCalendarInput = z.input<typeof PutCalendarBody>;

export const calendarApi = {
  /** The year's holidays and swapped working days of the caller's city (anyone signed in reads it). */
  get: (year: number, signal?: AbortSignal) => request("GET", `/calendar/${year}`, { schema: CalendarYear, signal }),
  /** Replaces the year's whole list (calendar.manage); version 0 creates the year. */
  put: (body: PutCalendarInput) => request("PUT", "/calendar", { schema: CalendarYear, body }),
};
