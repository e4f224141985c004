import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  evaluationAdjustments,
  evaluationAppeals,
  evaluationCatalogues,
  evaluationFindings,
  evaluationItems,
  evaluationManualScores,
  evaluationPeriods,
  evaluationResults,
  evaluationVersions,
} from "../../db/schema";
import type { Tx } from "../../platform/context";
import type { Scope } from "../../platform/policy";
import { nodeInScope } from "../../platform/tree";
import type { ScoredBody } from "./scoring";

/** The only SQL on the evaluation's tables. */
type Db = Database | Tx;

export type CatalogueRow = typeof evaluationCatalogues.$inferSelect;
export type ItemRow = typeof evaluationItems.$inferSelect;
export type PeriodRow = typeof evaluationPeriods.$inferSelect;
export type ResultRow = typeof evaluationResults.$inferSelect;
export type AppealRow = typeof evaluationAppeals.$inferSelect;

export async function catalogues(db: Db, cityId: number): Promise<CatalogueRow[]> {
  return db.select().from(evaluationCatalogues).where(eq(evaluationCatalogues.cityId, cityId)).orderBy(asc(evaluationCatalogues.id));
}

export async function catalogue(db: Db, cityId: number, id: number): Promise<CatalogueRow | undefined> {
  const [row] = await db.select().from(evaluationCatalogues).where(and(eq(evaluationCatalogues.cityId, cityId), eq(evaluationCatalogues.id, id)));
  return row;
}

export async function itemsOf(db: Db, catalogueIds: readonly number[]): Promise<ItemRow[]> {
  if (catalogueIds.length === 0) return [];
  return db.select().from(evaluationItems).where(inArray(evaluationItems.catalogueId, [...catalogueIds])).orderBy(asc(evaluationItems.position));
}

export async function insertCatalogue(tx: Tx, row: typeof evaluationCatalogues.$inferInsert): Promise<CatalogueRow> {
  const [inserted] = await tx.insert(evaluationCatalogues).values(row).returning();
  return inserted!;
}

export async function updateCatalogue(tx: Tx, id: number, version: number, set: Partial<typeof evaluationCatalogues.$inferInsert>): Promise<CatalogueRow | undefined> {
  const [updated] = await tx
    .update(evaluationCatalogues)
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(evaluationCatalogues.id, id), eq(evaluationCatalogues.version, version)))
    .returning();
  return updated;
}

export async function replaceItems(tx: Tx, cityId: number, catalogueId: number, items: Omit<typeof evaluationItems.$inferInsert, "cityId" | "catalogueId">[]): Promise<void> {
  await tx.delete(evaluationItems).where(eq(evaluationItems.catalogueId, catalogueId));
  await tx.insert(evaluationItems).values(items.map((item) => ({ ...item, cityId, catalogueId })));
}

/** Whether any period was scored with the catalogue: its items are then fixed, since results name them. */
export async function catalogueInUse(db: Db, catalogueId: number): Promise<boolean> {
  const rows = await db.select({ id: evaluationPeriods.id }).from(evaluationPeriods).where(eq(evaluationPeriods.catalogueId, catalogueId)).limit(1);
  return rows.length > 0;
}

// --- periods

export async function periods(db: Db, cityId: number, filter: { catalogueId?: number; status?: string; publishedOnly?: boolean }): Promise<PeriodRow[]> {
  return db
    .select()
    .from(evaluationPeriods)
    .where(
      and(
        eq(evaluationPeriods.cityId, cityId),
        filter.catalogueId ? eq(evaluationPeriods.catalogueId, filter.catalogueId) : undefined,
        filter.status ? eq(evaluationPeriods.status, filter.status) : undefined,
        filter.publishedOnly ? eq(evaluationPeriods.status, "published") : undefined,
      ),
    )
    .orderBy(desc(evaluationPeriods.startsOn), asc(evaluationPeriods.id));
}

export async function period(db: Db, id: number): Promise<PeriodRow | undefined> {
  const [row] = await db.select().from(evaluationPeriods).where(eq(evaluationPeriods.id, id));
  return row;
}

export async function insertPeriod(tx: Tx, row: typeof evaluationPeriods.$inferInsert): Promise<PeriodRow> {
  const [inserted] = await tx.insert(evaluationPeriods).values(row).returning();
  return inserted!;
}

