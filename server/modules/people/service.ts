import type { z } from "zod";
import type { SourceFigures } from "../../../shared/figures";
import { isValidIdNumber, maskAddress, maskIdNumber, maskName, maskPhone } from "../../../shared/mask";
import type { CreatePersonBody, DeletePersonBody, Person, PersonQuery, UpdatePersonBody } from "../../../shared/schemas/people";
import type { Database } from "../../db/client";
import type { Actor, RequestContext } from "../../platform/context";
import { invalidField, notFound, versionConflict } from "../../platform/errors";
import { personAbilities } from "./policy";
import { authorizeAt, covers, requirePermission, scopeOf, visibleScope, type Scope } from "../../platform/policy";
import { auditOnly, write } from "../../platform/write";
import { nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import * as repo from "./repository";

/** People and households stay where they live: a node with living residents is not retired. */
export async function retireGuard(db: Database, nodeId: number): Promise<string | null> {
  return (await repo.countLivingAt(db, nodeId)) > 0 ? "该节点仍有人员或住户，请先迁出 (people or households still belong to this node; move them first)" : null;
}

function present(actor: Actor, person: repo.PersonRow, node: NodeRef | undefined, posts: repo.PostRow[]): z.infer<typeof Person> {
  return {
    id: person.id,
    nodeId: person.nodeId,
    nodeName: node?.name ?? "",
    name: person.name,
    gender: person.gender as "M" | "F",
    phone: maskPhone(person.phone),
    idNumber: maskIdNumber(person.idNumber),
    address: maskAddress(person.address),
    isPartyMember: person.isPartyMember,
    posts: posts.filter((post) => post.personId === person.id).map((post) => ({ post: post.post, title: post.title, nodeId: post.nodeId })),
    version: person.version,
    abilities: personAbilities(actor, node),
  };
}

async function presentMany(ctx: RequestContext, actor: Actor, rows: repo.PersonRow[]) {
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const posts = await repo.postsOf(ctx.db, rows.map((row) => row.id));
  return rows.map((row) => present(actor, row, nodes.get(row.nodeId), posts));
}

/** The scope of a list: the caller's whole reach, or one node of it (404 outside). */
async function listScope(ctx: RequestContext, permission: "person.read", orgId?: number): Promise<Scope> {
  const actor = requirePermission(ctx, permission);
  if (orgId === undefined) return scopeOf(actor, permission);
  const node = await visibleNode(ctx, orgId);
  authorizeAt(ctx, permission, node.path);
  return { all: false, paths: [node.path] };
}

export async function listPersons(ctx: RequestContext, query: z.infer<typeof PersonQuery>) {
  const actor = requirePermission(ctx, "person.read");
  const scope = await listScope(ctx, "person.read", query.org);
  const { rows, total } = await repo.listPersons(ctx.db, {
    scope,
    q: query.q,
    post: query.post,
    partyMember: query.partyMember === undefined ? undefined : query.partyMember === "true",
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentMany(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

/** A person the caller may act on with the permission: 404 outside what they can see, 403 inside without the right. */
async function personFor(ctx: RequestContext, id: number, permission: "person.read" | "person.manage" | "person.reveal") {
  const actor = requirePermission(ctx, "person.read");
  const person = await repo.findPerson(ctx.db, id);
  const node = person ? (await nodeRefs(ctx.db, [person.nodeId])).get(person.nodeId) : undefined;
  if (!person || !node || !covers(scopeOf(actor, "person.read"), node.path)) {
    if (person && node && covers(visibleScope(actor), node.path)) authorizeAt(ctx, "person.read", node.path);
    throw notFound("人员");
  }
  authorizeAt(ctx, permission, node.path);
  return { actor, person, node };
}

export async function getPerson(ctx: RequestContext, id: number) {
  const { actor, person } = await personFor(ctx, id, "person.read");
  return (await presentMany(ctx, actor, [person]))[0]!;
}

function checkIdNumber(idNumber: string | null | undefined): void {
  if (idNumber && !isValidIdNumber(idNumber)) throw invalidField("idNumber", "校验位不正确 (the check digit does not match)");
}

/** What the audit trail keeps of a person: the change, with personal data masked. */
function auditView(person: repo.PersonRow) {
  return {
    name: person.name,
    nodeId: person.nodeId,
    gender: person.gender,
    phone: maskPhone(person.phone),
    idNumber: maskIdNumber(person.idNumber),
    address: maskAddress(person.address),
    isPartyMember: person.isPartyMember,
    version: person.version,
  };
}

export async function createPerson(ctx: RequestContext, body: z.infer<typeof CreatePersonBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  const actor = authorizeAt(ctx, "person.manage", node.path);
  checkIdNumber(body.idNumber);
  const created = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.insertPerson(tx, {
      cityId: node.cityId,
      nodeId: node.id,
      name: body.name,
      gender: body.gender,
      phone: body.phone ?? null,
      idNumber: body.idNumber ?? null,
      address: body.address || null,
      isPartyMember: body.isPartyMember,
      createdAt: at,
      updatedAt: at,
    });
    audit({ action: "person.create", entity: "person", entityId: row.id, nodeId: node.id, cityId: node.cityId, after: auditView(row) });
    return row;
  });
  return present(actor, created, node, []);
}

export async function updatePerson(ctx: RequestContext, id: number, body: z.infer<typeof UpdatePersonBody>) {
  const { actor, person, node } = await personFor(ctx, id, "person.manage");
  checkIdNumber(body.idNumber);
  if (body.nodeId !== undefined && body.nodeId !== person.nodeId) {
    const target = await visibleNode(ctx, body.nodeId);
    authorizeAt(ctx, "person.manage", target.path);
    if (target.cityId !== node.cityId) throw invalidField("nodeId", "a person cannot move to another city");
  }
  const updated = await write(ctx, async (tx, audit) => {
    const { version, address, ...rest } = body;
    const row = await repo.updatePerson(tx, id, version, { ...rest, ...(address !== undefined ? { address: address || null } : {}) }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "person.update", entity: "person", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: auditView(person), after: auditView(row) });
    return row;
  });
  return (await presentMany(ctx, actor, [updated]))[0]!;
}

/** Soft delete: the person leaves every list, the row and its history stay. */
export async function deletePerson(ctx: RequestContext, id: number, body: z.infer<typeof DeletePersonBody>) {
  const { person } = await personFor(ctx, id, "person.manage");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updatePerson(tx, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "person.delete", entity: "person", entityId: id, nodeId: person.nodeId, cityId: person.cityId, before: auditView(person), after: { reason: body.reason } });
  });
}

