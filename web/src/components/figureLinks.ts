import { withQuery } from "../app/router";

/** The node a figure was computed for (Figures.org). */
export interface FigureOrg {
  id: number;
  kind: string;
}

/** Builds the route of the records behind a figure of one node, or null when there is no such list (yet). */
export type FigureRoute = (org: FigureOrg) => string | null;

const people = (query: Record<string, string>): FigureRoute => (org) => withQuery("/people", { org: org.id, ...query });
const nodes = (kind: string): FigureRoute => (org) => withQuery("/nodes", { org: org.id, kind });
/** Departments and functions are kept per city (GET /api/departments has no node filter): only the city's figure opens them. */
const cityDepartments = (view: "departments" | "functions"): FigureRoute => (org) =>
  org.kind === "city" ? withQuery("/departments", { inGrid: "true", view: view === "functions" ? "functions" : undefined }) : null;

/**
 * One table: figure key → the list that shows the records it counts, filtered to the node's subtree.
 * Each list's total equals the figure (the server computes both from the same records).
 * Modules that add figures (problems.*, campaign.*, events.* …) add their line here; a key without
 * a line is shown without a link.
 */
export const figureRoutes: Readonly<Record<string, FigureRoute>> = {
  "grid.microGrids": nodes("micro_grid"),
  "grid.grids": nodes("grid"),
  "grid.workers": people({ post: "grid_worker" }),
  "grid.departments": cityDepartments("departments"),
  "grid.functions": cityDepartments("functions"),
  "pairing.countyLeaders": people({ post: "county_leader" }),
  "pairing.townshipCadres": people({ post: "township_cadre" }),
  "cadres.reserve": people({ post: "reserve_cadre" }),
  "people.partyMembers": people({ partyMember: "true" }),
  "people.households": (org) => withQuery("/households", { org: org.id }),
  "service.organPartyOrgs": (org) => withQuery("/party-orgs", { org: org.id, organ: "true" }),
};

/** The route behind a figure, or null when the figure has no list. */
export function figureRoute(key: string, org: FigureOrg): string | null {
  const build = Object.prototype.hasOwnProperty.call(figureRoutes, key) ? figureRoutes[key] : undefined;
  return build ? build(org) : null;
}
