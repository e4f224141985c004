import type { z } from "zod";
import type { AddTeamMemberBody, CreateMemberReportBody, CreateTeamBody, LogServiceBody, ServiceQuery } from "../../../shared/schemas/pairing";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, requirePermission } from "../../platform/policy";
import { nodeRef, nodeRefs } from "../../platform/tree";
import { write } from "../../platform/write";
import { partyOrgFacts } from "../orgs/service";
import { personFacts } from "../people/service";
import { listScope, nodeAt } from "./access";
import * as repo from "./repository";

/** 党员下沉: organ party organisations paired with communities, members reporting where they live, volunteer teams. */

const paging = (query: { page: number; pageSize: number }) => ({ limit: query.pageSize, offset: (query.page - 1) * query.pageSize });

function today(ctx: RequestContext): string {
  return localDay(ctx.clock.now());
}

export async function listOrganPairings(ctx: RequestContext, query: z.infer<typeof ServiceQuery>) {
  const { scope } = await listScope(ctx, "service.read", query.org);
  const { limit, offset } = paging(query);
  const { rows, total } = await repo.listOrganPairings(ctx.db, scope, limit, offset);
  const [orgs, nodes] = await Promise.all([partyOrgFacts(ctx.db, rows.map((row) => row.partyOrgId)), nodeRefs(ctx.db, rows.map((row) => row.nodeId))]);
  const items = rows.map((row) => ({ id: row.id, partyOrgId: row.partyOrgId, partyOrgName: orgs.get(row.partyOrgId)?.name ?? "", nodeId: row.nodeId, nodeName: nodes.get(row.nodeId)?.name ?? "", startedOn: row.startedOn }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function listPairedCommunities(ctx: RequestContext, query: z.infer<typeof ServiceQuery>) {
  const { scope } = await listScope(ctx, "service.read", query.org);
  const { limit, offset } = paging(query);
  const { rows, total } = await repo.listPairedCommunities(ctx.db, scope, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  return { items: rows.map((row) => ({ nodeId: row.nodeId, nodeName: nodes.get(row.nodeId)?.name ?? "", organs: row.organs })), total, page: query.page, pageSize: query.pageSize };
}

export async function createOrganPairing(ctx: RequestContext, body: { partyOrgId: number; nodeId: number }) {
  requirePermission(ctx, "service.manage");
  const node = await nodeAt(ctx, body.nodeId, "service.manage");
  // Communities, and villages of the streets (城中村), take organ organisations.
  if (node.kind !== "community" && node.kind !== "village") throw invalidField("nodeId", "请选择社区或村 (choose a community or village)");
  const org = (await partyOrgFacts(ctx.db, [body.partyOrgId])).get(body.partyOrgId);
  if (!org || org.cityId !== node.cityId || org.retired || !org.organ) throw invalidField("partyOrgId", "请选择本市的机关党组织 (choose a city-organ party organisation)");
  if (await repo.organPairingExists(ctx.db, org.id, node.id)) throw conflict("已结对 (already paired)", "duplicate");
  const startedOn = today(ctx);
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertOrganPairing(tx, { cityId: node.cityId, partyOrgId: org.id, nodeId: node.id, startedOn, createdAt: ctx.clock.now() });
    audit({ action: "service.organ_pair", entity: "service_organ_pairing", entityId: created.id, nodeId: node.id, cityId: node.cityId, after: { partyOrgId: org.id } });
    return created;
  });
  return { id: row.id, partyOrgId: org.id, partyOrgName: org.name, nodeId: node.id, nodeName: node.name, startedOn };
}

async function presentReports(db: Database, rows: repo.MemberReportRow[]) {
  if (rows.length === 0) return [];
  const [people, nodes] = await Promise.all([personFacts(db, rows[0]!.cityId, rows.map((row) => row.personId)), nodeRefs(db, rows.map((row) => row.nodeId))]);
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    personName: people.get(row.personId)?.name ?? "",
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    post: row.post,
    reportedOn: row.reportedOn,
    hours: Math.round(row.minutes / 6) / 10,
    version: row.version,
  }));
}

