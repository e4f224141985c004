import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  CadreQuery,
  CreateGraduateBody,
  CreateMoveBody,
  Education,
  EnterCadreBody,
  ExitCadreBody,
  GraduateQuery,
  GraduateStatus,
  GraduateStatusBody,
  MoveKind,
  MoveQuery,
  UpdateCadreBody,
} from "../../../shared/schemas/cadres";
import type { SourceFigures } from "../../../shared/figures";
import type { Database } from "../../db/client";
import { cadreMoves, cadreReserve, graduatePlaces } from "../../db/schema";
import { localDay } from "../../platform/calendar/calendar";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { requirePermission, scopeOf, type Scope } from "../../platform/policy";
import { nodeRefFromJson, visibleNode, type NodeRef, type NodeRefJson } from "../../platform/tree";
import { write } from "../../platform/write";
import { personPlaces } from "../people/service";
import { examScoresOf, sessionsAttendedBy } from "../training/service";
import { graduateSteps, manageCadresAt, readCadresAt } from "./policy";
import * as repo from "./repository";

type Row = NonNullable<Awaited<ReturnType<typeof repo.findCadre>>>;

/** Whole years between a birth date and a day, both "YYYY-MM-DD". */
function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The day `years` years before `today`. */
const yearsBefore = (today: string, years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

function present({ row, node }: Row, today: string) {
  return {
    id: row.id,
    personId: row.personId,
    personName: row.personName,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    age: ageOn(row.birthDate, today),
    education: row.education as z.infer<typeof Education>,
    currentPost: row.currentPost,
    strengths: row.strengths,
    enteredOn: row.enteredOn,
    exitedOn: row.exitedOn,
    version: row.version,
  };
}

async function scopeFor(ctx: RequestContext, org: number | undefined): Promise<Scope> {
  const actor = requirePermission(ctx, "cadre.read");
  if (org === undefined) return scopeOf(actor, "cadre.read");
  const node = await visibleNode(ctx, org);
  readCadresAt(ctx, node.path);
  return { all: false, paths: [node.path] };
}

export async function listCadres(ctx: RequestContext, query: z.infer<typeof CadreQuery>) {
  const scope = await scopeFor(ctx, query.org);
  const today = localDay(ctx.clock.now());
  const { rows, total } = await repo.listCadres(
    ctx.db,
    {
      scope,
      q: query.q,
      education: query.education,
      status: query.status,
      // At least ageMin years old: born on or before today less ageMin years; at most ageMax: born after today less ageMax + 1 years.
      bornOnOrBefore: query.ageMin !== undefined ? yearsBefore(today, query.ageMin) : undefined,
      bornAfter: query.ageMax !== undefined ? yearsBefore(today, query.ageMax + 1) : undefined,
    },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: rows.map((row) => present(row, today)), total, page: query.page, pageSize: query.pageSize };
}

async function cadreFor(ctx: RequestContext, id: number, manage: boolean) {
  const found = await repo.findCadre(ctx.db, id);
  if (!found?.node) throw notFound("后备干部");
  const node = nodeRefFromJson(found.node);
  if (manage) manageCadresAt(ctx, node.path);
  else readCadresAt(ctx, node.path);
  return found;
}

/** A cadre's profile: the reserve's record, their training and test scores from the training module, their moves. */
export async function getCadre(ctx: RequestContext, id: number) {
  const found = await cadreFor(ctx, id, false);
  const { row } = found;
  const [tutor] = row.tutorPersonId ? await personPlaces(ctx.db, row.cityId, [row.tutorPersonId]) : [];
  const moves = await repo.movesOfPerson(ctx.db, row.personId);
  return {
    ...present(found, localDay(ctx.clock.now())),
    birthDate: row.birthDate,
    assessments: row.assessments as { year: number; grade: "优秀" | "称职" | "基本称职" | "不称职" }[],
    developmentPlan: row.developmentPlan,
    tutorPersonId: row.tutorPersonId,
    tutorName: tutor?.name ?? null,
    entryReason: row.entryReason,
    exitReason: row.exitReason,
    training: await sessionsAttendedBy(ctx.db, row.personId),
    exams: await examScoresOf(ctx.db, row.personId),
    moves: moves.map((move) => ({ id: move.id, kind: move.kind as z.infer<typeof MoveKind>, fromPost: move.fromPost, toPost: move.toPost, movedOn: move.movedOn })),
  };
}

async function personAt(ctx: RequestContext, cityId: number, personId: number, field: string) {
  const [person] = await personPlaces(ctx.db, cityId, [personId]);
  // A person of another city, or none: nothing to tell apart for the caller.
  if (!person) throw field === "personId" ? notFound("人员") : invalidField(field, "no such person");
  return person;
}

/** Entry into the reserve, with its reason: cadre.manage where the person sits. */
export async function enterCadre(ctx: RequestContext, body: z.infer<typeof EnterCadreBody>) {
  const actor = requirePermission(ctx, "cadre.manage");
  if (actor.cityId === null) throw notFound("人员");
  const person = await personAt(ctx, actor.cityId, body.personId, "personId");
  manageCadresAt(ctx, person.path);
  if (body.tutorPersonId !== null) await personAt(ctx, actor.cityId, body.tutorPersonId, "tutorPersonId");
  if (await repo.activeEntryOf(ctx.db, body.personId)) throw conflict("该人员已在后备干部库中 (already in the reserve)");
  const id = await write(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(cadreReserve)
      .values({ ...body, cityId: actor.cityId!, personId: person.id, personName: person.name, nodeId: person.nodeId })
      .returning({ id: cadreReserve.id });
    audit({ action: "cadre.enter", entity: "cadre_reserve", entityId: row!.id, cityId: actor.cityId, after: { personId: person.id, reason: body.entryReason } });
    return row!.id;
  });
  return getCadre(ctx, id);
}

