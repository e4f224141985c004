import type { FastifyInstance } from "fastify";
import { figureRoutes } from "./figures/routes";
import { orgRoutes } from "./orgs/routes";
import { peopleRoutes } from "./people/routes";
import { problemRoutes } from "./problems/routes";
import { calendarRoutes } from "../platform/calendar/routes";
import { campaignRoutes } from "./campaign/routes";
import { notificationRoutes } from "./notifications/routes";
import { eventRoutes } from "./events/routes";
import { open311Routes } from "./open311/routes";

/** Every module's routes, registered by the app in this order. A new module adds one line here. */
export const moduleRoutes: ((app: FastifyInstance) => Promise<void>)[] = [
  orgRoutes,
  peopleRoutes,
  figureRoutes,
  problemRoutes,
  calendarRoutes,
  campaignRoutes,
  notificationRoutes,
  eventRoutes,
  open311Routes,
];
