import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CalendarParams, CalendarQuery, CalendarYear, PutCalendarBody } from "../../../shared/schemas/calendar";
import * as calendar from "./service";

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["calendar"];

  api.get("/api/calendar/:year", { schema: { tags, params: CalendarParams, querystring: CalendarQuery, response: { 200: CalendarYear } } }, async (request) =>
    calendar.getYear(request.ctx, request.params.year, request.query.city),
  );
  // The year travels in the body: the whole year's list is one document, replaced at once.
  api.put("/api/calendar", { schema: { tags, body: PutCalendarBody, response: { 200: CalendarYear } } }, async (request) =>
    calendar.putYear(request.ctx, request.body),
  );
}