/** Shows one field in clear to a role that needs it, and records that it was shown (never the value). */
export async function revealField(ctx: RequestContext, id: number, field: "phone" | "idNumber" | "address") {
  const { person } = await personFor(ctx, id, "person.reveal");
  await auditOnly(ctx, { action: "person.reveal", entity: "person", entityId: id, nodeId: person.nodeId, cityId: person.cityId, after: { field } });
  return { field, value: person[field] };
}

export async function listHouseholds(ctx: RequestContext, query: { org?: number; page: number; pageSize: number }) {
  const scope = await listScope(ctx, "person.read", query.org);
  const { rows, total } = await repo.listHouseholds(ctx.db, scope, (query.page - 1) * query.pageSize, query.pageSize);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  return {
    items: rows.map((row) => ({ ...row, address: maskAddress(row.address) ?? "", nodeName: nodes.get(row.nodeId)?.name ?? "" })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getHousehold(ctx: RequestContext, id: number) {
  const actor = requirePermission(ctx, "person.read");
  const household = await repo.findHousehold(ctx.db, id);
  const node = household ? (await nodeRefs(ctx.db, [household.nodeId])).get(household.nodeId) : undefined;
  if (!household || !node || !covers(scopeOf(actor, "person.read"), node.path)) throw notFound("住户");
  return {
    id: household.id,
    nodeId: household.nodeId,
    nodeName: node.name,
    code: household.code,
    address: maskAddress(household.address) ?? "",
    memberCount: household.members.length,
    members: household.members,
  };
}

export async function figuresFor(db: Database, node: NodeRef): Promise<SourceFigures> {
  const row = await repo.peopleFigures(db, { all: false, paths: [node.path] });
  return {
    "grid.workers": row.gridWorkers,
    "pairing.countyLeaders": row.countyLeaders,
    "pairing.townshipCadres": row.townshipCadres,
    "people.households": row.households,
    "people.partyMembers": row.partyMembers,
  };
}

/** Names of living persons of a city, for modules that show who leads or owns something. */
/** County-level leaders of a city, for modules that rank or pair them (their names are not masked: they hold public office). */
export function currentLeaders(db: Database, cityId: number): Promise<{ id: number; name: string; title: string }[]> {
  return repo.currentLeaders(db, cityId);
}

export function personNames(db: Database, cityId: number, ids: number[]): Promise<{ id: number; name: string }[]> {
  return repo.personNames(db, cityId, ids);
}

export interface PersonFacts {
  id: number;
  cityId: number;
  nodeId: number;
  name: string;
  isPartyMember: boolean;
  /** The posts the person holds now (county_leader, township_cadre …). */
  posts: string[];
}

/** Living persons of a city with their current posts, for modules that pair, assign or count people. No personal data. */
export async function personFacts(db: Database, cityId: number, ids: number[]): Promise<Map<number, PersonFacts>> {
  const rows = await repo.personFacts(db, cityId, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, { ...row, posts: row.posts ?? [] }]));
}

export interface HouseholdFacts {
  id: number;
  cityId: number;
  nodeId: number;
  code: string;
  /** Masked (personal data); the head of household's name masked too. */
  address: string;
  head: string | null;
}

/** Living households by id, masked, for modules that pair with or visit them. */
export async function householdFacts(db: Database, ids: number[]): Promise<Map<number, HouseholdFacts>> {
  const rows = await repo.householdFacts(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, { ...row, address: maskAddress(row.address) ?? "", head: maskName(row.head) }]));
}

/** Each household's members' names (personal data: for masking them in another module's free text, never shown). */
export async function householdMemberNames(db: Database, householdIds: number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  for (const row of await repo.householdMemberNames(db, [...new Set(householdIds)])) names.set(row.householdId, [...(names.get(row.householdId) ?? []), row.name]);
  return names;
}

/** Living persons with their node's kind and path: training places candidates and attendees by it. */
export function personPlaces(db: Database, cityId: number, ids: number[]) {
  return repo.personPlaces(db, cityId, ids);
}
