import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, lte, gte, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { callShifts, calls, pairingSettings, conflictSteps, conflicts, deedPhotos, deeds, memberReports, shiftSignups, organPairings, pairings, serviceLogs, suggestions, visits, volunteerMembers, volunteerTeams } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode } from "../../platform/tree";

export type PairingRow = typeof pairings.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;
export type SuggestionRow = typeof suggestions.$inferSelect;
export type ConflictRow = typeof conflicts.$inferSelect;
export type ConflictStepRow = typeof conflictSteps.$inferSelect;

const count = sql<number>`count(*)::int`;

// --- pairings

export async function insertPairing(db: Database, values: typeof pairings.$inferInsert): Promise<PairingRow> {
  const [row] = await db.insert(pairings).values(values).returning();
  return row!;
}

export async function findPairing(db: Database, id: number): Promise<PairingRow | undefined> {
  const [row] = await db.select().from(pairings).where(eq(pairings.id, id));
  return row;
}

/** The person's active pairing with a household, or with a village (household null). */
export async function activePairing(db: Database, cityId: number, personId: number, target: { householdId: number } | { villageId: number }): Promise<PairingRow | undefined> {
  const where =
    "householdId" in target
      ? and(eq(pairings.target, "household"), eq(pairings.householdId, target.householdId))
      : and(eq(pairings.target, "village"), eq(pairings.nodeId, target.villageId));
  const [row] = await db
    .select()
    .from(pairings)
    .where(and(eq(pairings.cityId, cityId), eq(pairings.personId, personId), isNull(pairings.endedOn), where));
  return row;
}

export async function endPairing(db: Database, id: number, version: number, changes: Pick<PairingRow, "endedOn" | "endReason" | "successorId">, at: Date): Promise<PairingRow | undefined> {
  const [row] = await db
    .update(pairings)
    .set({ ...changes, version: sql`${pairings.version} + 1`, updatedAt: at })
    .where(and(eq(pairings.id, id), eq(pairings.version, version), isNull(pairings.endedOn)))
    .returning();
  return row;
}

export async function setSuccessor(db: Database, id: number, successorId: number): Promise<void> {
  await db.update(pairings).set({ successorId }).where(eq(pairings.id, id));
}

export interface PairingFilter {
  scope: Scope;
  personId?: number;
  householdId?: number;
  post?: string;
  target?: string;
  history?: boolean;
  /** Household pairings with no visit since this day. */
  dueSince?: string;
}

/** Shared by the list and the figures, so a figure and its drill-down count the same rows. */
export function pairingWhere(filter: PairingFilter): SQL {
  const conditions: SQL[] = [nodeInScope(pairings.nodeId, filter.scope)];
  if (!filter.history) conditions.push(isNull(pairings.endedOn));
  if (filter.personId !== undefined) conditions.push(eq(pairings.personId, filter.personId));
  if (filter.householdId !== undefined) conditions.push(eq(pairings.householdId, filter.householdId));
  if (filter.post) conditions.push(eq(pairings.post, filter.post));
  if (filter.target) conditions.push(eq(pairings.target, filter.target));
  if (filter.dueSince) {
    conditions.push(eq(pairings.target, "household"), sql`NOT EXISTS (SELECT 1 FROM pairing_visits v WHERE v.pairing_id = pairings.id AND v.visited_on >= ${filter.dueSince})`);
  }
  return and(...conditions)!;
}

