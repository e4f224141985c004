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
/** Problem counts open the problem list with the figure's own condition (the server counts and lists alike). */
const problems = (figure: string): FigureRoute => (org) => withQuery("/problems", { org: org.id, figure });
/** Event counts open the event list with the same condition (a stage, or one of the server's drill sets). */
const events = (query: Record<string, string>): FigureRoute => (org) => withQuery("/events", { org: org.id, ...query });
/** Departments and functions are kept per city (GET /api/departments has no node filter): only the city's figure opens them. */
const cityDepartments = (view: "departments" | "functions"): FigureRoute => (org) =>
  org.kind === "city" ? withQuery("/departments", { inGrid: "true", view: view === "functions" ? "functions" : undefined }) : null;

/**
 * Campaign figures (campaign.*) open the list the campaign API names for each (the `href` of
 * GET /api/campaign/campaigns/:id/figures): /campaign/figure looks it up and goes there. Campaigns
 * hang at the city's root, so only the city's figure has records behind it.
 */
const campaignFigure = (key: string): FigureRoute => (org) => (org.kind === "city" ? withQuery("/campaign/figure", { key }) : null);

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
  "campaign.aspects": campaignFigure("campaign.aspects"),
  "campaign.items": campaignFigure("campaign.items"),
  "campaign.measures": campaignFigure("campaign.measures"),
  "campaign.projects": campaignFigure("campaign.projects"),
  "campaign.concreteProjects": campaignFigure("campaign.concreteProjects"),
  "campaign.taskForces": campaignFigure("campaign.taskForces"),
  "campaign.topicUnits": campaignFigure("campaign.topicUnits"),
  "campaign.topicContents": campaignFigure("campaign.topicContents"),
  "campaign.topicProjects": campaignFigure("campaign.topicProjects"),
  "campaign.requiredActions": campaignFigure("campaign.requiredActions"),
  "campaign.optionalActions": campaignFigure("campaign.optionalActions"),
  "problems.total": problems("problems.total"),
  "problems.open": problems("problems.open"),
  "problems.closed": problems("problems.closed"),
  "problems.due": problems("problems.due"),
  "problems.closedOnTime": problems("problems.closedOnTime"),
  "problems.overdue": problems("problems.overdue"),
  "problems.handled": problems("problems.handled"),
  "problems.reworked": problems("problems.reworked"),
  "problems.clues": (org) => withQuery("/problems/clues", { org: org.id, figure: "problems.clues" }),
  "problems.commonLists": (org) => withQuery("/problems/common", { org: org.id, status: "published" }),
  "events.total": events({}),
  "events.open": events({ drill: "open" }),
  "events.rejected": events({ stage: "rejected" }),
  "events.stage.reported": events({ stage: "reported" }),
  "events.stage.dispatching": events({ stage: "dispatching" }),
  "events.stage.dispatched": events({ stage: "dispatched" }),
  "events.stage.handling": events({ stage: "handling" }),
  "events.stage.checking": events({ stage: "checking" }),
  "events.stage.closed": events({ stage: "closed" }),
  "events.stage.evaluated": events({ stage: "evaluated" }),
  "events.stage.rejected": events({ stage: "rejected" }),
  "pairing.conflictsResolved": events({ drill: "conflicts_resolved" }),
  "problems.disclosedLists": (org) => withQuery("/problems/lists", { org: org.id, status: "published" }),
};

/** The route behind a figure, or null when the figure has no list. */
export function figureRoute(key: string, org: FigureOrg): string | null {
  const build = Object.prototype.hasOwnProperty.call(figureRoutes, key) ? figureRoutes[key] : undefined;
  return build ? build(org) : null;
}
