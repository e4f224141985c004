import { type Permission, type RoleName } from "../../../shared/permissions";
import { ClaimQuery, ProjectQuery, ReportQuery } from "../../../shared/schemas/campaign";
import { EventQuery, type EventStage, type EventSummary } from "../../../shared/schemas/events";
import { ProblemQuery, type ProblemStatus } from "../../../shared/schemas/problems";
import type { Workbench, WorkItem, WorkSection, WorkSectionKey } from "../../../shared/schemas/workbench";
import type { Actor, RequestContext } from "../../platform/context";
import { can, requireActor } from "../../platform/policy";
import { listCampaigns, listClaims, listProjects, listReports } from "../campaign/service";
import { latestResults } from "../evaluation/results";
import { listEvents, summonsToAnswer } from "../events/service";
import { myHouseholds } from "../pairing/service";
import { listProblems } from "../problems/service";
import { cachedWorkbench } from "./cache";

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

/** 吹哨报到 the caller's departments still owe, the earliest due first; a late one is red. */
async function summonsSection(ctx: RequestContext): Promise<WorkSection> {
  const { total, items } = await summonsToAnswer(ctx, ITEMS_PER_SECTION);
  return {
    key: "event.summons",
    count: total,
    red: items.filter((item) => item.late).length,
    link: "/events",
    items: items.map((item) => ({ ...eventItem(item.event), place: `${item.departmentName} · ${item.event.nodeName}`, light: item.late ? "red" : "green", dueAt: item.dueAt })),
  };
}

/** Paired households and villages not visited yet this period (包村联户): the caller's own to-do. */
async function visitsDue(ctx: RequestContext): Promise<WorkSection> {
  const mine = await myHouseholds(ctx);
  const due = mine.items.filter((item) => item.due);
  const items: WorkItem[] = due.slice(0, ITEMS_PER_SECTION).map((item) => ({
    entity: "visit",
    id: item.pairingId,
    code: item.householdCode,
    title: item.target === "household" ? (item.address ?? item.nodeName) : item.nodeName,
    place: item.nodeName,
    light: null,
    dueAt: `${mine.to}T23:59:59+08:00`,
    link: item.householdId !== null ? `/pairing/visit?household=${item.householdId}` : `/pairing/visit?village=${item.nodeId}`,
  }));
  return { key: "visit.due", count: due.length, red: 0, link: "/pairing", items };
}

/** Bodies in the caller's reach graded D or E on the latest published boards (比一比): the worst ranked first. */
async function lowRankings(ctx: RequestContext): Promise<WorkSection> {
  const low = [...(await latestResults(ctx, { grade: "E" })).items, ...(await latestResults(ctx, { grade: "D" })).items];
  const items: WorkItem[] = low
    .sort((a, b) => (b.grade ?? "").localeCompare(a.grade ?? "") || (b.rank ?? 0) - (a.rank ?? 0))
    .slice(0, ITEMS_PER_SECTION)
    .map((row) => ({
      entity: "ranking",
      id: row.bodyId,
      code: row.grade,
      title: `${row.bodyName}（${row.periodLabel}${row.rank !== null ? ` · #${row.rank}` : ""}）`,
      place: row.parentName,
      light: row.grade === "E" ? "red" : "yellow",
      dueAt: null,
      link: `/evaluation/scorecard?period=${row.periodId}&kind=${row.bodyKind}&body=${row.bodyId}`,
    }));
  return { key: "evaluation.low", count: low.length, red: low.filter((row) => row.grade === "E").length, link: "/evaluation/results?grade=E", items };
}

type Builder = (ctx: RequestContext) => Promise<WorkSection>;

const WEEK_MS = 7 * 86_400_000;