export async function updateCadre(ctx: RequestContext, id: number, body: z.infer<typeof UpdateCadreBody>) {
  const found = await cadreFor(ctx, id, true);
  if (found.row.exitedOn) throw conflict("已退出后备干部库 (the cadre has left the reserve)");
  if (body.tutorPersonId) await personAt(ctx, found.row.cityId, body.tutorPersonId, "tutorPersonId");
  const { version, ...changes } = body;
  await write(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(cadreReserve)
      .set({ ...changes, updatedAt: ctx.clock.now(), version: sql`${cadreReserve.version} + 1` })
      .where(and(eq(cadreReserve.id, id), eq(cadreReserve.version, version)))
      .returning({ id: cadreReserve.id });
    if (!row) throw versionConflict();
    audit({ action: "cadre.update", entity: "cadre_reserve", entityId: id, cityId: found.row.cityId, before: { currentPost: found.row.currentPost }, after: changes });
  });
  return getCadre(ctx, id);
}

/** Exit from the reserve, with its date and reason; the record stays. */
export async function exitCadre(ctx: RequestContext, id: number, body: z.infer<typeof ExitCadreBody>) {
  const found = await cadreFor(ctx, id, true);
  if (found.row.exitedOn) throw conflict("已退出后备干部库 (the cadre has left the reserve)");
  if (body.exitedOn < found.row.enteredOn) throw invalidField("exitedOn", "before the day of entry");
  await write(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(cadreReserve)
      .set({ exitedOn: body.exitedOn, exitReason: body.exitReason, updatedAt: ctx.clock.now(), version: sql`${cadreReserve.version} + 1` })
      .where(and(eq(cadreReserve.id, id), eq(cadreReserve.version, body.version)))
      .returning({ id: cadreReserve.id });
    if (!row) throw versionConflict();
    audit({ action: "cadre.exit", entity: "cadre_reserve", entityId: id, cityId: found.row.cityId, after: { exitedOn: body.exitedOn, reason: body.exitReason } });
  });
  return getCadre(ctx, id);
}

const nodeName = (json: NodeRefJson | null) => json?.name ?? "";