export async function listMembers(ctx: RequestContext, query: z.infer<typeof ServiceQuery>) {
  const { scope } = await listScope(ctx, "service.read", query.org);
  const { limit, offset } = paging(query);
  const { rows, total } = await repo.listMemberReports(ctx.db, scope, limit, offset);
  return { items: await presentReports(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

/** 双报到: a party member reports to a community (or village) and takes a post there; one active report each. */
export async function reportMember(ctx: RequestContext, body: z.infer<typeof CreateMemberReportBody>) {
  requirePermission(ctx, "service.manage");
  const node = await nodeAt(ctx, body.nodeId, "service.manage");
  if (node.kind !== "community" && node.kind !== "village") throw invalidField("nodeId", "请选择社区或村 (choose a community or village)");
  const person = (await personFacts(ctx.db, node.cityId, [body.personId])).get(body.personId);
  if (!person) throw invalidField("personId", "人员不存在 (no such person in this city)");
  if (!person.isPartyMember) throw invalidField("personId", "该人员不是党员 (not a party member)");
  if (await repo.activeReportOf(ctx.db, node.cityId, person.id)) throw conflict("该党员已报到 (the member has already reported)", "duplicate");
  const reportedOn = body.reportedOn ?? today(ctx);
  if (reportedOn > today(ctx)) throw invalidField("reportedOn", "不能晚于今天 (cannot be in the future)");
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertMemberReport(tx, { cityId: node.cityId, personId: person.id, nodeId: node.id, post: body.post, reportedOn, createdAt: ctx.clock.now() });
    audit({ action: "service.report", entity: "service_member_report", entityId: created.id, nodeId: node.id, cityId: node.cityId, after: { personId: person.id, post: body.post, reportedOn } });
    return created;
  });
  return (await presentReports(ctx.db, [row]))[0]!;
}

export async function logHours(ctx: RequestContext, id: number, body: z.infer<typeof LogServiceBody>) {
  requirePermission(ctx, "service.manage");
  const report = await repo.findMemberReport(ctx.db, id);
  const node = report ? await nodeRef(ctx.db, report.nodeId) : undefined;
  if (!report || !node) throw notFound("报到记录");
  authorizeAt(ctx, "service.manage", node.path);
  if (report.version !== body.version) throw versionConflict();
  const happenedOn = body.happenedOn ?? today(ctx);
  if (happenedOn > today(ctx)) throw invalidField("happenedOn", "不能晚于今天 (cannot be in the future)");
  if (happenedOn < report.reportedOn) throw invalidField("happenedOn", "不能早于报到日期 (before the member reported)");
  const row = await write(ctx, async (tx, audit) => {
    const updated = await repo.logService(tx, report, body.version, { cityId: report.cityId, reportId: id, happenedOn, minutes: body.minutes, note: body.note, createdAt: ctx.clock.now() });
    if (!updated) throw versionConflict();
    audit({ action: "service.hours", entity: "service_member_report", entityId: id, nodeId: node.id, cityId: report.cityId, before: { minutes: report.minutes }, after: { minutes: updated.minutes, happenedOn } });
    return updated;
  });
  return (await presentReports(ctx.db, [row]))[0]!;
}

export async function listTeams(ctx: RequestContext, query: z.infer<typeof ServiceQuery>) {
  const { scope } = await listScope(ctx, "service.read", query.org);
  const { limit, offset } = paging(query);
  const { rows, total } = await repo.listTeams(ctx.db, scope, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.team.nodeId));
  const items = rows.map(({ team, members }) => ({ id: team.id, nodeId: team.nodeId, nodeName: nodes.get(team.nodeId)?.name ?? "", name: team.name, focus: team.focus, members }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function createTeam(ctx: RequestContext, body: z.infer<typeof CreateTeamBody>) {
  requirePermission(ctx, "service.manage");
  const node = await nodeAt(ctx, body.nodeId, "service.manage");
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertTeam(tx, { cityId: node.cityId, nodeId: node.id, name: body.name, focus: body.focus, createdAt: ctx.clock.now() });
    audit({ action: "service.team", entity: "service_volunteer_team", entityId: created.id, nodeId: node.id, cityId: node.cityId, after: { name: body.name } });
    return created;
  });
  return { id: row.id, nodeId: node.id, nodeName: node.name, name: row.name, focus: row.focus, members: 0 };
}

export async function addTeamMember(ctx: RequestContext, id: number, body: z.infer<typeof AddTeamMemberBody>) {
  requirePermission(ctx, "service.manage");
  const team = await repo.findTeam(ctx.db, id);
  const node = team ? await nodeRef(ctx.db, team.nodeId) : undefined;
  if (!team || !node) throw notFound("志愿服务队");
  authorizeAt(ctx, "service.manage", node.path);
  if (!(await personFacts(ctx.db, team.cityId, [body.personId])).has(body.personId)) throw invalidField("personId", "人员不存在 (no such person in this city)");
  await write(ctx, async (tx, audit) => {
    if (!(await repo.addTeamMember(tx, { cityId: team.cityId, teamId: id, personId: body.personId, joinedOn: today(ctx) }))) throw conflict("已是队员 (already a member)", "duplicate");
    audit({ action: "service.team_member", entity: "service_volunteer_team", entityId: id, nodeId: node.id, cityId: team.cityId, after: { personId: body.personId } });
  });
  return { ok: true as const };
}
