import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { campaignAttachmentData, campaignAttachments, campaignClaims, campaignProjects, campaignReports, campaignTopics } from "../../db/schema";
import { AttachmentRow, ClaimRow, ReportRow, one } from "./repository";

// Topics (领题) and claims, and progress reports with their evidence.

// ---------------------------------------------------------------- topics and claims

export function findTopic(db: Database, id: number) {
  return one(db.select().from(campaignTopics).where(and(eq(campaignTopics.id, id), isNull(campaignTopics.deletedAt))));
}

export const listedSql = sql`${campaignTopics.status} IN ('open', 'closed')`;

export async function listTopics(
  db: Database,
  filter: { campaignId: number; audience?: string; kind?: string; status?: string; listed?: boolean; hideDrafts: boolean; offset: number; limit: number },
) {
  const where = and(
    eq(campaignTopics.campaignId, filter.campaignId),
    isNull(campaignTopics.deletedAt),
    filter.audience ? eq(campaignTopics.audience, filter.audience) : undefined,
    filter.kind ? eq(campaignTopics.kind, filter.kind) : undefined,
    filter.status ? eq(campaignTopics.status, filter.status) : undefined,
    filter.listed === undefined ? undefined : filter.listed ? listedSql : sql`NOT ${listedSql}`,
    filter.hideDrafts ? ne(campaignTopics.status, "draft") : undefined,
  );
  const rows = await db.select().from(campaignTopics).where(where).orderBy(asc(campaignTopics.audience), asc(campaignTopics.id)).limit(filter.limit).offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignTopics).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function claimCounts(db: Database, topicIds: number[]): Promise<Map<number, { submitted: number; approved: number }>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db
    .select({
      topicId: campaignClaims.topicId,
      submitted: sql<number>`count(*) FILTER (WHERE ${campaignClaims.status} = 'submitted')::int`,
      approved: sql<number>`count(*) FILTER (WHERE ${campaignClaims.status} = 'approved')::int`,
    })
    .from(campaignClaims)
    .where(inArray(campaignClaims.topicId, topicIds))
    .groupBy(campaignClaims.topicId);
  return new Map(rows.map((row) => [row.topicId, { submitted: row.submitted, approved: row.approved }]));
}

export async function insertTopic(db: Database, values: typeof campaignTopics.$inferInsert) {
  const [row] = await db.insert(campaignTopics).values(values).returning();
  return row!;
}

export function findClaim(db: Database, id: number) {
  return one(db.select().from(campaignClaims).where(eq(campaignClaims.id, id)));
}

export async function listClaims(
  db: Database,
  filter: { campaignId: number; reach: SQL; topicId?: number; audience?: string; status?: string; unitId?: number; offset: number; limit: number },
) {
  const where = and(
    eq(campaignClaims.campaignId, filter.campaignId),
    filter.reach,
    filter.topicId ? eq(campaignClaims.topicId, filter.topicId) : undefined,
    filter.audience ? eq(campaignClaims.audience, filter.audience) : undefined,
    filter.status ? eq(campaignClaims.status, filter.status) : undefined,
    filter.unitId ? eq(campaignClaims.unitId, filter.unitId) : undefined,
  );
  const rows = await db.select().from(campaignClaims).where(where).orderBy(asc(campaignClaims.id)).limit(filter.limit).offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignClaims).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** A claim still in play on the topic by the same leader or unit: submitted, returned for rework, or approved. */
export async function liveClaimOf(db: Database, topicId: number, who: { personId?: number; unitId?: number }) {
  return one(
    db
      .select()
      .from(campaignClaims)
      .where(
        and(
          eq(campaignClaims.topicId, topicId),
          inArray(campaignClaims.status, ["submitted", "returned", "approved"]),
          who.unitId ? eq(campaignClaims.unitId, who.unitId) : eq(campaignClaims.claimantPersonId, who.personId ?? -1),
        ),
      ),
  );
}

export async function approvedLeaderClaim(db: Database, topicId: number) {
  return one(db.select().from(campaignClaims).where(and(eq(campaignClaims.topicId, topicId), eq(campaignClaims.audience, "leader"), eq(campaignClaims.status, "approved"))));
}

export async function insertClaim(db: Database, values: typeof campaignClaims.$inferInsert) {
  const [row] = await db.insert(campaignClaims).values(values).returning();
  return row!;
}

