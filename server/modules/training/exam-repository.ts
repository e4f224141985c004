import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { examAttemptItems, examAttempts, examCandidates, examQuestions, exams } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, nodeRefOfNode, pathOfNode } from "../../platform/tree";

/** The only SQL on the question bank, exams, candidates, attempts and their items. */
export type QuestionRow = typeof examQuestions.$inferSelect;
export type ExamRow = typeof exams.$inferSelect;
export type AttemptRow = typeof examAttempts.$inferSelect;
export type ItemRow = typeof examAttemptItems.$inferSelect;

export interface QuestionFilter {
  scope: Scope;
  topic?: string;
  difficulty?: string;
  type?: string;
  q?: string;
}

function questionWhere(filter: QuestionFilter): SQL | undefined {
  return and(
    isNull(examQuestions.retiredAt),
    nodeInScope(examQuestions.nodeId, filter.scope),
    filter.topic ? eq(examQuestions.topic, filter.topic) : undefined,
    filter.difficulty ? eq(examQuestions.difficulty, filter.difficulty) : undefined,
    filter.type ? eq(examQuestions.type, filter.type) : undefined,
    filter.q ? ilike(examQuestions.stem, `%${filter.q}%`) : undefined,
  );
}

export async function listQuestions(db: Database, filter: QuestionFilter, offset: number, limit: number) {
  const where = questionWhere(filter);
  const rows = await db.select().from(examQuestions).where(where).orderBy(asc(examQuestions.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(examQuestions).where(where);
  return { rows, total: count!.n };
}

export async function findQuestion(db: Database, id: number) {
  const [row] = await db.select({ row: examQuestions, path: pathOfNode(examQuestions.nodeId) }).from(examQuestions).where(and(eq(examQuestions.id, id), isNull(examQuestions.retiredAt)));
  return row;
}

export type NewQuestion = Omit<typeof examQuestions.$inferInsert, "id" | "version" | "retiredAt" | "updatedAt">;
export type QuestionContent = Pick<QuestionRow, "type" | "topic" | "difficulty" | "stem" | "options" | "answer">;

export async function insertQuestions(db: Database, values: NewQuestion[]): Promise<QuestionRow[]> {
  return db.insert(examQuestions).values(values).returning();
}

/** Rewrites a question from the version read; undefined when another change came first. */
export async function updateQuestion(db: Database, id: number, version: number, content: QuestionContent, at: Date): Promise<QuestionRow | undefined> {
  const [row] = await db
    .update(examQuestions)
    .set({ ...content, updatedAt: at, version: sql`${examQuestions.version} + 1` })
    .where(and(eq(examQuestions.id, id), eq(examQuestions.version, version)))
    .returning();
  return row;
}

/** Retires a question from the version read; false when another change came first. */
export async function retireQuestion(db: Database, id: number, version: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(examQuestions)
    .set({ retiredAt: at, version: sql`${examQuestions.version} + 1` })
    .where(and(eq(examQuestions.id, id), eq(examQuestions.version, version)))
    .returning({ id: examQuestions.id });
  return rows.length > 0;
}

/** The bank an exam held at `path` draws from: questions kept at that node or above it. */
export async function pool(db: Database, cityId: number, path: string, topic: string, difficulty: string): Promise<QuestionRow[]> {
  return db
    .select()
    .from(examQuestions)
    .where(
      and(
        eq(examQuestions.cityId, cityId),
        isNull(examQuestions.retiredAt),
        eq(examQuestions.topic, topic),
        eq(examQuestions.difficulty, difficulty),
        sql`${path} LIKE ${pathOfNode(examQuestions.nodeId)} || '%'`,
      ),
    )
    .orderBy(asc(examQuestions.id));
}

export async function questionsByIds(db: Database, ids: number[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(examQuestions).where(inArray(examQuestions.id, ids));
}

const examColumns = {
  row: exams,
  node: nodeRefOfNode(exams.nodeId),
  candidates: sql<number>`(SELECT count(*)::int FROM exam_candidates c WHERE c.exam_id = exams.id)`,
  submitted: sql<number>`(SELECT count(*)::int FROM exam_attempts a WHERE a.exam_id = exams.id AND a.submitted_at IS NOT NULL)`,
};

export async function listExams(db: Database, scope: Scope, q: string | undefined, offset: number, limit: number) {
  const where = and(isNull(exams.retiredAt), nodeInScope(exams.nodeId, scope), q ? ilike(exams.title, `%${q}%`) : undefined);
  const rows = await db.select(examColumns).from(exams).where(where).orderBy(desc(exams.opensAt), desc(exams.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(exams).where(where);
  return { rows, total: count!.n };
}

export async function findExam(db: Database, id: number) {
  const [row] = await db.select(examColumns).from(exams).where(and(eq(exams.id, id), isNull(exams.retiredAt)));
  return row;
}

export async function findCandidate(db: Database, examId: number, personId: number) {
  const [row] = await db.select().from(examCandidates).where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, personId)));
  return row;
}

export async function candidatesOf(db: Database, examId: number) {
  return db.select().from(examCandidates).where(eq(examCandidates.examId, examId)).orderBy(asc(examCandidates.id));
}

export async function findAttempt(db: Database, id: number) {
  const [row] = await db.select({ row: examAttempts, path: pathOfNode(examAttempts.nodeId) }).from(examAttempts).where(eq(examAttempts.id, id));
  return row;
}

export async function attemptOf(db: Database, examId: number, personId: number) {
  const [row] = await db.select().from(examAttempts).where(and(eq(examAttempts.examId, examId), eq(examAttempts.personId, personId)));
  return row;
}

export async function itemsOf(db: Database, attemptId: number): Promise<ItemRow[]> {
  return db.select().from(examAttemptItems).where(eq(examAttemptItems.attemptId, attemptId)).orderBy(asc(examAttemptItems.seq));
}

/** A person's exams as a candidate, with their attempt if any. */
export async function examsOfPerson(db: Database, personId: number) {
  return db
    .select({ exam: exams, attempt: examAttempts })
    .from(examCandidates)
    .innerJoin(exams, eq(exams.id, examCandidates.examId))
    .leftJoin(examAttempts, and(eq(examAttempts.examId, examCandidates.examId), eq(examAttempts.personId, examCandidates.personId)))
    .where(and(eq(examCandidates.personId, personId), isNull(exams.retiredAt)))
    .orderBy(desc(exams.opensAt));
}

export interface ResultFilter {
  examId?: number;
  scope: Scope;
  q?: string;
  status?: string;
  level?: string;
  submitted?: { from?: Date; to?: Date };
}

const resultStatus = sql<string>`coalesce(${examAttempts.status}, 'not_started')`;

function resultWhere(filter: ResultFilter): SQL | undefined {
  const byStatus = (): SQL | undefined => {
    if (!filter.status) return undefined;
    if (filter.status === "passed") return eq(examAttempts.passed, true);
    if (filter.status === "failed") return eq(examAttempts.passed, false);
    return sql`${resultStatus} = ${filter.status}`;
  };
  return and(
    filter.examId ? eq(examCandidates.examId, filter.examId) : undefined,
    nodeInScope(examCandidates.nodeId, filter.scope),
    filter.level ? eq(examCandidates.level, filter.level) : undefined,
    filter.q ? ilike(examCandidates.personName, `%${filter.q}%`) : undefined,
    byStatus(),
    filter.submitted?.from ? gte(examAttempts.submittedAt, filter.submitted.from) : undefined,
    filter.submitted?.to ? lt(examAttempts.submittedAt, filter.submitted.to) : undefined,
  );
}

export async function listResults(db: Database, filter: ResultFilter, offset: number, limit: number) {
  const where = resultWhere(filter);
  const rows = await db
    .select({ candidate: examCandidates, attempt: examAttempts, node: nodeRefOfNode(examCandidates.nodeId), examTitle: exams.title })
    .from(examCandidates)
    .innerJoin(exams, eq(exams.id, examCandidates.examId))
    .leftJoin(examAttempts, and(eq(examAttempts.examId, examCandidates.examId), eq(examAttempts.personId, examCandidates.personId)))
    .where(and(isNull(exams.retiredAt), where))
    .orderBy(asc(examCandidates.id))
    .offset(offset)
    .limit(limit);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(examCandidates)
    .innerJoin(exams, eq(exams.id, examCandidates.examId))
    .leftJoin(examAttempts, and(eq(examAttempts.examId, examCandidates.examId), eq(examAttempts.personId, examCandidates.personId)))
    .where(and(isNull(exams.retiredAt), where));
  return { rows, total: count!.n };
}

/** Marks by topic over the scored attempts of an exam: earned and possible. */
export async function marksByTopic(db: Database, examId: number) {
  return db
    .select({
      topic: examQuestions.topic,
      attempts: sql<number>`count(DISTINCT ${examAttempts.id})::int`,
      earned: sql<number>`coalesce(sum(${examAttemptItems.score}), 0)::int`,
      possible: sql<number>`coalesce(sum(${examAttemptItems.points}), 0)::int`,
    })
    .from(examAttemptItems)
    .innerJoin(examAttempts, eq(examAttempts.id, examAttemptItems.attemptId))
    .innerJoin(examQuestions, eq(examQuestions.id, examAttemptItems.questionId))
    .where(and(eq(examAttempts.examId, examId), eq(examAttempts.status, "scored")))
    .groupBy(examQuestions.topic);
}

/** Scored attempts and passes of a subtree by level: the pass-rate figures. */
export async function passByLevel(db: Database, scope: Scope) {
  return db
    .select({ level: examAttempts.level, scored: sql<number>`count(*)::int`, passed: sql<number>`count(*) FILTER (WHERE ${examAttempts.passed})::int` })
    .from(examAttempts)
    .innerJoin(exams, eq(exams.id, examAttempts.examId))
    .where(and(isNull(exams.retiredAt), eq(examAttempts.status, "scored"), nodeInScope(examAttempts.nodeId, scope)))
    .groupBy(examAttempts.level);
}

export async function scoresOfPerson(db: Database, personId: number) {
  return db
    .select({ examId: exams.id, title: exams.title, score: examAttempts.score, passed: examAttempts.passed })
    .from(examAttempts)
    .innerJoin(exams, eq(exams.id, examAttempts.examId))
    .where(and(eq(examAttempts.personId, personId), isNull(exams.retiredAt)))
    .orderBy(desc(exams.opensAt));
}

/** Scored attempts submitted in [from, to) and those passed, per evaluated node: counted per node, then rolled up its path. */
export async function passByNode(db: Database, cityId: number, period: { from: Date; to: Date }) {
  const result = await db.execute(sql`
    SELECT ${pathOfNode(sql`x.node_id`)} AS "path", x.scored, x.passed
    FROM (
      SELECT ${examAttempts.nodeId} AS node_id, count(*)::int AS scored, count(*) FILTER (WHERE ${examAttempts.passed})::int AS passed
      FROM ${examAttempts} JOIN ${exams} ON ${exams.id} = ${examAttempts.examId}
      WHERE ${exams.retiredAt} IS NULL AND ${exams.cityId} = ${cityId} AND ${examAttempts.status} = 'scored'
        AND ${examAttempts.submittedAt} >= ${period.from} AND ${examAttempts.submittedAt} < ${period.to}
      GROUP BY ${examAttempts.nodeId}) x`);
  return (result as unknown as { rows: { path: string; scored: number; passed: number }[] }).rows;
}

// --- writes of exams and attempts (each inside the caller's transaction)

/** An exam (or a make-up exam) with its candidates; its id. */
export async function insertExam(db: Database, values: typeof exams.$inferInsert, candidates: Omit<typeof examCandidates.$inferInsert, "examId">[]): Promise<number> {
  const [row] = await db.insert(exams).values(values).returning({ id: exams.id });
  if (candidates.length > 0) await db.insert(examCandidates).values(candidates.map((candidate) => ({ ...candidate, examId: row!.id })));
  return row!.id;
}

/** An attempt with its drawn questions in the order given (seq from 1). */
export async function insertAttempt(db: Database, values: typeof examAttempts.$inferInsert, items: { questionId: number; points: number }[]): Promise<AttemptRow> {
  const [row] = await db.insert(examAttempts).values(values).returning();
  await db.insert(examAttemptItems).values(items.map((item, index) => ({ cityId: row!.cityId, attemptId: row!.id, seq: index + 1, ...item })));
  return row!;
}

export async function saveAnswer(db: Database, itemId: number, answer: string[], at: Date): Promise<void> {
  await db.update(examAttemptItems).set({ answer, savedAt: at }).where(eq(examAttemptItems.id, itemId));
}

export async function scoreItem(db: Database, itemId: number, score: number | null, graded?: { by: number; at: Date }): Promise<void> {
  await db
    .update(examAttemptItems)
    .set(graded ? { score, gradedBy: graded.by, gradedAt: graded.at } : { score })
    .where(eq(examAttemptItems.id, itemId));
}

/** Submits an attempt still in progress; false when it was submitted meanwhile. */
export async function submitAttempt(db: Database, id: number, result: { submittedAt: Date; status: string; autoScore: number; score: number | null; passed: boolean | null }): Promise<boolean> {
  const rows = await db
    .update(examAttempts)
    .set({ ...result, version: sql`${examAttempts.version} + 1` })
    .where(and(eq(examAttempts.id, id), eq(examAttempts.status, "in_progress")))
    .returning({ id: examAttempts.id });
  return rows.length > 0;
}

/** Scores a graded attempt from the version read; false when another change came first. */
export async function scoreAttempt(db: Database, id: number, version: number, result: { score: number; passed: boolean }): Promise<boolean> {
  const rows = await db
    .update(examAttempts)
    .set({ status: "scored", ...result, version: sql`${examAttempts.version} + 1` })
    .where(and(eq(examAttempts.id, id), eq(examAttempts.version, version)))
    .returning({ id: examAttempts.id });
  return rows.length > 0;
}