export async function updatePeriod(tx: Tx, id: number, version: number, set: Partial<typeof evaluationPeriods.$inferInsert>): Promise<PeriodRow | undefined> {
  const [updated] = await tx
    .update(evaluationPeriods)
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(evaluationPeriods.id, id), eq(evaluationPeriods.version, version)))
    .returning();
  return updated;
}

export async function insertVersion(tx: Tx, row: typeof evaluationVersions.$inferInsert): Promise<void> {
  await tx.insert(evaluationVersions).values(row);
}

export async function versions(db: Db, periodId: number) {
  return db.select().from(evaluationVersions).where(eq(evaluationVersions.periodId, periodId)).orderBy(asc(evaluationVersions.resultVersion));
}

// --- results

/** A draft's results are replaced when it is computed again; a published version's never are. */
export async function deleteResults(tx: Tx, periodId: number, resultVersion: number): Promise<void> {
  await tx.delete(evaluationResults).where(and(eq(evaluationResults.periodId, periodId), eq(evaluationResults.resultVersion, resultVersion)));
}

/** A whole version in one statement: the rows travel as one JSON array, so 10,000 bodies cost one round trip. */
export async function insertResults(tx: Tx, cityId: number, periodId: number, resultVersion: number, scored: readonly ScoredBody[]): Promise<void> {
  if (scored.length === 0) return;
  const payload = JSON.stringify(
    scored.map((body) => ({
      body_kind: body.kind,
      body_id: body.id,
      body_name: body.name,
      node_id: body.nodeId,
      parent_id: body.parentId,
      parent_name: body.parentName,
      score: body.score,
      grade: body.grade,
      rank: body.rank,
      peer_rank: body.peerRank,
      items: body.items,
    })),
  );
  await tx.execute(sql`
    INSERT INTO evaluation_results (city_id, period_id, result_version, body_kind, body_id, body_name, node_id, parent_id, parent_name, score, grade, rank, peer_rank, items)
    SELECT ${cityId}, ${periodId}, ${resultVersion}, r.body_kind, r.body_id, r.body_name, r.node_id, r.parent_id, r.parent_name, r.score, r.grade, r.rank, r.peer_rank, r.items
    FROM jsonb_to_recordset(${payload}::jsonb) AS r(body_kind text, body_id bigint, body_name text, node_id bigint, parent_id bigint, parent_name text,
      score double precision, grade text, rank integer, peer_rank integer, items jsonb)`);
}

export async function results(db: Db, periodId: number, resultVersion: number, filter: { parentId?: number; grade?: string; scope?: Scope } = {}): Promise<ResultRow[]> {
  return db
    .select()
    .from(evaluationResults)
    .where(
      and(
        eq(evaluationResults.periodId, periodId),
        eq(evaluationResults.resultVersion, resultVersion),
        filter.parentId ? eq(evaluationResults.parentId, filter.parentId) : undefined,
        filter.grade ? eq(evaluationResults.grade, filter.grade) : undefined,
        filter.scope ? nodeInScope(evaluationResults.nodeId, filter.scope) : undefined,
      ),
    )
    .orderBy(sql`${evaluationResults.rank} ASC NULLS LAST`, asc(evaluationResults.bodyName), asc(evaluationResults.bodyId));
}

export async function result(db: Db, periodId: number, resultVersion: number, bodyKind: string, bodyId: number): Promise<ResultRow | undefined> {
  const [row] = await db
    .select()
    .from(evaluationResults)
    .where(and(eq(evaluationResults.periodId, periodId), eq(evaluationResults.resultVersion, resultVersion), eq(evaluationResults.bodyKind, bodyKind), eq(evaluationResults.bodyId, bodyId)));
  return row;
}

/** A body's shown results in the catalogue's published periods, for its trend. */
export async function trend(db: Db, catalogueId: number, bodyKind: string, bodyId: number) {
  return db
    .select({ periodId: evaluationPeriods.id, label: evaluationPeriods.label, score: evaluationResults.score, grade: evaluationResults.grade, rank: evaluationResults.rank })
    .from(evaluationResults)
    .innerJoin(evaluationPeriods, and(eq(evaluationPeriods.id, evaluationResults.periodId), eq(evaluationPeriods.resultVersion, evaluationResults.resultVersion)))
    .where(and(eq(evaluationPeriods.catalogueId, catalogueId), eq(evaluationPeriods.status, "published"), eq(evaluationResults.bodyKind, bodyKind), eq(evaluationResults.bodyId, bodyId)))
    .orderBy(asc(evaluationPeriods.startsOn));
}