export async function updateClaim(db: Database, id: number, version: number, changes: Partial<ClaimRow>, at: Date) {
  const [row] = await db
    .update(campaignClaims)
    .set({ ...changes, version: sql`${campaignClaims.version} + 1`, updatedAt: at })
    .where(and(eq(campaignClaims.id, id), eq(campaignClaims.version, version)))
    .returning();
  return row;
}

export async function projectIdsOfClaims(db: Database, claimIds: number[]): Promise<Map<number, number[]>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .select({ id: campaignProjects.id, claimId: campaignProjects.claimId })
    .from(campaignProjects)
    .where(and(inArray(campaignProjects.claimId, claimIds), isNull(campaignProjects.deletedAt)))
    .orderBy(asc(campaignProjects.id));
  const map = new Map<number, number[]>();
  for (const row of rows) if (row.claimId !== null) map.set(row.claimId, [...(map.get(row.claimId) ?? []), row.id]);
  return map;
}

export function topicUnits(db: Database, campaignId: number) {
  return db
    .select({
      unitId: sql<number>`${campaignClaims.unitId}`.mapWith(Number),
      contents: sql<number>`count(*)::int`,
      projects: sql<number>`(SELECT count(*)::int FROM campaign_projects p JOIN campaign_claims pc ON pc.id = p.claim_id WHERE p.deleted_at IS NULL AND pc.unit_id = ${campaignClaims.unitId} AND pc.campaign_id = ${campaignId} AND pc.status = 'approved' AND p.level = 'topic')`,
    })
    .from(campaignClaims)
    .where(and(eq(campaignClaims.campaignId, campaignId), eq(campaignClaims.audience, "unit"), eq(campaignClaims.status, "approved")))
    .groupBy(campaignClaims.unitId)
    .orderBy(campaignClaims.unitId);
}

// ---------------------------------------------------------------- reports and evidence

export function findReport(db: Database, id: number) {
  return one(db.select().from(campaignReports).where(eq(campaignReports.id, id)));
}

export async function listReports(db: Database, filter: { campaignId: number; reach: SQL; projectId?: number; status?: string; offset: number; limit: number }) {
  const where = and(
    eq(campaignProjects.campaignId, filter.campaignId),
    isNull(campaignProjects.deletedAt),
    filter.reach,
    filter.projectId ? eq(campaignReports.projectId, filter.projectId) : undefined,
    filter.status ? eq(campaignReports.status, filter.status) : undefined,
  );
  const rows = await db
    .select({ report: campaignReports, project: campaignProjects })
    .from(campaignReports)
    .innerJoin(campaignProjects, eq(campaignProjects.id, campaignReports.projectId))
    .where(where)
    .orderBy(desc(campaignReports.submittedAt), desc(campaignReports.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignReports)
    .innerJoin(campaignProjects, eq(campaignProjects.id, campaignReports.projectId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function insertReport(db: Database, values: typeof campaignReports.$inferInsert) {
  const [row] = await db.insert(campaignReports).values(values).returning();
  return row!;
}

export async function updateReport(db: Database, id: number, version: number, changes: Partial<ReportRow>) {
  const [row] = await db
    .update(campaignReports)
    .set({ ...changes, version: sql`${campaignReports.version} + 1` })
    .where(and(eq(campaignReports.id, id), eq(campaignReports.version, version)))
    .returning();
  return row;
}

export function attachmentsOf(db: Database, reportIds: number[]) {
  if (reportIds.length === 0) return Promise.resolve([] as AttachmentRow[]);
  return db
    .select()
    .from(campaignAttachments)
    .where(and(inArray(campaignAttachments.reportId, reportIds), isNull(campaignAttachments.deletedAt)))
    .orderBy(asc(campaignAttachments.id));
}

export async function insertAttachment(db: Database, values: typeof campaignAttachments.$inferInsert, data: Buffer) {
  const [row] = await db.insert(campaignAttachments).values(values).returning();
  await db.insert(campaignAttachmentData).values({ attachmentId: row!.id, cityId: row!.cityId, data });
  return row!;
}

export async function findAttachment(db: Database, id: number) {
  return one(db.select().from(campaignAttachments).where(and(eq(campaignAttachments.id, id), isNull(campaignAttachments.deletedAt))));
}

export async function attachmentData(db: Database, id: number): Promise<Buffer | undefined> {
  const row = await one(db.select({ data: campaignAttachmentData.data }).from(campaignAttachmentData).where(eq(campaignAttachmentData.attachmentId, id)));
  return row?.data;
}