export async function listPairings(db: Database, filter: PairingFilter, limit: number, offset: number) {
  const where = pairingWhere(filter);
  const rows = await db.select().from(pairings).where(where).orderBy(asc(pairings.nodeId), asc(pairings.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(pairings).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function pairingsOfPerson(db: Database, cityId: number, personId: number): Promise<PairingRow[]> {
  return db
    .select()
    .from(pairings)
    .where(and(eq(pairings.cityId, cityId), eq(pairings.personId, personId), isNull(pairings.endedOn)))
    .orderBy(asc(pairings.target), asc(pairings.nodeId), asc(pairings.id));
}

/** The last visit day of each pairing (of the pairing itself, not of the household's earlier cadres). */
export async function lastVisits(db: Database, pairingIds: number[]): Promise<Map<number, string>> {
  if (pairingIds.length === 0) return new Map();
  const rows = await db
    .select({ pairingId: visits.pairingId, last: sql<string>`max(${visits.visitedOn})::text` })
    .from(visits)
    .where(inArray(visits.pairingId, pairingIds))
    .groupBy(visits.pairingId);
  return new Map(rows.map((row) => [row.pairingId, row.last]));
}

// --- visits

export async function insertVisit(db: Database, values: typeof visits.$inferInsert): Promise<VisitRow> {
  const [row] = await db.insert(visits).values(values).returning();
  return row!;
}

export async function linkVisit(db: Database, id: number, links: Partial<Pick<VisitRow, "clueId" | "suggestionId" | "conflictId">>): Promise<VisitRow> {
  const [row] = await db.update(visits).set(links).where(eq(visits.id, id)).returning();
  return row!;
}

export async function findVisit(db: Database, id: number): Promise<VisitRow | undefined> {
  const [row] = await db.select().from(visits).where(eq(visits.id, id));
  return row;
}

export interface VisitFilter {
  scope: Scope;
  personId?: number;
  householdId?: number;
  from?: string;
  to?: string;
}

export async function listVisits(db: Database, filter: VisitFilter, limit: number, offset: number) {
  const conditions: SQL[] = [nodeInScope(visits.nodeId, filter.scope)];
  if (filter.personId !== undefined) conditions.push(eq(visits.personId, filter.personId));
  if (filter.householdId !== undefined) conditions.push(eq(visits.householdId, filter.householdId));
  if (filter.from) conditions.push(gte(visits.visitedOn, filter.from));
  if (filter.to) conditions.push(lte(visits.visitedOn, filter.to));
  const where = and(...conditions);
  const rows = await db.select().from(visits).where(where).orderBy(desc(visits.visitedOn), desc(visits.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(visits).where(where);
  return { rows, total: total?.n ?? 0 };
}

// --- coverage: household pairings active at some time in [from, to], and those visited in it

function activeIn(from: string, to: string): SQL {
  return sql`${pairings.target} = 'household' AND ${pairings.startedOn} <= ${to} AND (${pairings.endedOn} IS NULL OR ${pairings.endedOn} >= ${from})`;
}
function visitedIn(from: string, to: string): SQL {
  return sql`EXISTS (SELECT 1 FROM pairing_visits v WHERE v.pairing_id = pairings.id AND v.visited_on BETWEEN ${from} AND ${to})`;
}

export async function coverageTotals(db: Database, path: string, from: string, to: string) {
  const [row] = await db
    .select({
      paired: count,
      visited: sql<number>`count(*) FILTER (WHERE ${visitedIn(from, to)})::int`,
      neverVisited: sql<number>`count(*) FILTER (WHERE ${pairings.endedOn} IS NULL AND NOT EXISTS (SELECT 1 FROM pairing_visits v WHERE v.pairing_id = pairings.id))::int`,
    })
    .from(pairings)
    .where(and(nodeInScope(pairings.nodeId, { all: false, paths: [path] }), activeIn(from, to)));
  return row!;
}

/** Coverage by the node the pairing points at; the service rolls it up to the children of the node asked for. */
export async function coverageByNode(db: Database, path: string, from: string, to: string) {
  return db
    .select({ nodeId: pairings.nodeId, path: pathOfNode(pairings.nodeId), paired: count, visited: sql<number>`count(*) FILTER (WHERE ${visitedIn(from, to)})::int` })
    .from(pairings)
    .where(and(nodeInScope(pairings.nodeId, { all: false, paths: [path] }), activeIn(from, to)))
    .groupBy(pairings.nodeId);
}

export async function personsBehind(db: Database, path: string, from: string, to: string, limit: number) {
  const visited = sql<number>`count(*) FILTER (WHERE ${visitedIn(from, to)})::int`;
  return db
    .select({ personId: pairings.personId, paired: count, visited })
    .from(pairings)
    .where(and(nodeInScope(pairings.nodeId, { all: false, paths: [path] }), activeIn(from, to)))
    .groupBy(pairings.personId)
    .having(sql`count(*) > count(*) FILTER (WHERE ${visitedIn(from, to)})`)
    .orderBy(sql`count(*) - count(*) FILTER (WHERE ${visitedIn(from, to)}) DESC`, asc(pairings.personId))
    .limit(limit);
}

// --- suggestions

export async function insertSuggestion(db: Database, values: typeof suggestions.$inferInsert): Promise<SuggestionRow> {
  const [row] = await db.insert(suggestions).values(values).returning();
  return row!;
}

export async function findSuggestion(db: Database, id: number): Promise<SuggestionRow | undefined> {
  const [row] = await db.select().from(suggestions).where(eq(suggestions.id, id));
  return row;
}

export async function answerSuggestion(db: Database, id: number, version: number, changes: Pick<SuggestionRow, "answer" | "answeredBy" | "answeredByName" | "answeredAt">): Promise<SuggestionRow | undefined> {
  const [row] = await db
    .update(suggestions)
    .set({ ...changes, status: "answered", version: sql`${suggestions.version} + 1`, updatedAt: changes.answeredAt! })
    .where(and(eq(suggestions.id, id), eq(suggestions.version, version)))
    .returning();
  return row;
}

export async function listSuggestions(db: Database, filter: { scope: Scope; status?: string }, limit: number, offset: number) {
  const conditions: SQL[] = [nodeInScope(suggestions.nodeId, filter.scope)];
  if (filter.status) conditions.push(eq(suggestions.status, filter.status));
  const where = and(...conditions);
  const rows = await db.select().from(suggestions).where(where).orderBy(desc(suggestions.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(suggestions).where(where);
  return { rows, total: total?.n ?? 0 };
}

// --- the register

export async function insertConflict(db: Database, values: typeof conflicts.$inferInsert): Promise<ConflictRow> {
  const [row] = await db.insert(conflicts).values(values).returning();
  return row!;
}

export async function findConflict(db: Database, id: number): Promise<ConflictRow | undefined> {
  const [row] = await db.select().from(conflicts).where(and(eq(conflicts.id, id), isNull(conflicts.deletedAt)));
  return row;
}

export async function conflictOfEvent(db: Database, cityId: number, eventId: number): Promise<ConflictRow | undefined> {
  const [row] = await db.select().from(conflicts).where(and(eq(conflicts.cityId, cityId), eq(conflicts.eventId, eventId)));
  return row;
}

export async function updateConflict(db: Database, id: number, version: number, changes: Partial<ConflictRow>, at: Date): Promise<ConflictRow | undefined> {
  const [row] = await db
    .update(conflicts)
    .set({ ...changes, version: sql`${conflicts.version} + 1`, updatedAt: at })
    .where(and(eq(conflicts.id, id), eq(conflicts.version, version), isNull(conflicts.deletedAt)))
    .returning();
  return row;
}

export interface ConflictFilter {
  scope: Scope;
  status?: string;
  kind?: string;
  source?: string;
  riskLevel?: number;
  q?: string;
  eventId?: number;
  resolved?: boolean;
  reportedFrom?: string;
  reportedTo?: string;
}

export function conflictWhere(filter: ConflictFilter): SQL {
  const conditions: SQL[] = [isNull(conflicts.deletedAt), nodeInScope(conflicts.nodeId, filter.scope)];
  if (filter.resolved) conditions.push(isNotNull(conflicts.resolvedOn));
  if (filter.status) conditions.push(eq(conflicts.status, filter.status));
  if (filter.kind) conditions.push(eq(conflicts.kind, filter.kind));
  if (filter.source) conditions.push(eq(conflicts.source, filter.source));
  if (filter.riskLevel !== undefined) conditions.push(eq(conflicts.riskLevel, filter.riskLevel));
  if (filter.eventId !== undefined) conditions.push(eq(conflicts.eventId, filter.eventId));
  if (filter.reportedFrom) conditions.push(sql`${conflicts.reportedOn} >= ${filter.reportedFrom}::date`);
  if (filter.reportedTo) conditions.push(sql`${conflicts.reportedOn} <= ${filter.reportedTo}::date`);
  if (filter.q) conditions.push(ilike(conflicts.summary, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return and(...conditions)!;
}

export async function listConflicts(db: Database, filter: ConflictFilter, limit: number, offset: number) {
  const where = conflictWhere(filter);
  const rows = await db.select().from(conflicts).where(where).orderBy(desc(conflicts.riskLevel), desc(conflicts.reportedOn), desc(conflicts.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(conflicts).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function insertStep(db: Database, values: typeof conflictSteps.$inferInsert): Promise<ConflictStepRow> {
  const [row] = await db.insert(conflictSteps).values(values).returning();
  return row!;
}

export async function stepsOf(db: Database, conflictId: number): Promise<ConflictStepRow[]> {
  return db.select().from(conflictSteps).where(eq(conflictSteps.conflictId, conflictId)).orderBy(asc(conflictSteps.happenedOn), asc(conflictSteps.id));
}

// --- figures

export async function pairingFigures(db: Database, scope: Scope) {
  const householdPairings = (post: string) => sql<number>`count(*) FILTER (WHERE ${pairings.post} = ${post} AND ${pairings.target} = 'household')::int`;
  const [pairingRow] = await db
    .select({
      leaderHouseholds: householdPairings("county_leader"),
      cadreHouseholds: householdPairings("township_cadre"),
    })
    .from(pairings)
    .where(pairingWhere({ scope }));
  const [conflictRow] = await db
    .select({
      resolved: sql<number>`count(*) FILTER (WHERE ${conflicts.resolvedOn} IS NOT NULL)::int`,
      onTime: sql<number>`count(*) FILTER (WHERE ${conflicts.resolvedOn} <= ${conflicts.deadline})::int`,
    })
    .from(conflicts)
    .where(conflictWhere({ scope }));
  const [suggestionRow] = await db
    .select({ total: count, answered: sql<number>`count(*) FILTER (WHERE ${suggestions.status} = 'answered')::int` })
    .from(suggestions)
    .where(nodeInScope(suggestions.nodeId, scope));
  return { ...pairingRow!, ...conflictRow!, suggestions: suggestionRow!.total, answered: suggestionRow!.answered };
}

// --- party members in service

export type MemberReportRow = typeof memberReports.$inferSelect;
export type TeamRow = typeof volunteerTeams.$inferSelect;

const activeOrganPairing = (scope: Scope) => and(isNull(organPairings.endedOn), nodeInScope(organPairings.nodeId, scope))!;
const activeReport = (scope: Scope) => and(isNull(memberReports.endedOn), nodeInScope(memberReports.nodeId, scope))!;
const liveTeam = (scope: Scope) => and(isNull(volunteerTeams.retiredAt), nodeInScope(volunteerTeams.nodeId, scope))!;

export async function insertOrganPairing(db: Database, values: typeof organPairings.$inferInsert) {
  const [row] = await db.insert(organPairings).values(values).returning();
  return row!;
}

export async function organPairingExists(db: Database, partyOrgId: number, nodeId: number): Promise<boolean> {
  const [row] = await db.select({ id: organPairings.id }).from(organPairings).where(and(eq(organPairings.partyOrgId, partyOrgId), eq(organPairings.nodeId, nodeId), isNull(organPairings.endedOn)));
  return row !== undefined;
}

export async function listOrganPairings(db: Database, scope: Scope, limit: number, offset: number) {
  const where = activeOrganPairing(scope);
  const rows = await db.select().from(organPairings).where(where).orderBy(asc(organPairings.nodeId), asc(organPairings.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(organPairings).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Communities with at least one organ organisation paired: the list behind service.pairedCommunities. */
export async function listPairedCommunities(db: Database, scope: Scope, limit: number, offset: number) {
  const where = activeOrganPairing(scope);
  const rows = await db
    .select({ nodeId: organPairings.nodeId, organs: count })
    .from(organPairings)
    .where(where)
    .groupBy(organPairings.nodeId)
    .orderBy(asc(organPairings.nodeId))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: sql<number>`count(DISTINCT ${organPairings.nodeId})::int` }).from(organPairings).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function insertMemberReport(db: Database, values: typeof memberReports.$inferInsert): Promise<MemberReportRow> {
  const [row] = await db.insert(memberReports).values(values).returning();
  return row!;
}

export async function activeReportOf(db: Database, cityId: number, personId: number): Promise<MemberReportRow | undefined> {
  const [row] = await db.select().from(memberReports).where(and(eq(memberReports.cityId, cityId), eq(memberReports.personId, personId), isNull(memberReports.endedOn)));
  return row;
}

export async function findMemberReport(db: Database, id: number): Promise<MemberReportRow | undefined> {
  const [row] = await db.select().from(memberReports).where(eq(memberReports.id, id));
  return row;
}

export async function listMemberReports(db: Database, scope: Scope, limit: number, offset: number) {
  const where = activeReport(scope);
  const rows = await db.select().from(memberReports).where(where).orderBy(asc(memberReports.nodeId), asc(memberReports.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(memberReports).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Adds the logged minutes to the report, from the version read, with the log row. */
export async function logService(db: Database, report: MemberReportRow, version: number, log: typeof serviceLogs.$inferInsert): Promise<MemberReportRow | undefined> {
  const [row] = await db
    .update(memberReports)
    .set({ minutes: sql`${memberReports.minutes} + ${log.minutes}`, version: sql`${memberReports.version} + 1` })
    .where(and(eq(memberReports.id, report.id), eq(memberReports.version, version), isNull(memberReports.endedOn)))
    .returning();
  if (row) await db.insert(serviceLogs).values(log);
  return row;
}

export async function insertTeam(db: Database, values: typeof volunteerTeams.$inferInsert): Promise<TeamRow> {
  const [row] = await db.insert(volunteerTeams).values(values).returning();
  return row!;
}

export async function findTeam(db: Database, id: number): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(volunteerTeams).where(and(eq(volunteerTeams.id, id), isNull(volunteerTeams.retiredAt)));
  return row;
}

export async function addTeamMember(db: Database, values: typeof volunteerMembers.$inferInsert): Promise<boolean> {
  const rows = await db.insert(volunteerMembers).values(values).onConflictDoNothing().returning({ teamId: volunteerMembers.teamId });
  return rows.length > 0;
}

export async function listTeams(db: Database, scope: Scope, limit: number, offset: number) {
  const where = liveTeam(scope);
  const members = sql<number>`(SELECT count(*)::int FROM service_volunteer_members m WHERE m.team_id = service_volunteer_teams.id)`;
  const rows = await db.select({ team: volunteerTeams, members }).from(volunteerTeams).where(where).orderBy(asc(volunteerTeams.nodeId), asc(volunteerTeams.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(volunteerTeams).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function serviceFigures(db: Database, scope: Scope) {
  const [organ] = await db.select({ communities: sql<number>`count(DISTINCT ${organPairings.nodeId})::int` }).from(organPairings).where(activeOrganPairing(scope));
  const [reports] = await db.select({ members: count, minutes: sql<number>`coalesce(sum(${memberReports.minutes}), 0)::int` }).from(memberReports).where(activeReport(scope));
  const [teams] = await db.select({ n: count }).from(volunteerTeams).where(liveTeam(scope));
  return { communities: organ!.communities, members: reports!.members, minutes: reports!.minutes, teams: teams!.n };
}

// --- 办实事 and calls

export type DeedRow = typeof deeds.$inferSelect;

export async function insertDeed(db: Database, values: typeof deeds.$inferInsert, photos: Omit<typeof deedPhotos.$inferInsert, "deedId">[]): Promise<DeedRow> {
  const [row] = await db.insert(deeds).values(values).returning();
  if (photos.length > 0) await db.insert(deedPhotos).values(photos.map((photo) => ({ ...photo, deedId: row!.id })));
  return row!;
}

export async function findDeed(db: Database, id: number): Promise<DeedRow | undefined> {
  const [row] = await db.select().from(deeds).where(eq(deeds.id, id));
  return row;
}

export async function updateDeed(db: Database, id: number, version: number, changes: Partial<Pick<DeedRow, "rating" | "published">>, at: Date): Promise<DeedRow | undefined> {
  const [row] = await db
    .update(deeds)
    .set({ ...changes, version: sql`${deeds.version} + 1`, updatedAt: at })
    .where(and(eq(deeds.id, id), eq(deeds.version, version)))
    .returning();
  return row;
}

export async function listDeeds(db: Database, filter: { scope: Scope; cityId?: number; published?: boolean }, limit: number, offset: number) {
  const conditions: SQL[] = [nodeInScope(deeds.nodeId, filter.scope)];
  if (filter.cityId !== undefined) conditions.push(eq(deeds.cityId, filter.cityId));
  if (filter.published) conditions.push(eq(deeds.published, true));
  const where = and(...conditions);
  const rows = await db.select().from(deeds).where(where).orderBy(desc(deeds.doneOn), desc(deeds.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(deeds).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function photoIdsOf(db: Database, deedIds: number[]): Promise<Map<number, number[]>> {
  if (deedIds.length === 0) return new Map();
  const rows = await db.select({ id: deedPhotos.id, deedId: deedPhotos.deedId }).from(deedPhotos).where(inArray(deedPhotos.deedId, deedIds)).orderBy(asc(deedPhotos.id));
  const map = new Map<number, number[]>();
  for (const row of rows) map.set(row.deedId, [...(map.get(row.deedId) ?? []), row.id]);
  return map;
}

export async function deedPhoto(db: Database, deedId: number, photoId: number) {
  const [row] = await db.select({ mime: deedPhotos.mime, data: deedPhotos.data }).from(deedPhotos).where(and(eq(deedPhotos.id, photoId), eq(deedPhotos.deedId, deedId)));
  return row;
}

export async function insertCall(db: Database, values: typeof calls.$inferInsert, shifts: Omit<typeof callShifts.$inferInsert, "callId">[]) {
  const [row] = await db.insert(calls).values(values).returning();
  await db.insert(callShifts).values(shifts.map((shift) => ({ ...shift, callId: row!.id })));
  return row!;
}

export async function listCalls(db: Database, scope: Scope, limit: number, offset: number) {
  const where = nodeInScope(calls.nodeId, scope);
  const rows = await db.select().from(calls).where(where).orderBy(desc(calls.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(calls).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** The calls issued at any of these nodes (a member's community and the nodes above it), newest first. */
export async function callsAt(db: Database, cityId: number, nodeIds: number[], limit: number, offset: number) {
  const where = and(eq(calls.cityId, cityId), inArray(calls.nodeId, nodeIds));
  const rows = await db.select().from(calls).where(where).orderBy(desc(calls.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count }).from(calls).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Which of these shifts the person has signed up for. */
export async function shiftsOfPerson(db: Database, personId: number, shiftIds: number[]): Promise<Set<number>> {
  if (shiftIds.length === 0) return new Set();
  const rows = await db.select({ shiftId: shiftSignups.shiftId }).from(shiftSignups).where(and(eq(shiftSignups.personId, personId), inArray(shiftSignups.shiftId, shiftIds)));
  return new Set(rows.map((row) => row.shiftId));
}

export async function shiftsOf(db: Database, callIds: number[]) {
  if (callIds.length === 0) return [];
  const signedUp = sql<number>`(SELECT count(*)::int FROM service_shift_signups s WHERE s.shift_id = service_call_shifts.id)`;
  const attended = sql<number>`(SELECT count(*)::int FROM service_shift_signups s WHERE s.shift_id = service_call_shifts.id AND s.attended)`;
  return db
    .select({ id: callShifts.id, callId: callShifts.callId, day: callShifts.day, slot: callShifts.slot, capacity: callShifts.capacity, signedUp, attended })
    .from(callShifts)
    .where(inArray(callShifts.callId, callIds))
    .orderBy(asc(callShifts.day), asc(callShifts.id));
}

/** A shift with the node of its call, for the scope check. */
export async function findShift(db: Database, id: number) {
  const [row] = await db
    .select({ id: callShifts.id, cityId: callShifts.cityId, capacity: callShifts.capacity, day: callShifts.day, nodeId: calls.nodeId })
    .from(callShifts)
    .innerJoin(calls, eq(calls.id, callShifts.callId))
    .where(eq(callShifts.id, id));
  return row;
}

/**
 * Signs up while the shift has room. The shift's row is locked first: under READ COMMITTED two
 * transactions counting at once would both see the last place free, so the second waits for the
 * first to commit and then counts its sign-up.
 */
export async function signUp(db: Database, shift: { id: number; cityId: number; capacity: number }, personId: number, at: Date): Promise<"ok" | "full" | "duplicate"> {
  await db.execute(sql`SELECT id FROM service_call_shifts WHERE id = ${shift.id} FOR UPDATE`);
  const existing = await db.select({ personId: shiftSignups.personId }).from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.personId, personId)));
  if (existing.length > 0) return "duplicate";
  const inserted = await db.execute(sql`INSERT INTO service_shift_signups (city_id, shift_id, person_id, created_at)
    SELECT ${shift.cityId}, ${shift.id}, ${personId}, ${at.toISOString()}::timestamptz
    WHERE (SELECT count(*) FROM service_shift_signups s WHERE s.shift_id = ${shift.id}) < ${shift.capacity}
    RETURNING person_id`);
  return (inserted as unknown as { rows: unknown[] }).rows.length > 0 ? "ok" : "full";
}

export async function setAttendance(db: Database, shiftId: number, personId: number, attended: boolean): Promise<boolean> {
  const rows = await db.update(shiftSignups).set({ attended }).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.personId, personId))).returning({ personId: shiftSignups.personId });
  return rows.length > 0;
}

export async function settingsOf(db: Database, cityId: number): Promise<{ periodMonths: number; version: number }> {
  const [row] = await db.select({ periodMonths: pairingSettings.periodMonths, version: pairingSettings.version }).from(pairingSettings).where(eq(pairingSettings.cityId, cityId));
  return row ?? { periodMonths: 3, version: 0 };
}

/** Saves the period from the version read (0: never saved); false when another change came first. */
export async function saveSettings(db: Database, cityId: number, version: number, periodMonths: number, at: Date): Promise<boolean> {
  if (version === 0) {
    const rows = await db.insert(pairingSettings).values({ cityId, periodMonths, updatedAt: at }).onConflictDoNothing().returning({ cityId: pairingSettings.cityId });
    return rows.length > 0;
  }
  const rows = await db
    .update(pairingSettings)
    .set({ periodMonths, version: sql`${pairingSettings.version} + 1`, updatedAt: at })
    .where(and(eq(pairingSettings.cityId, cityId), eq(pairingSettings.version, version)))
    .returning({ cityId: pairingSettings.cityId });
  return rows.length > 0;
}

// --- evaluation indicators: counts per node with the node's path, rolled up to the bodies by the indicator

/** Register entries reported in the period's days and those of them resolved (the register's "resolved" figure). */
export async function conflictsByNode(db: Database, cityId: number, days: { from: string; to: string }) {
  return db
    .select({ path: pathOfNode(conflicts.nodeId), reported: sql<number>`count(*)::int`, resolved: sql<number>`count(*) FILTER (WHERE ${conflicts.resolvedOn} IS NOT NULL)::int` })
    .from(conflicts)
    .where(and(eq(conflicts.cityId, cityId), isNull(conflicts.deletedAt), sql`${conflicts.reportedOn} BETWEEN ${days.from}::date AND ${days.to}::date`))
    .groupBy(conflicts.nodeId);
}

/** Members reporting to a community during the period's days, and the minutes they logged in them. */
export async function serviceMinutesByNode(db: Database, cityId: number, days: { from: string; to: string }) {
  const active = and(eq(memberReports.cityId, cityId), sql`${memberReports.reportedOn} <= ${days.to}::date`, sql`(${memberReports.endedOn} IS NULL OR ${memberReports.endedOn} >= ${days.from}::date)`);
  return db
    .select({
      path: pathOfNode(memberReports.nodeId),
      members: sql<number>`count(*)::int`,
      // The outer table named by hand: drizzle leaves a single-table query's columns unqualified.
      minutes: sql<number>`coalesce(sum((SELECT sum(l.minutes) FROM service_logs l WHERE l.report_id = service_member_reports.id AND l.happened_on BETWEEN ${days.from}::date AND ${days.to}::date)), 0)::int`,
    })
    .from(memberReports)
    .where(active)
    .groupBy(memberReports.nodeId);
}