/** The shown results of each catalogue's latest published period, within a scope (the figures and their drill-down). */
export async function latestPublishedResults(db: Db, cityId: number, scope: Scope, grade?: string) {
  return db
    .select({ result: evaluationResults, periodLabel: evaluationPeriods.label })
    .from(evaluationResults)
    .innerJoin(evaluationPeriods, and(eq(evaluationPeriods.id, evaluationResults.periodId), eq(evaluationPeriods.resultVersion, evaluationResults.resultVersion)))
    .where(
      and(
        eq(evaluationPeriods.cityId, cityId),
        eq(evaluationPeriods.status, "published"),
        sql`${evaluationPeriods.startsOn} = (SELECT max(lp.starts_on) FROM evaluation_periods lp WHERE lp.catalogue_id = ${evaluationPeriods.catalogueId} AND lp.status = 'published')`,
        sql`${evaluationResults.score} IS NOT NULL`,
        grade ? eq(evaluationResults.grade, grade) : undefined,
        nodeInScope(evaluationResults.nodeId, scope),
      ),
    )
    .orderBy(asc(evaluationResults.bodyKind), asc(evaluationResults.rank), asc(evaluationResults.bodyId));
}

/**
 * The shown result of each of the cities' published city catalogues (bodyKind "city") over exactly
 * these days: the cities of a prefecture ranked on their own composites. One row per city, its latest period.
 */
export async function cityResults(db: Db, cityIds: readonly number[], days: { startsOn: string; endsOn: string }) {
  if (cityIds.length === 0) return [];
  const rows = await db
    .select({ cityId: evaluationPeriods.cityId, periodId: evaluationPeriods.id, score: evaluationResults.score, grade: evaluationResults.grade })
    .from(evaluationPeriods)
    .innerJoin(evaluationCatalogues, eq(evaluationCatalogues.id, evaluationPeriods.catalogueId))
    .innerJoin(evaluationResults, and(eq(evaluationResults.periodId, evaluationPeriods.id), eq(evaluationResults.resultVersion, evaluationPeriods.resultVersion), eq(evaluationResults.bodyKind, "city")))
    .where(
      and(
        inArray(evaluationPeriods.cityId, [...cityIds]),
        eq(evaluationPeriods.status, "published"),
        eq(evaluationCatalogues.bodyKind, "city"),
        sql`${evaluationPeriods.startsOn} = ${days.startsOn}::date`,
        sql`${evaluationPeriods.endsOn} = ${days.endsOn}::date`,
      ),
    )
    .orderBy(desc(evaluationPeriods.id));
  const latest = new Map<number, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.cityId)) latest.set(row.cityId, row);
  return [...latest.values()];
}

// --- manual scores, findings, adjustments

export async function manualScores(db: Db, periodId: number) {
  return db.select().from(evaluationManualScores).where(eq(evaluationManualScores.periodId, periodId)).orderBy(asc(evaluationManualScores.id));
}

export async function manualScore(db: Db, id: number) {
  const [row] = await db.select().from(evaluationManualScores).where(eq(evaluationManualScores.id, id));
  return row;
}

export async function upsertManualScore(tx: Tx, row: typeof evaluationManualScores.$inferInsert) {
  const [saved] = await tx
    .insert(evaluationManualScores)
    .values(row)
    .onConflictDoUpdate({
      target: [evaluationManualScores.periodId, evaluationManualScores.itemId, evaluationManualScores.bodyKind, evaluationManualScores.bodyId],
      // A new score needs a new confirmation.
      set: { score: row.score, evidence: row.evidence, assessorUserId: row.assessorUserId, assessorName: row.assessorName, confirmedByUserId: null, confirmedByName: null, confirmedAt: null, version: sql`${evaluationManualScores.version} + 1`, updatedAt: new Date() },
    })
    .returning();
  return saved!;
}

export async function confirmManualScore(tx: Tx, id: number, version: number, by: { userId: number; name: string; at: Date }) {
  const [saved] = await tx
    .update(evaluationManualScores)
    .set({ confirmedByUserId: by.userId, confirmedByName: by.name, confirmedAt: by.at, version: version + 1, updatedAt: by.at })
    .where(and(eq(evaluationManualScores.id, id), eq(evaluationManualScores.version, version)))
    .returning();
  return saved;
}