/** What each role's day is made of, most pressing kind first; each needs its module and permission. */
const work: Partial<Record<RoleName, { key: WorkSectionKey; module: string; permission: Permission; build: Builder }[]>> = {
  grid_worker: [
    { key: "event.reported", module: "events", permission: "event.report", build: (ctx) => plainEventSection(ctx, "event.reported", "reported") },
    { key: "event.rejected", module: "events", permission: "event.report", build: (ctx) => plainEventSection(ctx, "event.rejected", "rejected", new Date(ctx.clock.now().getTime() - WEEK_MS)) },
  ],
  department_handler: [
    { key: "event.to_accept", module: "events", permission: "event.handle", build: (ctx) => eventSection(ctx, "event.to_accept", "dispatched") },
    { key: "event.to_feedback", module: "events", permission: "event.handle", build: (ctx) => eventSection(ctx, "event.to_feedback", "handling") },
    { key: "event.summons", module: "events", permission: "event.handle", build: summonsSection },
  ],
  township_cadre: [
    { key: "event.to_register", module: "events", permission: "event.dispatch", build: (ctx) => eventSection(ctx, "event.to_register", "reported") },
    { key: "event.to_dispatch", module: "events", permission: "event.dispatch", build: (ctx) => eventSection(ctx, "event.to_dispatch", "dispatching") },
    { key: "event.to_check", module: "events", permission: "event.check", build: (ctx) => eventSection(ctx, "event.to_check", "checking") },
    { key: "problem.to_assign", module: "problems", permission: "problem.manage", build: (ctx) => problemSection(ctx, "problem.to_assign", ["registered"]) },
    { key: "problem.to_check", module: "problems", permission: "problem.check", build: (ctx) => problemSection(ctx, "problem.to_check", ["submitted"]) },
    { key: "visit.due", module: "pairing", permission: "pairing.visit", build: visitsDue },
  ],
  village_secretary: [{ key: "problem.to_rectify", module: "problems", permission: "problem.manage", build: (ctx) => problemSection(ctx, "problem.to_rectify", ["returned", "assigned", "rectifying"]) }],
  supervisor: [
    { key: "event.to_check", module: "events", permission: "event.check", build: (ctx) => eventSection(ctx, "event.to_check", "checking") },
    { key: "problem.to_check", module: "problems", permission: "problem.check", build: (ctx) => problemSection(ctx, "problem.to_check", ["submitted"]) },
  ],
  leader: [
    { key: "event.red", module: "events", permission: "event.read", build: (ctx) => eventSection(ctx, "event.red", undefined, true) },
    { key: "problem.red", module: "problems", permission: "problem.read", build: (ctx) => problemSection(ctx, "problem.red", [undefined], "red") },
    { key: "project.late", module: "campaign", permission: "campaign.read", build: lateProjects },
    { key: "evaluation.low", module: "evaluation", permission: "evaluation.read", build: lowRankings },
    { key: "visit.due", module: "pairing", permission: "pairing.visit", build: visitsDue },
  ],
  campaign_admin: [
    { key: "claim.to_review", module: "campaign", permission: "campaign.review", build: (ctx) => reviews(ctx, "claim") },
    { key: "report.to_review", module: "campaign", permission: "campaign.review", build: (ctx) => reviews(ctx, "report") },
    { key: "event.red", module: "events", permission: "event.read", build: (ctx) => eventSection(ctx, "event.red", undefined, true) },
    { key: "problem.red", module: "problems", permission: "problem.read", build: (ctx) => problemSection(ctx, "problem.red", [undefined], "red") },
    { key: "project.late", module: "campaign", permission: "campaign.read", build: lateProjects },
  ],
};

const area: Record<string, keyof Workbench["badges"]> = { event: "events", problem: "problems", project: "campaign", claim: "campaign", report: "campaign", visit: "pairing" };

/** GET /api/workbench: the caller's work, by the roles it holds, within the reach of each. */
export async function workbench(ctx: RequestContext): Promise<Workbench> {
  const actor = requireActor(ctx);
  return cachedWorkbench(ctx.db, actor, ctx.clock.now(), () => build(ctx, actor));
}

async function build(ctx: RequestContext, actor: Actor): Promise<Workbench> {
  const built = new Set(ctx.modules.manifests.map((manifest) => manifest.name));
  const roles = [...new Set(actor.grants.map((grant) => grant.role))];
  // One build per kind of work, however many roles list it; built side by side (on PostgreSQL, in parallel).
  const chosen = new Map<WorkSectionKey, Builder>();
  for (const role of roles) {
    for (const entry of work[role] ?? []) {
      if (chosen.has(entry.key) || !built.has(entry.module) || !actor.grants.some((grant) => grant.path !== null && can(actor, entry.permission, grant.path))) continue;
      chosen.set(entry.key, entry.build);
    }
  }
  const sections = await Promise.all([...chosen.values()].map((builder) => builder(ctx)));
  const badges = { events: 0, problems: 0, campaign: 0, pairing: 0 };
  // Badges count what waits on the caller's own hand; what is only watched (red lights, late projects, rankings) is not.
  const watched = new Set<WorkSectionKey>(["event.red", "problem.red", "project.late", "evaluation.low"]);
  for (const section of sections) if (!watched.has(section.key)) badges[area[section.key.split(".")[0]!]!] += section.count;
  // Stable: sections with overdue work move up, the roles' order is kept otherwise.
  const ordered = [...sections.filter((section) => section.red > 0), ...sections.filter((section) => section.red === 0)];
  return { roles, sections: ordered, badges };
}
