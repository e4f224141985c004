import { type Permission, type RoleName } from "../../../shared/permissions";
import { ClaimQuery, ProjectQuery, ReportQuery } from "../../../shared/schemas/campaign";
import { EventQuery, type EventStage, type EventSummary } from "../../../shared/schemas/events";
import { ProblemQuery, type ProblemStatus } from "../../../shared/schemas/problems";
import type { Workbench, WorkItem, WorkSection, WorkSectionKey } from "../../../shared/schemas/workbench";
import type { RequestContext } from "../../platform/context";
import { can, requireActor } from "../../platform/policy";
import { listCampaigns, listClaims, listProjects, listReports } from "../campaign/service";
import { listEvents } from "../events/service";
import { listProblems } from "../problems/service";

/** Items shown per section; the count covers them all. */
export const ITEMS_PER_SECTION = 8;

type Light = "green" | "yellow" | "red";
const lightRank: Record<Light, number> = { red: 0, yellow: 1, green: 2 };

/** Red first, then yellow, then green; the earliest due first within each; unknown last. */
function urgentFirst(a: WorkItem, b: WorkItem): number {
  const byLight = (a.light ? lightRank[a.light] : 3) - (b.light ? lightRank[b.light] : 3);
  if (byLight !== 0) return byLight;
  return (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999");
}

function eventItem(row: EventSummary): WorkItem {
  return {
    entity: "event",
    id: row.id,
    code: row.code,
    title: `${row.typeName}：${row.description}`.slice(0, 120),
    place: row.nodeName,
    light: row.timer?.light ?? null,
    dueAt: row.timer?.dueAt ?? null,
    link: `/events/${row.id}`,
  };
}

/**
 * Events of one stage (or any open stage, for `red`) in the caller's reach: the three lights are asked
 * apart so the overdue ones are always listed first, whatever their age, and the count is exact.
 */
async function eventSection(ctx: RequestContext, key: WorkSectionKey, stage: EventStage | undefined, onlyRed = false): Promise<WorkSection> {
  const lights: Light[] = onlyRed ? ["red"] : ["red", "yellow", "green"];
  const parts = [];
  for (const light of lights) parts.push({ light, page: await listEvents(ctx, EventQuery.parse({ stage, light, pageSize: ITEMS_PER_SECTION })) });
  const items = parts.flatMap((part) => part.page.items.map(eventItem)).sort(urgentFirst).slice(0, ITEMS_PER_SECTION);
  const count = parts.reduce((sum, part) => sum + part.page.total, 0);
  const red = parts.find((part) => part.light === "red")?.page.total ?? 0;
  const filter = new URLSearchParams({ ...(stage ? { stage } : {}), ...(onlyRed ? { light: "red" } : {}) });
  return { key, count, red, link: `/events?${filter.toString()}`, items };
}

/** Events of a stage that carries no clock (reported awaiting registration, rejected): newest first. */
async function plainEventSection(ctx: RequestContext, key: WorkSectionKey, stage: EventStage, from?: Date): Promise<WorkSection> {
  const page = await listEvents(ctx, EventQuery.parse({ stage, from: from?.toISOString(), pageSize: ITEMS_PER_SECTION }));
  const items = page.items.map(eventItem);
  return { key, count: page.total, red: items.filter((item) => item.light === "red").length, link: `/events?stage=${stage}`, items };
}

/** Problems of some statuses (or any open one with a red light), the nearest deadline first. */
async function problemSection(ctx: RequestContext, key: WorkSectionKey, statuses: (ProblemStatus | undefined)[], light?: Light): Promise<WorkSection> {
  let count = 0;
  let red = 0;
  const items: WorkItem[] = [];
  for (const status of statuses) {
    const page = await listProblems(ctx, ProblemQuery.parse({ status, light, sort: "deadline", pageSize: ITEMS_PER_SECTION }));
    count += page.total;
    red += light === "red" ? page.total : (await listProblems(ctx, ProblemQuery.parse({ status, light: "red", pageSize: 1 }))).total;
    for (const row of page.items) {
      items.push({ entity: "problem", id: row.id, code: row.code, title: row.title, place: row.responsibleNodeName ?? row.nodeName, light: row.light, dueAt: row.deadlineAt, link: `/problems/${row.id}` });
    }
  }
  const filter = new URLSearchParams({ ...(statuses.length === 1 && statuses[0] ? { status: statuses[0] } : {}), ...(light ? { light } : {}) });
  return { key, count, red, link: `/problems?${filter.toString()}`, items: items.sort(urgentFirst).slice(0, ITEMS_PER_SECTION) };
}

async function campaignIds(ctx: RequestContext): Promise<number[]> {
  return (await listCampaigns(ctx)).items.map((campaign) => campaign.id);
}

async function lateProjects(ctx: RequestContext): Promise<WorkSection> {
  let count = 0;
  const items: WorkItem[] = [];
  for (const campaign of await campaignIds(ctx)) {
    const page = await listProjects(ctx, ProjectQuery.parse({ campaign, late: "true", pageSize: ITEMS_PER_SECTION }));
    count += page.total;
    for (const row of page.items) items.push({ entity: "project", id: row.id, code: null, title: row.name, place: null, light: row.light, dueAt: row.deadline, link: `/campaign/projects/${row.id}` });
  }
  return { key: "project.late", count, red: count, link: "/campaign/projects?late=true", items: items.sort(urgentFirst).slice(0, ITEMS_PER_SECTION) };
}

/** Claims and reports handed in and waiting for the office, the oldest first. */
async function reviews(ctx: RequestContext, which: "claim" | "report"): Promise<WorkSection> {
  let count = 0;
  const items: WorkItem[] = [];
  for (const campaign of await campaignIds(ctx)) {
    if (which === "claim") {
      const page = await listClaims(ctx, ClaimQuery.parse({ campaign, status: "submitted", pageSize: ITEMS_PER_SECTION }));
      count += page.total;
      for (const row of page.items) {
        items.push({ entity: "claim", id: row.id, code: null, title: row.topicTitle, place: row.unit?.name ?? row.claimant?.name ?? null, light: null, dueAt: row.submittedAt, link: `/campaign/claims/${row.id}` });
      }
    } else {
      const page = await listReports(ctx, ReportQuery.parse({ campaign, status: "submitted", pageSize: ITEMS_PER_SECTION }));
      count += page.total;
      for (const row of page.items) {
        items.push({ entity: "report", id: row.id, code: null, title: `${row.projectName}（${row.progress}%）`, place: row.unit?.name ?? null, light: null, dueAt: row.submittedAt, link: `/campaign/projects/${row.projectId}` });
      }
    }
  }
  return { key: which === "claim" ? "claim.to_review" : "report.to_review", count, red: 0, link: which === "claim" ? "/campaign/claims" : "/campaign/reports", items: items.sort(urgentFirst).slice(0, ITEMS_PER_SECTION) };
}

type Builder = (ctx: RequestContext) => Promise<WorkSection>;

const WEEK_MS = 7 * 86_400_000;

/** What each role's day is made of, most pressing kind first; each needs its module and permission. */
const work: Partial<Record<RoleName, { module: string; permission: Permission; build: Builder }[]>> = {
  grid_worker: [
    { module: "events", permission: "event.report", build: (ctx) => plainEventSection(ctx, "event.reported", "reported") },
    { module: "events", permission: "event.report", build: (ctx) => plainEventSection(ctx, "event.rejected", "rejected", new Date(ctx.clock.now().getTime() - WEEK_MS)) },
  ],
  department_handler: [
    { module: "events", permission: "event.handle", build: (ctx) => eventSection(ctx, "event.to_accept", "dispatched") },
    { module: "events", permission: "event.handle", build: (ctx) => eventSection(ctx, "event.to_feedback", "handling") },
  ],
  township_cadre: [
    { module: "events", permission: "event.dispatch", build: (ctx) => eventSection(ctx, "event.to_register", "reported") },
    { module: "events", permission: "event.dispatch", build: (ctx) => eventSection(ctx, "event.to_dispatch", "dispatching") },
    { module: "events", permission: "event.check", build: (ctx) => eventSection(ctx, "event.to_check", "checking") },
    { module: "problems", permission: "problem.manage", build: (ctx) => problemSection(ctx, "problem.to_assign", ["registered"]) },
    { module: "problems", permission: "problem.check", build: (ctx) => problemSection(ctx, "problem.to_check", ["submitted"]) },
  ],
  village_secretary: [{ module: "problems", permission: "problem.manage", build: (ctx) => problemSection(ctx, "problem.to_rectify", ["returned", "assigned", "rectifying"]) }],
  supervisor: [
    { module: "events", permission: "event.check", build: (ctx) => eventSection(ctx, "event.to_check", "checking") },
    { module: "problems", permission: "problem.check", build: (ctx) => problemSection(ctx, "problem.to_check", ["submitted"]) },
  ],
  leader: [
    { module: "events", permission: "event.read", build: (ctx) => eventSection(ctx, "event.red", undefined, true) },
    { module: "problems", permission: "problem.read", build: (ctx) => problemSection(ctx, "problem.red", [undefined], "red") },
    { module: "campaign", permission: "campaign.read", build: lateProjects },
  ],
  campaign_admin: [
    { module: "campaign", permission: "campaign.review", build: (ctx) => reviews(ctx, "claim") },
    { module: "campaign", permission: "campaign.review", build: (ctx) => reviews(ctx, "report") },
    { module: "events", permission: "event.read", build: (ctx) => eventSection(ctx, "event.red", undefined, true) },
    { module: "problems", permission: "problem.read", build: (ctx) => problemSection(ctx, "problem.red", [undefined], "red") },
    { module: "campaign", permission: "campaign.read", build: lateProjects },
  ],
};

const area: Record<string, keyof Workbench["badges"]> = { event: "events", problem: "problems", project: "campaign", claim: "campaign", report: "campaign" };

/** GET /api/workbench: the caller's work, by the roles it holds, within the reach of each. */
export async function workbench(ctx: RequestContext): Promise<Workbench> {
  const actor = requireActor(ctx);
  const built = new Set(ctx.modules.manifests.map((manifest) => manifest.name));
  const roles = [...new Set(actor.grants.map((grant) => grant.role))];
  const sections: WorkSection[] = [];
  const seen = new Set<WorkSectionKey>();
  for (const role of roles) {
    for (const entry of work[role] ?? []) {
      if (!built.has(entry.module) || !actor.grants.some((grant) => grant.path !== null && can(actor, entry.permission, grant.path))) continue;
      const section = await entry.build(ctx);
      if (seen.has(section.key)) continue;
      seen.add(section.key);
      sections.push(section);
    }
  }
  const badges = { events: 0, problems: 0, campaign: 0 };
  for (const section of sections) if (section.key !== "event.rejected" && !section.key.endsWith(".red") && section.key !== "project.late") badges[area[section.key.split(".")[0]!]!] += section.count;
  // Stable: sections with overdue work move up, the roles' order is kept otherwise.
  const ordered = [...sections.filter((section) => section.red > 0), ...sections.filter((section) => section.red === 0)];
  return { roles, sections: ordered, badges };
}