export async function findings(db: Db, cityId: number, filter: { scope: Scope; bodyKind?: string; bodyId?: number; from?: string; to?: string }) {
  return db
    .select()
    .from(evaluationFindings)
    .where(
      and(
        eq(evaluationFindings.cityId, cityId),
        isNull(evaluationFindings.deletedAt),
        nodeInScope(evaluationFindings.nodeId, filter.scope),
        filter.bodyKind ? eq(evaluationFindings.bodyKind, filter.bodyKind) : undefined,
        filter.bodyId ? eq(evaluationFindings.bodyId, filter.bodyId) : undefined,
        filter.from ? sql`${evaluationFindings.foundOn} >= ${filter.from}::date` : undefined,
        filter.to ? sql`${evaluationFindings.foundOn} <= ${filter.to}::date` : undefined,
      ),
    )
    .orderBy(desc(evaluationFindings.foundOn), desc(evaluationFindings.id));
}

/** Points deducted per channel and body over a period's days. */
export async function deductions(db: Db, cityId: number, bodyKind: string, days: { from: string; to: string }) {
  return db
    .select({ channel: evaluationFindings.channel, bodyId: evaluationFindings.bodyId, points: sql<number>`sum(${evaluationFindings.points})::float8`.mapWith(Number) })
    .from(evaluationFindings)
    .where(
      and(
        eq(evaluationFindings.cityId, cityId),
        eq(evaluationFindings.bodyKind, bodyKind),
        isNull(evaluationFindings.deletedAt),
        sql`${evaluationFindings.foundOn} BETWEEN ${days.from}::date AND ${days.to}::date`,
      ),
    )
    .groupBy(evaluationFindings.channel, evaluationFindings.bodyId);
}

export async function insertFinding(tx: Tx, row: typeof evaluationFindings.$inferInsert) {
  const [saved] = await tx.insert(evaluationFindings).values(row).returning();
  return saved!;
}

export async function linkFindingProblem(tx: Tx, findingId: number, problemId: number) {
  const [saved] = await tx.update(evaluationFindings).set({ problemId }).where(eq(evaluationFindings.id, findingId)).returning();
  return saved!;
}

export async function adjustments(db: Db, periodId: number) {
  return db.select().from(evaluationAdjustments).where(eq(evaluationAdjustments.periodId, periodId)).orderBy(asc(evaluationAdjustments.id));
}

export async function insertAdjustment(tx: Tx, row: typeof evaluationAdjustments.$inferInsert): Promise<void> {
  await tx.insert(evaluationAdjustments).values(row);
}

// --- appeals

export async function appeals(db: Db, cityId: number, filter: { scope: Scope; periodId?: number; status?: string }) {
  return db
    .select({ appeal: evaluationAppeals, periodLabel: evaluationPeriods.label })
    .from(evaluationAppeals)
    .innerJoin(evaluationPeriods, eq(evaluationPeriods.id, evaluationAppeals.periodId))
    .where(
      and(
        eq(evaluationAppeals.cityId, cityId),
        nodeInScope(evaluationAppeals.nodeId, filter.scope),
        filter.periodId ? eq(evaluationAppeals.periodId, filter.periodId) : undefined,
        filter.status ? eq(evaluationAppeals.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(evaluationAppeals.filedAt), desc(evaluationAppeals.id));
}

export async function appeal(db: Db, id: number) {
  const [row] = await db
    .select({ appeal: evaluationAppeals, periodLabel: evaluationPeriods.label })
    .from(evaluationAppeals)
    .innerJoin(evaluationPeriods, eq(evaluationPeriods.id, evaluationAppeals.periodId))
    .where(eq(evaluationAppeals.id, id));
  return row;
}

export async function insertAppeal(tx: Tx, row: typeof evaluationAppeals.$inferInsert): Promise<AppealRow> {
  const [saved] = await tx.insert(evaluationAppeals).values(row).returning();
  return saved!;
}

export async function decideAppeal(tx: Tx, id: number, version: number, set: { status: string; decision: string; decidedByName: string; decidedAt: Date }): Promise<AppealRow | undefined> {
  const [saved] = await tx
    .update(evaluationAppeals)
    .set({ ...set, version: version + 1 })
    .where(and(eq(evaluationAppeals.id, id), eq(evaluationAppeals.version, version), eq(evaluationAppeals.status, "pending")))
    .returning();
  return saved;
}
