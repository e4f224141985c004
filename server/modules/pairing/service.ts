import type { z } from "zod";
import type { Coverage, CoverageQuery, CreatePairingBody, CreateVisitBody, EndPairingBody, Pairing, PairingQuery, Visit, VisitQuery } from "../../../shared/schemas/pairing";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import { personOfUser } from "../../platform/auth/service";
import type { RequestContext } from "../../platform/context";
import { conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, can, covers, requirePermission, scopeOf, visibleScope } from "../../platform/policy";
import { nodeRef, nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { auditOnly, write } from "../../platform/write";
import { maskNamesIn } from "../../../shared/mask";
import { householdFacts, householdMemberNames, personFacts } from "../people/service";
import { raiseClue } from "../problems/service";
import { listScope, nodeAt } from "./access";
import { insertSuggestionFor, openConflict } from "./conflicts";
import * as repo from "./repository";

/** The period of `months` calendar months (Asia/Shanghai) a day falls in, counted from January. */
export function periodOf(day: string, months: number): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const first = Math.floor((Number(day.slice(5, 7)) - 1) / months) * months + 1;
  const last = first + months - 1;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** The quarter a day falls in: the default period of visit coverage. */
export function quarterOf(day: string): { from: string; to: string } {
  return periodOf(day, 3);
}

/** The current period of the city's visit coverage (a quarter unless the city chose otherwise). */
async function currentPeriod(ctx: RequestContext, cityId: number | null): Promise<{ from: string; to: string }> {
  const months = cityId === null ? 3 : (await repo.settingsOf(ctx.db, cityId)).periodMonths;
  return periodOf(today(ctx), months);
}

/** The city's visit period, for anyone who reads pairings. */
export async function getSettings(ctx: RequestContext) {
  const actor = requirePermission(ctx, "pairing.read");
  if (actor.cityId === null) throw forbidden();
  return repo.settingsOf(ctx.db, actor.cityId);
}

/** Sets the city's visit period: pairing.manage at the city's root. */
export async function updateSettings(ctx: RequestContext, body: { version: number; periodMonths: number }) {
  const actor = requirePermission(ctx, "pairing.manage");
  const rootPath = actor.grants.find((grant) => grant.cityId === actor.cityId && grant.path)?.path;
  if (actor.cityId === null || !rootPath) throw forbidden();
  // Every account of the city reads the period, so one that may not change it gets 403, not 404.
  const root = await nodeRef(ctx.db, Number(rootPath.split("/")[1]));
  if (!root || !can(actor, "pairing.manage", root.path)) throw forbidden();
  const cityId = actor.cityId;
  const before = await repo.settingsOf(ctx.db, cityId);
  if (before.version !== body.version) throw versionConflict();
  await write(ctx, async (tx, audit) => {
    if (!(await repo.saveSettings(tx, cityId, body.version, body.periodMonths, ctx.clock.now()))) throw versionConflict();
    audit({ action: "pairing.settings", entity: "pairing_settings", entityId: cityId, nodeId: root.id, cityId, before: { periodMonths: before.periodMonths }, after: { periodMonths: body.periodMonths } });
  });
  return repo.settingsOf(ctx.db, cityId);
}

function today(ctx: RequestContext): string {
  return localDay(ctx.clock.now());
}

function notInFuture(ctx: RequestContext, day: string | undefined, field: string): string {
  const now = today(ctx);
  if (day === undefined) return now;
  if (day > now) throw invalidField(field, "不能晚于今天 (cannot be in the future)");
  return day;
}

// --- pairings

async function presentPairings(db: Database, rows: repo.PairingRow[]): Promise<z.infer<typeof Pairing>[]> {
  if (rows.length === 0) return [];
  const cityId = rows[0]!.cityId;
  const [people, homes, nodes, last] = await Promise.all([
    personFacts(db, cityId, rows.map((row) => row.personId)),
    householdFacts(db, rows.flatMap((row) => (row.householdId === null ? [] : [row.householdId]))),
    nodeRefs(db, rows.map((row) => row.nodeId)),
    repo.lastVisits(db, rows.map((row) => row.id)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    personName: people.get(row.personId)?.name ?? "",
    post: row.post as "county_leader" | "township_cadre",
    target: row.target as "household" | "village",
    householdId: row.householdId,
    householdCode: row.householdId === null ? null : (homes.get(row.householdId)?.code ?? null),
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    reason: row.reason,
    endReason: row.endReason,
    successorId: row.successorId,
    lastVisitOn: last.get(row.id) ?? null,
    version: row.version,
  }));
}

export async function listPairings(ctx: RequestContext, query: z.infer<typeof PairingQuery>) {
  const { scope } = await listScope(ctx, "pairing.read", query.org);
  const dueSince = query.due === "true" ? (await currentPeriod(ctx, ctx.actor?.cityId ?? null)).from : undefined;
  const filter = { scope, personId: query.person, householdId: query.household, post: query.post, target: query.target, history: query.history === "true" && !dueSince, dueSince };
  const { rows, total } = await repo.listPairings(ctx.db, filter, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: await presentPairings(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

/** The paired person must hold the post now, in the city of the target. */
async function pairablePerson(db: Database, cityId: number, personId: number, post: string | undefined, field: string) {
  const person = (await personFacts(db, cityId, [personId])).get(personId);
  if (!person) throw invalidField(field, "人员不存在 (no such person in this city)");
  const held: string[] = person.posts.filter((p) => p === "county_leader" || p === "township_cadre");
  const chosen = post ?? held[0];
  if (!chosen || !held.includes(chosen)) throw invalidField(field, "该人员不是县级领导或乡镇干部 (the person holds no county-leader or township-cadre post)");
  return { person, post: chosen };
}

/** Where a pairing points: a household's micro-grid, or a village or community. */
async function targetOf(ctx: RequestContext, body: { target: "household" | "village"; householdId?: number; villageId?: number }, permission: "pairing.manage" | "pairing.visit") {
  if (body.target === "household") {
    if (body.householdId === undefined) throw invalidField("householdId", "请选择住户 (choose a household)");
    const household = (await householdFacts(ctx.db, [body.householdId])).get(body.householdId);
    if (!household) throw notFound("住户");
    return { node: await nodeAt(ctx, household.nodeId, permission), household };
  }
  if (body.villageId === undefined) throw invalidField("villageId", "请选择村或社区 (choose a village or community)");
  const node = await nodeAt(ctx, body.villageId, permission);
  if (node.kind !== "village" && node.kind !== "community") throw invalidField("villageId", "请选择村或社区 (choose a village or community)");
  return { node, household: undefined };
}

export async function createPairing(ctx: RequestContext, body: z.infer<typeof CreatePairingBody>) {
  const actor = requirePermission(ctx, "pairing.manage");
  const { node, household } = await targetOf(ctx, body, "pairing.manage");
  const { person, post } = await pairablePerson(ctx.db, node.cityId, body.personId, body.post, "personId");
  const startedOn = notInFuture(ctx, body.startedOn, "startedOn");
  const target = household ? { householdId: household.id } : { villageId: node.id };
  if (await repo.activePairing(ctx.db, node.cityId, person.id, target)) throw conflict("该人员已与此对象结对 (already paired)", "duplicate");
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertPairing(tx, {
      cityId: node.cityId,
      personId: person.id,
      post,
      target: body.target,
      householdId: household?.id ?? null,
      nodeId: node.id,
      startedOn,
      reason: body.reason,
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    audit({ action: "pairing.create", entity: "pairing", entityId: created.id, nodeId: node.id, cityId: node.cityId, after: { personId: person.id, post, target: body.target, householdId: household?.id ?? null, startedOn } });
    return created;
  });
  return (await presentPairings(ctx.db, [row]))[0]!;
}

/** Ends a pairing; with a successor (a cadre moved on) the same household passes to them, and both rows stay as history. */
export async function endPairing(ctx: RequestContext, id: number, body: z.infer<typeof EndPairingBody>) {
  requirePermission(ctx, "pairing.manage");
  const pairing = await repo.findPairing(ctx.db, id);
  const node = pairing ? (await nodeRefs(ctx.db, [pairing.nodeId])).get(pairing.nodeId) : undefined;
  if (!pairing || !node) throw notFound("结对");
  authorizeAt(ctx, "pairing.manage", node.path);
  if (pairing.endedOn) throw conflict("该结对已结束 (the pairing has ended)", "invalid_transition");
  if (pairing.version !== body.version) throw versionConflict();
  const endedOn = notInFuture(ctx, body.endedOn, "endedOn");
  if (endedOn < pairing.startedOn) throw invalidField("endedOn", "不能早于结对开始日期 (before the pairing started)");
  const successor = body.successorPersonId === undefined ? undefined : await pairablePerson(ctx.db, pairing.cityId, body.successorPersonId, undefined, "successorPersonId");
  if (successor && successor.person.id === pairing.personId) throw invalidField("successorPersonId", "接替人不能是原结对人 (the successor must be someone else)");
  const at = ctx.clock.now();
  const result = await write(ctx, async (tx, audit) => {
    const ended = await repo.endPairing(tx, id, body.version, { endedOn, endReason: body.reason, successorId: null }, at);
    if (!ended) throw versionConflict();
    audit({ action: "pairing.end", entity: "pairing", entityId: id, nodeId: node.id, cityId: node.cityId, before: { endedOn: null }, after: { endedOn, reason: body.reason, successorPersonId: successor?.person.id ?? null } });
    if (!successor) return { ended, next: null };
    const next = await repo.insertPairing(tx, {
      cityId: pairing.cityId,
      personId: successor.person.id,
      post: successor.post,
      target: pairing.target,
      householdId: pairing.householdId,
      nodeId: pairing.nodeId,
      startedOn: endedOn,
      reason: `接替：${body.reason}`,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: at,
      updatedAt: at,
    });
    await repo.setSuccessor(tx, id, next.id);
    audit({ action: "pairing.create", entity: "pairing", entityId: next.id, nodeId: node.id, cityId: node.cityId, after: { personId: successor.person.id, post: successor.post, predecessorId: id, startedOn: endedOn } });
    return { ended: { ...ended, successorId: next.id }, next };
  });
  const [ended, next] = await presentPairings(ctx.db, result.next ? [result.ended, result.next] : [result.ended]);
  return { ended: ended!, successor: next ?? null };
}

/** The caller's own households and villages, with what is due this period (the person's to-do). */
export async function myHouseholds(ctx: RequestContext) {
  const actor = requirePermission(ctx, "pairing.read");
  const period = await currentPeriod(ctx, actor.cityId);
  const personId = await personOfUser(ctx.db, actor.userId);
  if (personId === null || actor.cityId === null) return { ...period, personId: null, items: [] };
  const rows = await repo.pairingsOfPerson(ctx.db, actor.cityId, personId);
  const [homes, nodes, last] = await Promise.all([
    householdFacts(ctx.db, rows.flatMap((row) => (row.householdId === null ? [] : [row.householdId]))),
    nodeRefs(ctx.db, rows.map((row) => row.nodeId)),
    repo.lastVisits(ctx.db, rows.map((row) => row.id)),
  ]);
  const items = rows.map((row) => {
    const home = row.householdId === null ? undefined : homes.get(row.householdId);
    const lastVisitOn = last.get(row.id) ?? null;
    return {
      pairingId: row.id,
      target: row.target as "household" | "village",
      householdId: row.householdId,
      householdCode: home?.code ?? null,
      address: home?.address ?? null,
      head: home?.head ?? null,
      nodeId: row.nodeId,
      nodeName: nodes.get(row.nodeId)?.name ?? "",
      lastVisitOn,
      due: lastVisitOn === null || lastVisitOn < period.from,
    };
  });
  // What is due comes first: the to-do before the done.
  items.sort((a, b) => Number(b.due) - Number(a.due));
  return { ...period, personId, items };
}

// --- visits

/** Phone and ID numbers written into a visit's notes (runs of 7 or more digits and an X) never leave the server whole. */
export function maskNumbers(text: string): string {
  return text.replace(/[0-9Xx]{7,}/g, (run) => `${run.slice(0, 3)}${"*".repeat(run.length - 3)}`);
}

/** Notes as lists show them: numbers hidden, and the household members' names cut to the family name. */
function maskNotes(text: string, members: readonly string[]): string {
  return maskNamesIn(maskNumbers(text), members);
}

function presentVisit(row: repo.VisitRow, names: Map<number, { name: string }>, nodes: Map<number, NodeRef>, members: Map<number, string[]>): z.infer<typeof Visit> {
  const known = row.householdId === null ? [] : (members.get(row.householdId) ?? []);
  return {
    id: row.id,
    pairingId: row.pairingId,
    personId: row.personId,
    personName: names.get(row.personId)?.name ?? "",
    householdId: row.householdId,
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    visitedOn: row.visitedOn,
    lon: row.lon,
    lat: row.lat,
    met: maskNotes(row.met, known),
    findings: maskNotes(row.findings, known),
    clueId: row.clueId,
    suggestionId: row.suggestionId,
    conflictId: row.conflictId,
  };
}

async function presentVisits(db: Database, rows: repo.VisitRow[]) {
  if (rows.length === 0) return [];
  const householdIds = rows.flatMap((row) => (row.householdId === null ? [] : [row.householdId]));
  const [names, nodes, members] = await Promise.all([
    personFacts(db, rows[0]!.cityId, rows.map((row) => row.personId)),
    nodeRefs(db, rows.map((row) => row.nodeId)),
    householdMemberNames(db, householdIds),
  ]);
  return rows.map((row) => presentVisit(row, names, nodes, members));
}

/** A visit's notes as written, to a role with person.reveal there; who read which visit, and when, is audited (never the text). */
export async function revealVisit(ctx: RequestContext, id: number) {
  requirePermission(ctx, "pairing.read");
  const row = await repo.findVisit(ctx.db, id);
  const node = row ? await nodeRef(ctx.db, row.nodeId) : undefined;
  if (!row || !node) throw notFound("走访");
  authorizeAt(ctx, "pairing.read", node.path);
  authorizeAt(ctx, "person.reveal", node.path);
  await auditOnly(ctx, { action: "pairing.visit.reveal", entity: "pairing_visit", entityId: id, nodeId: node.id, cityId: row.cityId, after: { fields: ["met", "findings"] } });
  return { met: row.met, findings: row.findings };
}

/**
 * A visit by the paired person themself (403 for a household they are not paired with), and what it
 * found, each finding made a record of the module that owns it and linked back, in one transaction.
 */
export async function logVisit(ctx: RequestContext, body: z.infer<typeof CreateVisitBody>) {
  const actor = requirePermission(ctx, "pairing.visit");
  const target = body.householdId !== undefined ? ("household" as const) : ("village" as const);
  if (body.householdId !== undefined && body.villageId !== undefined) throw invalidField("villageId", "住户与村只能选其一 (a household or a village, not both)");
  if (body.householdId === undefined && body.villageId === undefined) throw invalidField("householdId", "请选择住户或村 (choose a household or a village)");
  const { node, household } = await targetOf(ctx, { target, householdId: body.householdId, villageId: body.villageId }, "pairing.visit");
  const personId = await personOfUser(ctx.db, actor.userId);
  const pairing = personId === null ? undefined : await repo.activePairing(ctx.db, node.cityId, personId, household ? { householdId: household.id } : { villageId: node.id });
  if (!pairing) throw forbidden("您未与该住户结对，不能登记走访 (you are not paired with this household)");
  const visitedOn = notInFuture(ctx, body.visitedOn, "visitedOn");
  const conflictInput = body.raise?.conflict;
  if (conflictInput && !(await personFacts(ctx.db, node.cityId, [conflictInput.responsiblePersonId])).has(conflictInput.responsiblePersonId)) {
    throw invalidField("raise.conflict.responsiblePersonId", "责任人不存在 (no such person in this city)");
  }
  const at = ctx.clock.now();
  const row = await write(ctx, async (tx, audit) => {
    const visit = await repo.insertVisit(tx, {
      cityId: node.cityId,
      pairingId: pairing.id,
      personId: pairing.personId,
      householdId: household?.id ?? null,
      nodeId: node.id,
      visitedOn,
      lon: body.lon ?? null,
      lat: body.lat ?? null,
      met: body.met,
      findings: body.findings,
      createdBy: actor.userId,
      createdAt: at,
    });
    const origin = `pairing_visit:${visit.id}`;
    const links: { clueId?: number; suggestionId?: number; conflictId?: number } = {};
    if (body.raise?.problem) {
      links.clueId = await raiseClue(tx, audit, { cityId: node.cityId, nodeId: node.id, description: body.raise.problem.description, origin, createdBy: actor.userId, at });
    }
    if (body.raise?.suggestion) {
      links.suggestionId = await insertSuggestionFor(tx, audit, { cityId: node.cityId, nodeId: node.id, visitId: visit.id, content: body.raise.suggestion.content, proposedBy: actor.userId, at });
    }
    if (conflictInput) {
      const opened = await openConflict(tx, audit, {
        cityId: node.cityId,
        node,
        kind: conflictInput.kind,
        summary: conflictInput.summary,
        parties: conflictInput.parties,
        riskLevel: conflictInput.riskLevel,
        source: "visit",
        visitId: visit.id,
        eventId: null,
        responsiblePersonId: conflictInput.responsiblePersonId,
        reportedOn: visitedOn,
        createdBy: actor.userId,
        at,
      });
      links.conflictId = opened.id;
    }
    const linked = Object.keys(links).length > 0 ? await repo.linkVisit(tx, visit.id, links) : visit;
    audit({ action: "pairing.visit", entity: "pairing_visit", entityId: visit.id, nodeId: node.id, cityId: node.cityId, after: { pairingId: pairing.id, visitedOn, ...links } });
    return linked;
  });
  return (await presentVisits(ctx.db, [row]))[0]!;
}

export async function listVisits(ctx: RequestContext, query: z.infer<typeof VisitQuery>) {
  const { scope } = await listScope(ctx, "pairing.read", query.org);
  const { rows, total } = await repo.listVisits(ctx.db, { scope, personId: query.person, householdId: query.household, from: query.from, to: query.to }, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: await presentVisits(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

// --- coverage

const rate = (visited: number, paired: number) => (paired === 0 ? null : Math.round((1000 * visited) / paired) / 10);

/** Share of household pairings visited in the period (the current quarter unless named), by child node and by person behind. */
export async function coverage(ctx: RequestContext, query: z.infer<typeof CoverageQuery>): Promise<z.infer<typeof Coverage>> {
  const actor = requirePermission(ctx, "pairing.read");
  let node: NodeRef;
  if (query.org !== undefined) {
    node = await visibleNode(ctx, query.org);
    authorizeAt(ctx, "pairing.read", node.path);
  } else {
    const scope = scopeOf(actor, "pairing.read");
    const home = scope.all ? undefined : scope.paths[0];
    if (!home) throw invalidField("org", "请选择节点 (choose a node)");
    node = await visibleNode(ctx, Number(home.split("/").filter(Boolean).pop()));
  }
  const period = await currentPeriod(ctx, node.cityId);
  const from = query.from ?? period.from;
  const to = query.to ?? period.to;
  if (from > to) throw invalidField("to", "结束日期早于开始日期 (ends before it starts)");
  const [totals, byNode, behind] = await Promise.all([
    repo.coverageTotals(ctx.db, node.path, from, to),
    repo.coverageByNode(ctx.db, node.path, from, to),
    repo.personsBehind(ctx.db, node.path, from, to, 50),
  ]);
  // Each pairing counts under the child of the asked node whose subtree holds it: the path segment one level down.
  const byChild = new Map<number, { paired: number; visited: number }>();
  for (const row of byNode) {
    const child = Number(row.path.split("/").filter(Boolean)[node.depth + 1]);
    if (!Number.isInteger(child) || child <= 0) continue;
    const sum = byChild.get(child) ?? { paired: 0, visited: 0 };
    byChild.set(child, { paired: sum.paired + row.paired, visited: sum.visited + row.visited });
  }
  const [childNodes, names] = await Promise.all([nodeRefs(ctx.db, [...byChild.keys()]), personFacts(ctx.db, node.cityId, behind.map((row) => row.personId))]);
  const children = [...byChild.entries()]
    .flatMap(([id, sum]) => {
      const child = childNodes.get(id);
      return child && covers(visibleScope(actor), child.path) ? [{ nodeId: id, nodeName: child.name, paired: sum.paired, visited: sum.visited, rate: rate(sum.visited, sum.paired) }] : [];
    })
    .sort((a, b) => a.nodeName.localeCompare(b.nodeName, "zh"));
  return {
    from,
    to,
    nodeId: node.id,
    nodeName: node.name,
    paired: totals.paired,
    visited: totals.visited,
    rate: rate(totals.visited, totals.paired),
    neverVisited: totals.neverVisited,
    children,
    behind: behind.map((row) => ({ personId: row.personId, personName: names.get(row.personId)?.name ?? "", paired: row.paired, visited: row.visited, rate: rate(row.visited, row.paired) })),
  };
}
