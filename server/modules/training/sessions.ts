import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";
import type { z } from "zod";
import type {
  CheckInBody,
  ClassroomQuery,
  CreateClassroomBody,
  CreateFormBody,
  CreatePlanBody,
  CreateSessionBody,
  CreateTeacherBody,
  DecideLeaveBody,
  LeaveBody,
  PlanQuery,
  RosterBody,
  SessionQuery,
  TeacherQuery,
  TrainingTopic,
  CadreLevel,
  TeacherLevel,
} from "../../../shared/schemas/training";
import type { SourceFigures } from "../../../shared/figures";
import type { Database } from "../../db/client";
import type { trainingPlans, trainingTeachers } from "../../db/schema";
import type { RequestContext } from "../../platform/context";
import { badRequest, conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { can, hasPermission, requireActor, requirePermission, scopeOf } from "../../platform/policy";
import { cityRootIds, nodeRefFromJson, nodeRefs, visibleNode, type NodeRef, type NodeRefJson } from "../../platform/tree";
import { write } from "../../platform/write";
import { personPlaces } from "../people/service";
import { attendeePerson, cityOf, idsOnPath, manageAt, readAt } from "./policy";
import * as repo from "./repository";

/** A check-in code lives for one slot and the next: a photo of the screen is useless two minutes later. */
const CODE_SLOT_MS = 60_000;
/** The doors open this long before a session starts. */
const EARLY_CHECK_IN_MS = 30 * 60_000;

const iso = (date: Date) => date.toISOString();
const nodeOf = (json: NodeRefJson | null): NodeRef => {
  if (!json) throw notFound("组织节点");
  return nodeRefFromJson(json);
};

// --- classrooms, teachers, forms, plans

/** The caller's readable area, or the subtree of the node asked for within it. */
async function listArea(ctx: RequestContext, org: number | undefined) {
  const actor = requirePermission(ctx, "training.read");
  if (org === undefined) return scopeOf(actor, "training.read");
  const node = await visibleNode(ctx, org);
  readAt(ctx, node.path);
  return { all: false as const, paths: [node.path] };
}

export async function listClassrooms(ctx: RequestContext, query: z.infer<typeof ClassroomQuery>) {
  const scope = await listArea(ctx, query.org);
  const { rows, total } = await repo.listClassrooms(ctx.db, scope, query, (query.page - 1) * query.pageSize, query.pageSize);
  const items = rows.map(({ row, node }) => ({ id: row.id, nodeId: row.nodeId, nodeName: node?.name ?? "", kind: row.kind as "main" | "branch", name: row.name, address: row.address, version: row.version }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function createClassroom(ctx: RequestContext, body: z.infer<typeof CreateClassroomBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageAt(ctx, node.path);
  // The main classroom is the party school's, at the city; a branch classroom is a township's.
  const wanted = body.kind === "main" ? ["city"] : ["township", "street"];
  if (!wanted.includes(node.kind)) throw invalidField("nodeId", body.kind === "main" ? "the main classroom belongs to the city" : "a branch classroom belongs to a township or street");
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertClassroom(tx, { cityId: node.cityId, nodeId: node.id, kind: body.kind, name: body.name, address: body.address });
    audit({ action: "training.classroom_create", entity: "training_classroom", entityId: created.id, cityId: node.cityId, after: { name: body.name, kind: body.kind } });
    return created;
  });
  return { id: row.id, nodeId: row.nodeId, nodeName: node.name, kind: body.kind, name: row.name, address: row.address, version: row.version };
}

const presentTeacher = (row: typeof trainingTeachers.$inferSelect) => ({
  id: row.id,
  nodeId: row.nodeId,
  name: row.name,
  level: row.level as z.infer<typeof TeacherLevel>,
  unit: row.unit,
  topics: row.topics as TrainingTopic[],
  version: row.version,
});

export async function listTeachers(ctx: RequestContext, query: z.infer<typeof TeacherQuery>) {
  const scope = await listArea(ctx, query.org);
  const { rows, total } = await repo.listTeachers(ctx.db, scope, query, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(presentTeacher), total, page: query.page, pageSize: query.pageSize };
}

export async function createTeacher(ctx: RequestContext, body: z.infer<typeof CreateTeacherBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageAt(ctx, node.path);
  return write(ctx, async (tx, audit) => {
    const row = await repo.insertTeacher(tx, { cityId: node.cityId, nodeId: node.id, name: body.name, level: body.level, unit: body.unit, topics: body.topics });
    audit({ action: "training.teacher_create", entity: "training_teacher", entityId: row.id, cityId: node.cityId, after: { name: body.name, level: body.level } });
    return presentTeacher(row);
  });
}

export async function listForms(ctx: RequestContext) {
  const actor = requirePermission(ctx, "training.read");
  const rows = await repo.listForms(ctx.db, cityOf(actor));
  return { items: rows.map((row) => ({ id: row.id, name: row.name, seq: row.seq })) };
}

/** The city configures its forms of training: training.manage at the city's root. */
export async function createForm(ctx: RequestContext, body: z.infer<typeof CreateFormBody>) {
  const actor = requirePermission(ctx, "training.manage");
  const cityId = cityOf(actor);
  const roots = await nodeRefs(ctx.db, await cityRootIds(ctx.db));
  const root = [...roots.values()].find((node) => node.cityId === cityId);
  if (!root) throw notFound("组织节点");
  manageAt(ctx, root.path);
  const existing = await repo.listForms(ctx.db, cityId);
  if (existing.some((form) => form.name === body.name)) throw conflict("该培训形式已存在 (this form exists already)");
  return write(ctx, async (tx, audit) => {
    const row = await repo.insertForm(tx, { cityId, name: body.name, seq: existing.length + 1 });
    audit({ action: "training.form_create", entity: "training_form", entityId: row.id, cityId, after: { name: body.name } });
    return { id: row.id, name: row.name, seq: row.seq };
  });
}

const presentPlan = (plan: { row: typeof trainingPlans.$inferSelect; node: NodeRefJson | null; sessions: number }) => ({
  id: plan.row.id,
  nodeId: plan.row.nodeId,
  nodeName: plan.node?.name ?? "",
  year: plan.row.year,
  title: plan.row.title,
  sessions: plan.sessions,
  version: plan.row.version,
});

export async function listPlans(ctx: RequestContext, query: z.infer<typeof PlanQuery>) {
  const scope = await listArea(ctx, query.org);
  const { rows, total } = await repo.listPlans(ctx.db, scope, query, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(presentPlan), total, page: query.page, pageSize: query.pageSize };
}

export async function createPlan(ctx: RequestContext, body: z.infer<typeof CreatePlanBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageAt(ctx, node.path);
  const id = await write(ctx, async (tx, audit) => {
    const row = await repo.insertPlan(tx, { cityId: node.cityId, nodeId: node.id, year: body.year, title: body.title });
    audit({ action: "training.plan_create", entity: "training_plan", entityId: row.id, cityId: node.cityId, after: { year: body.year, title: body.title } });
    return row.id;
  });
  return presentPlan((await repo.findPlan(ctx.db, id))!);
}

// --- sessions

type SessionView = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;
function presentSession({ row, node, classroomName, formName, attended }: SessionView) {
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    planId: row.planId,
    classroomId: row.classroomId,
    classroomName,
    formId: row.formId,
    formName,
    topic: row.topic as TrainingTopic,
    title: row.title,
    teacherIds: row.teacherIds,
    audienceLevels: row.audienceLevels as CadreLevel[],
    audienceNodeIds: row.audienceNodeIds,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    place: row.place,
    attended,
    version: row.version,
  };
}

export async function listSessions(ctx: RequestContext, query: z.infer<typeof SessionQuery>) {
  const actor = requirePermission(ctx, "training.read");
  let scope = scopeOf(actor, "training.read");
  if (query.org !== undefined) {
    const node = await visibleNode(ctx, query.org);
    readAt(ctx, node.path);
    scope = { all: false, paths: [node.path] };
  }
  const { rows, total } = await repo.listSessions(ctx.db, { ...query, scope }, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(presentSession), total, page: query.page, pageSize: query.pageSize };
}

/** A session its reader may see: in their training.read scope, or one whose audience reaches the attendee. */
async function visibleSession(ctx: RequestContext, id: number): Promise<{ view: SessionView; node: NodeRef; manage: boolean; personId: number | null }> {
  const view = await repo.findSession(ctx.db, id);
  if (!view?.node) throw notFound("培训班次");
  const node = nodeOf(view.node);
  const actor = requireActor(ctx);
  if (can(actor, "training.read", node.path)) return { view, node, manage: can(actor, "training.manage", node.path), personId: null };
  // Not a reader here: an attendee sees the sessions meant for them; anyone else gets what the policy says (404 or 403).
  if (!hasPermission(actor, "training.attend")) readAt(ctx, node.path);
  const { personId } = await attendeeOf(ctx, view.row);
  return { view, node, manage: false, personId };
}

/** The attendee and their place, 404 unless the session's audience reaches them. */
async function attendeeOf(ctx: RequestContext, session: repo.SessionRow) {
  const { personId, cityId } = await attendeePerson(ctx);
  const [place] = await personPlaces(ctx.db, cityId, [personId]);
  if (!place || session.cityId !== cityId || !idsOnPath(place.path).some((nodeId) => session.audienceNodeIds.includes(nodeId))) throw notFound("培训班次");
  return { personId, place };
}

export async function getSession(ctx: RequestContext, id: number) {
  const { view, manage, personId } = await visibleSession(ctx, id);
  const teachers = await repo.teachersByIds(ctx.db, view.row.cityId, view.row.teacherIds);
  const leaves = await repo.leavesOf(ctx.db, id);
  const shown = personId === null ? leaves : leaves.filter((leave) => leave.personId === personId);
  const names = new Map((await personPlaces(ctx.db, view.row.cityId, shown.map((leave) => leave.personId))).map((p) => [p.id, p.name]));
  return {
    ...presentSession(view),
    teachers: teachers.map((teacher) => ({ id: teacher.id, name: teacher.name, level: teacher.level as z.infer<typeof TeacherLevel> })),
    leaves: shown.map((leave) => ({ id: leave.id, personId: leave.personId, personName: names.get(leave.personId) ?? "", reason: leave.reason, status: leave.status, version: leave.version })),
    abilities: { manage, attend: personId !== null },
  };
}

export async function createSession(ctx: RequestContext, body: z.infer<typeof CreateSessionBody>) {
  const classroom = await repo.findClassroom(ctx.db, body.classroomId);
  if (!classroom?.node || classroom.row.retiredAt) throw invalidField("classroomId", "no such classroom");
  const node = nodeOf(classroom.node);
  const actor = manageAt(ctx, node.path);
  const plan = await repo.findPlan(ctx.db, body.planId);
  if (!plan || plan.row.cityId !== node.cityId || !can(actor, "training.manage", plan.node?.path ?? "")) throw invalidField("planId", "no such plan you manage");
  const form = await repo.findForm(ctx.db, body.formId);
  if (!form || form.cityId !== node.cityId || form.retiredAt) throw invalidField("formId", "no such form of training");
  const teachers = await repo.teachersByIds(ctx.db, node.cityId, body.teacherIds);
  if (teachers.length !== new Set(body.teacherIds).size) throw invalidField("teacherIds", "no such teacher");
  for (const nodeId of body.audienceNodeIds) {
    const audience = await visibleNode(ctx, nodeId).catch(() => null);
    if (!audience || audience.cityId !== node.cityId) throw invalidField("audienceNodeIds", `node ${nodeId} is not one you can see`);
  }
  const id = await write(ctx, async (tx, audit) => {
    const created = await repo.insertSession(tx, {
      cityId: node.cityId,
      nodeId: node.id,
      planId: body.planId,
      classroomId: body.classroomId,
      formId: body.formId,
      topic: body.topic,
      title: body.title,
      teacherIds: [...new Set(body.teacherIds)],
      audienceLevels: [...new Set(body.audienceLevels)],
      audienceNodeIds: [...new Set(body.audienceNodeIds)],
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      place: body.place,
      checkInSecret: randomBytes(24).toString("base64url"),
    });
    audit({ action: "training.session_create", entity: "training_session", entityId: created, cityId: node.cityId, after: { title: body.title, startsAt: body.startsAt } });
    return created;
  });
  return getSession(ctx, id);
}

// --- attendance: QR check-in, the organiser's roster, leave

function signSlot(session: repo.SessionRow, slot: number): string {
  return createHmac("sha256", session.checkInSecret).update(`${session.id}.${slot}`).digest("base64url").slice(0, 22);
}

function inWindow(session: repo.SessionRow, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime() - EARLY_CHECK_IN_MS && now.getTime() <= session.endsAt.getTime();
}

/** The code shown as a QR code during the session: signed, naming its minute, refused once two minutes old. */
export async function checkInCode(ctx: RequestContext, id: number, origin: string) {
  const { view, node } = await visibleSession(ctx, id);
  manageAt(ctx, node.path);
  const now = ctx.clock.now();
  if (!inWindow(view.row, now)) throw badRequest("不在签到时间内 (check-in is open only during the session)");
  const slot = Math.floor(now.getTime() / CODE_SLOT_MS);
  const code = `${slot}.${signSlot(view.row, slot)}`;
  const url = `${origin}/#/my-training/check-in/${id}?code=${encodeURIComponent(code)}`;
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { code, url, qrSvg, expiresAt: iso(new Date((slot + 2) * CODE_SLOT_MS)) };
}

export async function checkIn(ctx: RequestContext, id: number, body: z.infer<typeof CheckInBody>) {
  const view = await repo.findSession(ctx.db, id);
  if (!view) throw notFound("培训班次");
  const { personId, place } = await attendeeOf(ctx, view.row);
  const now = ctx.clock.now();
  if (!inWindow(view.row, now)) throw badRequest("不在签到时间内 (check-in is open only during the session)");
  const [slotText, signature] = body.code.split(".");
  const slot = Number(slotText);
  const current = Math.floor(now.getTime() / CODE_SLOT_MS);
  const expected = Number.isInteger(slot) && signature ? Buffer.from(signSlot(view.row, slot)) : null;
  const valid = expected !== null && (slot === current || slot === current - 1) && expected.length === Buffer.byteLength(signature!) && timingSafeEqual(expected, Buffer.from(signature!));
  if (!valid) throw invalidField("code", "签到码无效或已过期 (the code is wrong or has expired)");
  // A second scan is refused rather than repeated: the attendee's phone shows they are in already.
  if (await repo.attendanceOfPerson(ctx.db, id, personId)) throw conflict("已签到 (already checked in)", "already_checked_in");
  const at = await recordAttendance(ctx, view.row, [{ id: personId, nodeId: place.nodeId }], "qr", { action: "training.check_in", after: { personId } });
  return { sessionId: id, at: iso(at) };
}

/** Attendance as either way in records it (the attendee's scan, the organiser's roster): one write with its audit entry. */
async function recordAttendance(ctx: RequestContext, session: repo.SessionRow, people: { id: number; nodeId: number }[], method: "qr" | "roster", entry: { action: string; after: Record<string, unknown> }) {
  const at = ctx.clock.now();
  const recordedBy = ctx.actor?.userId ?? null;
  await write(ctx, async (tx, audit) => {
    await repo.insertAttendance(tx, people.map((person) => ({ cityId: session.cityId, sessionId: session.id, personId: person.id, nodeId: person.nodeId, method, at, recordedBy })));
    audit({ action: entry.action, entity: "training_session", entityId: session.id, cityId: session.cityId, after: entry.after });
  });
  return at;
}

/** The organiser ticks the roster: each person must sit under the session's audience. */
export async function tickRoster(ctx: RequestContext, id: number, body: z.infer<typeof RosterBody>) {
  const { view, node } = await visibleSession(ctx, id);
  manageAt(ctx, node.path);
  const places = await personPlaces(ctx.db, view.row.cityId, [...new Set(body.personIds)]);
  const found = new Map(places.map((place) => [place.id, place]));
  const outside = body.personIds.filter((personId) => {
    const place = found.get(personId);
    return !place || !idsOnPath(place.path).some((nodeId) => view.row.audienceNodeIds.includes(nodeId));
  });
  if (outside.length > 0) throw invalidField("personIds", `not in the session's audience: ${outside.join(", ")}`);
  await recordAttendance(ctx, view.row, places, "roster", { action: "training.roster", after: { personIds: places.map((place) => place.id) } });
  return listAttendanceOf(ctx, id);
}

export async function listAttendanceOf(ctx: RequestContext, id: number) {
  const { view, node } = await visibleSession(ctx, id);
  readAt(ctx, node.path);
  const rows = await repo.attendanceOf(ctx.db, id);
  const names = new Map((await personPlaces(ctx.db, view.row.cityId, rows.map((row) => row.personId))).map((p) => [p.id, p.name]));
  return {
    items: rows.map((row) => ({ personId: row.personId, personName: names.get(row.personId) ?? "", nodeId: row.nodeId, method: row.method as "qr" | "roster", at: iso(row.at) })),
    total: rows.length,
  };
}

export async function requestLeave(ctx: RequestContext, id: number, body: z.infer<typeof LeaveBody>) {
  const view = await repo.findSession(ctx.db, id);
  if (!view) throw notFound("培训班次");
  const { personId, place } = await attendeeOf(ctx, view.row);
  if (ctx.clock.now() > view.row.endsAt) throw badRequest("培训已结束 (the session is over)");
  if (await repo.attendanceOfPerson(ctx.db, id, personId)) throw conflict("已签到，无需请假 (already checked in)");
  return write(ctx, async (tx, audit) => {
    const row = await repo.insertLeave(tx, { cityId: view.row.cityId, sessionId: id, personId, nodeId: place.nodeId, reason: body.reason, status: "pending" });
    if (!row) throw conflict("已提交请假 (a leave request exists already)");
    audit({ action: "training.leave_request", entity: "training_leave", entityId: row.id, cityId: view.row.cityId, after: { sessionId: id } });
    return { id: row.id, sessionId: id, personId, reason: row.reason, status: row.status, version: row.version };
  });
}

export async function decideLeave(ctx: RequestContext, leaveId: number, body: z.infer<typeof DecideLeaveBody>) {
  const leave = await repo.findLeave(ctx.db, leaveId);
  if (!leave) throw notFound("请假");
  const { node } = await visibleSession(ctx, leave.sessionId);
  manageAt(ctx, node.path);
  if (leave.status !== "pending") throw conflict("该请假已处理 (already decided)");
  return write(ctx, async (tx, audit) => {
    const status = body.approve ? "approved" : "rejected";
    const row = await repo.decideLeave(tx, leaveId, body.version, { status, decidedBy: ctx.actor?.userId ?? null, decidedAt: ctx.clock.now() });
    if (!row) throw versionConflict();
    audit({ action: "training.leave_decide", entity: "training_leave", entityId: leaveId, cityId: leave.cityId, after: { status } });
    return { id: row.id, sessionId: row.sessionId, personId: row.personId, reason: row.reason, status: row.status, version: row.version };
  });
}

/** The attendee's own sessions: those their audience reaches and those they attended. */
export async function mySessions(ctx: RequestContext) {
  const { personId, cityId } = await attendeePerson(ctx);
  const [place] = await personPlaces(ctx.db, cityId, [personId]);
  const rows = await repo.sessionsOfPerson(ctx.db, personId, place ? idsOnPath(place.path) : []);
  return { items: rows.map((row) => ({ ...presentSession(row), attendedAt: row.attendedAt ? iso(new Date(row.attendedAt)) : null, leave: row.leave })) };
}

/** The person-times of a subtree, one row per attendance: the drill behind training.personTimes. */
export async function listPersonTimes(ctx: RequestContext, query: { org?: number; from?: string; to?: string; page: number; pageSize: number }) {
  const actor = requirePermission(ctx, "training.read");
  let scope = scopeOf(actor, "training.read");
  if (query.org !== undefined) {
    const node = await visibleNode(ctx, query.org);
    readAt(ctx, node.path);
    scope = { all: false, paths: [node.path] };
  }
  const starts = { from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
  const { rows, total } = await repo.listAttendance(ctx.db, scope, (query.page - 1) * query.pageSize, query.pageSize, starts);
  const cityId = rows[0]?.cityId;
  const names = new Map(cityId ? (await personPlaces(ctx.db, cityId, rows.map((row) => row.personId))).map((p) => [p.id, p.name]) : []);
  return {
    items: rows.map((row) => ({ sessionId: row.sessionId, personId: row.personId, personName: names.get(row.personId) ?? "", nodeId: row.nodeId, method: row.method as "qr" | "roster", at: iso(row.at) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function sessionFigures(db: Database, node: NodeRef): Promise<SourceFigures> {
  const row = await repo.trainingFigures(db, { all: false, paths: [node.path] });
  return {
    "training.sessions": row.sessions,
    "training.personTimes": row.personTimes,
    // Expected attendance is everyone who came plus everyone excused: the rate is of those expected.
    "training.attendanceRate": { part: row.personTimes, whole: row.personTimes + row.leaves },
  };
}

/** A person's attended sessions, for other modules (the cadre reserve's profile). */
export async function sessionsAttendedBy(db: Database, personId: number) {
  return (await repo.attendedBy(db, personId)).map((row) => ({ sessionId: row.sessionId, title: row.title, topic: row.topic as TrainingTopic, startsAt: iso(row.startsAt) }));
}
