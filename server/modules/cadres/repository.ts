import { and, asc, desc, eq, ilike, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cadreMoves, cadreReserve, graduatePlaces } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, nodeRefOfNode, pathOfNode } from "../../platform/tree";

/** The only SQL on the reserve, the moves and the graduates plan. */
export type CadreRow = typeof cadreReserve.$inferSelect;

export interface CadreFilter {
  scope: Scope;
  q?: string;
  education?: string;
  status: "active" | "exited";
  /** Born on or before / after these days: the age filters, worked out by the caller from today. */
  bornOnOrBefore?: string;
  bornAfter?: string;
}

function cadreWhere(filter: CadreFilter): SQL | undefined {
  return and(
    nodeInScope(cadreReserve.nodeId, filter.scope),
    filter.status === "active" ? isNull(cadreReserve.exitedOn) : isNotNull(cadreReserve.exitedOn),
    filter.q ? ilike(cadreReserve.personName, `%${filter.q}%`) : undefined,
    filter.education ? eq(cadreReserve.education, filter.education) : undefined,
    filter.bornOnOrBefore ? sql`${cadreReserve.birthDate} <= ${filter.bornOnOrBefore}` : undefined,
    filter.bornAfter ? sql`${cadreReserve.birthDate} > ${filter.bornAfter}` : undefined,
  );
}

export async function listCadres(db: Database, filter: CadreFilter, offset: number, limit: number) {
  const where = cadreWhere(filter);
  const rows = await db.select({ row: cadreReserve, node: nodeRefOfNode(cadreReserve.nodeId) }).from(cadreReserve).where(where).orderBy(asc(cadreReserve.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(cadreReserve).where(where);
  return { rows, total: count!.n };
}

export async function findCadre(db: Database, id: number) {
  const [row] = await db.select({ row: cadreReserve, node: nodeRefOfNode(cadreReserve.nodeId) }).from(cadreReserve).where(eq(cadreReserve.id, id));
  return row;
}

export async function activeEntryOf(db: Database, personId: number) {
  const [row] = await db.select().from(cadreReserve).where(and(eq(cadreReserve.personId, personId), isNull(cadreReserve.exitedOn)));
  return row;
}

export async function movesOfPerson(db: Database, personId: number) {
  return db.select().from(cadreMoves).where(eq(cadreMoves.personId, personId)).orderBy(desc(cadreMoves.movedOn));
}

export async function listMoves(db: Database, scope: Scope, kind: string | undefined, offset: number, limit: number) {
  const where = and(nodeInScope(cadreMoves.nodeId, scope), kind ? eq(cadreMoves.kind, kind) : undefined);
  const rows = await db.select({ row: cadreMoves, node: nodeRefOfNode(cadreMoves.nodeId) }).from(cadreMoves).where(where).orderBy(desc(cadreMoves.movedOn), desc(cadreMoves.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(cadreMoves).where(where);
  return { rows, total: count!.n };
}

export interface GraduateFilter {
  scope: Scope;
  status?: string;
  year?: number;
}

export async function listGraduates(db: Database, filter: GraduateFilter, offset: number, limit: number) {
  const where = and(
    nodeInScope(graduatePlaces.nodeId, filter.scope),
    filter.status ? eq(graduatePlaces.status, filter.status) : ne(graduatePlaces.status, "withdrawn"),
    filter.year ? eq(graduatePlaces.year, filter.year) : undefined,
  );
  const rows = await db.select({ row: graduatePlaces, node: nodeRefOfNode(graduatePlaces.nodeId) }).from(graduatePlaces).where(where).orderBy(asc(graduatePlaces.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(graduatePlaces).where(where);
  return { rows, total: count!.n };
}

export async function findGraduate(db: Database, id: number) {
  const [row] = await db.select({ row: graduatePlaces, path: pathOfNode(graduatePlaces.nodeId), node: nodeRefOfNode(graduatePlaces.nodeId) }).from(graduatePlaces).where(eq(graduatePlaces.id, id));
  return row;
}

/** The figures of a subtree: the reserve as it stands, the graduate places not withdrawn, the moves by kind. */
export async function cadreFigures(db: Database, scope: Scope) {
  const [row] = await db
    .select({
      reserve: sql<number>`(SELECT count(*)::int FROM cadre_reserve r WHERE r.exited_on IS NULL AND ${nodeInScope(sql`r.node_id`, scope)})`,
      graduates: sql<number>`(SELECT count(*)::int FROM graduate_places g WHERE g.status <> 'withdrawn' AND ${nodeInScope(sql`g.node_id`, scope)})`,
      rotated: sql<number>`(SELECT count(*)::int FROM cadre_moves m WHERE m.kind = 'rotation' AND ${nodeInScope(sql`m.node_id`, scope)})`,
      returned: sql<number>`(SELECT count(*)::int FROM cadre_moves m WHERE m.kind = 'seconded_return' AND ${nodeInScope(sql`m.node_id`, scope)})`,
    })
    .from(sql`(SELECT 1) AS one`);
  return row!;
}
