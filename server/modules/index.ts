import type { FastifyInstance } from "fastify";
import { figureRoutes } from "./figures/routes";
import { orgRoutes } from "./orgs/routes";
import { peopleRoutes } from "./people/routes";

/** Every module's routes, registered by the app in this order. A new module adds one line here. */
export const moduleRoutes: ((app: FastifyInstance) => Promise<void>)[] = [
  orgRoutes,
  peopleRoutes,
  figureRoutes,
];