export async function listMoves(ctx: RequestContext, query: z.infer<typeof MoveQuery>) {
  const scope = await scopeFor(ctx, query.org);
  const { rows, total } = await repo.listMoves(ctx.db, scope, query.kind, (query.page - 1) * query.pageSize, query.pageSize);
  return {
    items: rows.map(({ row, node }) => ({ ...row, kind: row.kind as z.infer<typeof MoveKind>, nodeName: nodeName(node), createdAt: undefined })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A rotation or a seconded cadre's return, dated: cadre.manage where the person sits. */
export async function createMove(ctx: RequestContext, body: z.infer<typeof CreateMoveBody>) {
  const actor = requirePermission(ctx, "cadre.manage");
  if (actor.cityId === null) throw notFound("人员");
  const person = await personAt(ctx, actor.cityId, body.personId, "personId");
  manageCadresAt(ctx, person.path);
  return write(ctx, async (tx, audit) => {
    const [row] = await tx.insert(cadreMoves).values({ ...body, cityId: actor.cityId!, personId: person.id, personName: person.name, nodeId: person.nodeId }).returning();
    audit({ action: "cadre.move", entity: "cadre_move", entityId: row!.id, cityId: actor.cityId, after: { kind: body.kind, movedOn: body.movedOn } });
    return { ...row!, kind: body.kind, nodeName: "", createdAt: undefined };
  });
}

function presentGraduate(row: typeof graduatePlaces.$inferSelect, node: NodeRefJson | null) {
  return { id: row.id, nodeId: row.nodeId, nodeName: nodeName(node), year: row.year, post: row.post, status: row.status as z.infer<typeof GraduateStatus>, candidateName: row.candidateName, note: row.note, version: row.version };
}

export async function listGraduates(ctx: RequestContext, query: z.infer<typeof GraduateQuery>) {
  const scope = await scopeFor(ctx, query.org);
  const { rows, total } = await repo.listGraduates(ctx.db, { scope, status: query.status, year: query.year }, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(({ row, node }) => presentGraduate(row, node)), total, page: query.page, pageSize: query.pageSize };
}

export async function createGraduate(ctx: RequestContext, body: z.infer<typeof CreateGraduateBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageCadresAt(ctx, node.path);
  if (node.kind !== "village" && node.kind !== "community") throw invalidField("nodeId", "graduates are recruited for a village or community");
  return write(ctx, async (tx, audit) => {
    const [row] = await tx.insert(graduatePlaces).values({ cityId: node.cityId, nodeId: node.id, year: body.year, post: body.post, note: body.note, status: "planned" }).returning();
    audit({ action: "cadre.graduate_plan", entity: "graduate_place", entityId: row!.id, cityId: node.cityId, after: { post: body.post } });
    return presentGraduate(row!, { ...node, retiredAt: null });
  });
}

/** Moves a graduate place a step through recruitment; hiring names the graduate. */
export async function setGraduateStatus(ctx: RequestContext, id: number, body: z.infer<typeof GraduateStatusBody>) {
  const found = await repo.findGraduate(ctx.db, id);
  if (!found) throw notFound("招录计划");
  manageCadresAt(ctx, found.path);
  const from = found.row.status as z.infer<typeof GraduateStatus>;
  if (!graduateSteps[from].includes(body.status)) throw conflict(`不能从「${from}」改为「${body.status}」 (not a step from ${from})`, "invalid_transition");
  const candidateName = body.candidateName ?? found.row.candidateName;
  if (body.status === "hired" && !candidateName) throw invalidField("candidateName", "name the graduate hired");
  return write(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(graduatePlaces)
      .set({ status: body.status, candidateName, note: body.note ?? found.row.note, updatedAt: ctx.clock.now(), version: sql`${graduatePlaces.version} + 1` })
      .where(and(eq(graduatePlaces.id, id), eq(graduatePlaces.version, body.version)))
      .returning();
    if (!row) throw versionConflict();
    audit({ action: "cadre.graduate_status", entity: "graduate_place", entityId: id, cityId: row.cityId, before: { status: from }, after: { status: body.status } });
    return presentGraduate(row, found.node);
  });
}

export async function figuresFor(db: Database, node: NodeRef): Promise<SourceFigures> {
  const row = await repo.cadreFigures(db, { all: false, paths: [node.path] });
  return { "cadres.reserve": row.reserve, "cadres.graduatePlan": row.graduates, "cadres.rotated": row.rotated, "cadres.secondedReturned": row.returned };
}
