import { and, asc, desc, eq, ilike, inArray, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ledgerContracts, ledgerCooperatives, ledgerDebtMovements, ledgerDebtPlans, ledgerDebts, ledgerDisclosures, ledgerIncomes, ledgerPairings } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode } from "../../platform/tree";

/** The only SQL on the debt, income, pairing, cooperative and disclosure tables. Sums are cast in SQL: int8 comes back as a number from both drivers. */
export type DebtRow = typeof ledgerDebts.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
const sumOf = (column: SQLWrapper) => sql<number>`coalesce(sum(${column}), 0)::bigint`;
const num = (value: unknown) => Number(value ?? 0);

// --- debts

const resolvedOf = sql<number>`(SELECT coalesce(sum(m.amount_fen), 0)::bigint FROM ledger_debt_movements m WHERE m.debt_id = ledger_debts.id)`;

export function debtWhere(scope: Scope, q?: string): SQL {
  return and(isNull(ledgerDebts.deletedAt), nodeInScope(ledgerDebts.nodeId, scope), q ? ilike(ledgerDebts.creditor, `%${escapeLike(q)}%`) : undefined)!;
}

export async function listDebts(db: Database, scope: Scope, q: string | undefined, limit: number, offset: number) {
  const where = debtWhere(scope, q);
  const rows = await db.select({ debt: ledgerDebts, resolvedFen: resolvedOf }).from(ledgerDebts).where(where).orderBy(asc(ledgerDebts.nodeId), desc(ledgerDebts.incurredOn), asc(ledgerDebts.id)).limit(limit).offset(offset);
  const [sums] = await db.select({ n: sql<number>`count(*)::int`, amount: sumOf(ledgerDebts.amountFen), resolved: sql<number>`coalesce(sum(${resolvedOf}), 0)::bigint` }).from(ledgerDebts).where(where);
  return { rows: rows.map((row) => ({ ...row.debt, resolvedFen: num(row.resolvedFen) })), total: sums?.n ?? 0, amountFen: num(sums?.amount), resolvedFen: num(sums?.resolved) };
}

export async function findDebt(db: Database, id: number) {
  const [row] = await db.select({ debt: ledgerDebts, resolvedFen: resolvedOf }).from(ledgerDebts).where(and(eq(ledgerDebts.id, id), isNull(ledgerDebts.deletedAt)));
  return row ? { ...row.debt, resolvedFen: num(row.resolvedFen) } : undefined;
}

export async function insertDebt(db: Database, values: typeof ledgerDebts.$inferInsert): Promise<DebtRow> {
  const [row] = await db.insert(ledgerDebts).values(values).returning();
  return row!;
}

/** Takes the debt's version: a plan or a movement changes the debt, so two at once cannot both pass the outstanding check. */
export async function bumpDebt(db: Database, id: number, version: number, at: Date): Promise<DebtRow | undefined> {
  const [row] = await db
    .update(ledgerDebts)
    .set({ version: sql`${ledgerDebts.version} + 1`, updatedAt: at })
    .where(and(eq(ledgerDebts.id, id), eq(ledgerDebts.version, version), isNull(ledgerDebts.deletedAt)))
    .returning();
  return row;
}

export async function replacePlan(db: Database, cityId: number, debtId: number, instalments: { dueOn: string; amountFen: number }[]): Promise<void> {
  await db.delete(ledgerDebtPlans).where(eq(ledgerDebtPlans.debtId, debtId));
  if (instalments.length > 0) await db.insert(ledgerDebtPlans).values(instalments.map((item, index) => ({ cityId, debtId, seq: index + 1, ...item })));
}

export async function planOf(db: Database, debtId: number) {
  return db.select({ seq: ledgerDebtPlans.seq, dueOn: ledgerDebtPlans.dueOn, amountFen: ledgerDebtPlans.amountFen }).from(ledgerDebtPlans).where(eq(ledgerDebtPlans.debtId, debtId)).orderBy(asc(ledgerDebtPlans.seq));
}

export async function movementsOf(db: Database, debtId: number) {
  return db
    .select({ id: ledgerDebtMovements.id, kind: ledgerDebtMovements.kind, amountFen: ledgerDebtMovements.amountFen, on: ledgerDebtMovements.on, note: ledgerDebtMovements.note })
    .from(ledgerDebtMovements)
    .where(eq(ledgerDebtMovements.debtId, debtId))
    .orderBy(asc(ledgerDebtMovements.on), asc(ledgerDebtMovements.id));
}

export async function insertMovement(db: Database, values: typeof ledgerDebtMovements.$inferInsert) {
  const [row] = await db.insert(ledgerDebtMovements).values(values).returning();
  return row!;
}

const movementWhere = (scope: Scope, kind?: string) =>
  and(
    nodeInScope(ledgerDebtMovements.nodeId, scope),
    kind ? eq(ledgerDebtMovements.kind, kind) : undefined,
    sql`EXISTS (SELECT 1 FROM ledger_debts d WHERE d.id = ledger_debt_movements.debt_id AND d.deleted_at IS NULL)`,
  )!;

export async function listMovements(db: Database, scope: Scope, kind: string | undefined, limit: number, offset: number) {
  const where = movementWhere(scope, kind);
  const rows = await db
    .select({ movement: ledgerDebtMovements, creditor: sql<string>`(SELECT d.creditor FROM ledger_debts d WHERE d.id = ledger_debt_movements.debt_id)` })
    .from(ledgerDebtMovements)
    .where(where)
    .orderBy(desc(ledgerDebtMovements.on), desc(ledgerDebtMovements.id))
    .limit(limit)
    .offset(offset);
  const [sums] = await db.select({ n: sql<number>`count(*)::int`, sum: sumOf(ledgerDebtMovements.amountFen) }).from(ledgerDebtMovements).where(where);
  return { rows: rows.map((row) => ({ ...row.movement, creditor: row.creditor })), total: sums?.n ?? 0, sumFen: num(sums?.sum) };
}

// --- income

export async function latestYear(db: Database, cityId: number): Promise<number | null> {
  const [row] = await db.select({ year: sql<number | null>`max(${ledgerIncomes.year})` }).from(ledgerIncomes).where(eq(ledgerIncomes.cityId, cityId));
  return row?.year ?? null;
}

export async function listIncomes(db: Database, scope: Scope, year: number | undefined, limit: number, offset: number) {
  const where = and(nodeInScope(ledgerIncomes.nodeId, scope), year === undefined ? undefined : eq(ledgerIncomes.year, year))!;
  const rows = await db.select().from(ledgerIncomes).where(where).orderBy(desc(ledgerIncomes.year), asc(ledgerIncomes.nodeId), asc(ledgerIncomes.source)).limit(limit).offset(offset);
  const [sums] = await db.select({ n: sql<number>`count(*)::int`, sum: sumOf(ledgerIncomes.amountFen) }).from(ledgerIncomes).where(where);
  return { rows, total: sums?.n ?? 0, sumFen: num(sums?.sum) };
}

export async function insertIncome(db: Database, values: typeof ledgerIncomes.$inferInsert) {
  const [row] = await db.insert(ledgerIncomes).values(values).onConflictDoNothing().returning();
  return row;
}

export async function incomeByVillage(db: Database, scope: Scope, years: number[]) {
  if (years.length === 0) return [];
  const rows = await db
    .select({ nodeId: ledgerIncomes.nodeId, year: ledgerIncomes.year, sum: sumOf(ledgerIncomes.amountFen) })
    .from(ledgerIncomes)
    .where(and(nodeInScope(ledgerIncomes.nodeId, scope), inArray(ledgerIncomes.year, years)))
    .groupBy(ledgerIncomes.nodeId, ledgerIncomes.year);
  return rows.map((row) => ({ ...row, sum: num(row.sum) }));
}

export async function incomeBySource(db: Database, nodeId: number, year: number) {
  const rows = await db
    .select({ source: ledgerIncomes.source, amountFen: sumOf(ledgerIncomes.amountFen) })
    .from(ledgerIncomes)
    .where(and(eq(ledgerIncomes.nodeId, nodeId), eq(ledgerIncomes.year, year)))
    .groupBy(ledgerIncomes.source)
    .orderBy(asc(ledgerIncomes.source));
  return rows.map((row) => ({ source: row.source, amountFen: num(row.amountFen) }));
}

// --- per village, for the township's ranking

export async function debtByVillage(db: Database, scope: Scope) {
  const rows = await db
    .select({ nodeId: ledgerDebts.nodeId, amount: sumOf(ledgerDebts.amountFen), resolved: sql<number>`coalesce(sum(${resolvedOf}), 0)::bigint` })
    .from(ledgerDebts)
    .where(debtWhere(scope))
    .groupBy(ledgerDebts.nodeId);
  return rows.map((row) => ({ nodeId: row.nodeId, amountFen: num(row.amount), resolvedFen: num(row.resolved) }));
}

export async function contractsByVillage(db: Database, scope: Scope, closedProblemIds: readonly number[]) {
  const closed = sql`${sql.param([...closedProblemIds])}::bigint[]`;
  const rows = await db
    .select({
      nodeId: ledgerContracts.nodeId,
      path: pathOfNode(ledgerContracts.nodeId),
      contracts: sql<number>`count(*)::int`,
      flagged: sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_flags f WHERE f.contract_id = ledger_contracts.id))::int`,
      unresolved: sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_flags f WHERE f.contract_id = ledger_contracts.id AND f.cleared_at IS NULL AND (f.problem_id IS NULL OR NOT (f.problem_id = ANY(${closed})))))::int`,
    })
    .from(ledgerContracts)
    .where(and(isNull(ledgerContracts.deletedAt), nodeInScope(ledgerContracts.nodeId, scope)))
    .groupBy(ledgerContracts.nodeId);
  return rows.map((row) => ({ nodeId: row.nodeId, path: row.path, contracts: row.contracts, flagged: row.flagged, rectified: row.flagged - row.unresolved }));
}

// --- pairing and cooperatives

export async function insertPairing(db: Database, values: typeof ledgerPairings.$inferInsert) {
  const [row] = await db.insert(ledgerPairings).values(values).returning();
  return row!;
}

export async function listPairings(db: Database, scope: Scope, limit: number, offset: number) {
  const where = nodeInScope(ledgerPairings.nodeId, scope);
  const rows = await db.select().from(ledgerPairings).where(where).orderBy(asc(ledgerPairings.enterprise), asc(ledgerPairings.id)).limit(limit).offset(offset);
  const [sums] = await db
    .select({
      n: sql<number>`count(*)::int`,
      enterprises: sql<number>`count(DISTINCT ${ledgerPairings.enterprise})::int`,
      villages: sql<number>`count(DISTINCT ${ledgerPairings.nodeId})::int`,
      invested: sumOf(ledgerPairings.investedFen),
    })
    .from(ledgerPairings)
    .where(where);
  return { rows, total: sums?.n ?? 0, enterprises: sums?.enterprises ?? 0, villages: sums?.villages ?? 0, investedFen: num(sums?.invested) };
}

export async function insertCooperative(db: Database, values: typeof ledgerCooperatives.$inferInsert) {
  const [row] = await db.insert(ledgerCooperatives).values(values).returning();
  return row!;
}

export const cooperativeWhere = (scope: Scope, ledByBranch?: boolean) =>
  and(nodeInScope(ledgerCooperatives.nodeId, scope), ledByBranch === undefined ? undefined : eq(ledgerCooperatives.ledByBranch, ledByBranch))!;

export async function listCooperatives(db: Database, scope: Scope, ledByBranch: boolean | undefined, limit: number, offset: number) {
  const where = cooperativeWhere(scope, ledByBranch);
  const rows = await db.select().from(ledgerCooperatives).where(where).orderBy(asc(ledgerCooperatives.nodeId), asc(ledgerCooperatives.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerCooperatives).where(where);
  return { rows, total: count?.n ?? 0 };
}

// --- figures of a subtree, each the total of its drill-down list

export async function moneyFigures(db: Database, path: string, year: number | null) {
  const scope: Scope = { all: false, paths: [path] };
  const [resolved] = await db.select({ sum: sumOf(ledgerDebtMovements.amountFen) }).from(ledgerDebtMovements).where(movementWhere(scope));
  const incomes = year === null ? [] : await incomeByVillage(db, scope, [year - 1, year]);
  const latest = incomes.filter((row) => row.year === year).reduce((sum, row) => sum + row.sum, 0);
  const previous = incomes.filter((row) => row.year === year! - 1).reduce((sum, row) => sum + row.sum, 0);
  const pairings = await listPairings(db, scope, 1, 0);
  const [cooperatives] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerCooperatives).where(cooperativeWhere(scope, true));
  return { debtResolvedFen: num(resolved?.sum), incomeFen: latest, previousIncomeFen: previous, enterprises: pairings.enterprises, villages: pairings.villages, cooperatives: cooperatives?.n ?? 0 };
}

// --- disclosure

export async function findDisclosure(db: Database, nodeId: number) {
  const [row] = await db.select().from(ledgerDisclosures).where(eq(ledgerDisclosures.nodeId, nodeId));
  return row;
}

export async function saveDisclosure(db: Database, values: { cityId: number; nodeId: number; published: boolean; publishedAt: Date | null }, version: number) {
  if (version === 0) {
    const [row] = await db.insert(ledgerDisclosures).values(values).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(ledgerDisclosures)
    .set({ published: values.published, publishedAt: values.publishedAt, version: sql`${ledgerDisclosures.version} + 1` })
    .where(and(eq(ledgerDisclosures.nodeId, values.nodeId), eq(ledgerDisclosures.version, version)))
    .returning();
  return row;
}

export async function publishedVillages(db: Database, cityId: number) {
  return db.select().from(ledgerDisclosures).where(and(eq(ledgerDisclosures.cityId, cityId), eq(ledgerDisclosures.published, true))).orderBy(asc(ledgerDisclosures.nodeId));
}

export async function publicContracts(db: Database, nodeId: number) {
  return db
    .select({
      object: ledgerContracts.object,
      area: ledgerContracts.area,
      unit: ledgerContracts.unit,
      startOn: ledgerContracts.startOn,
      endOn: ledgerContracts.endOn,
      annualPriceFen: ledgerContracts.annualPriceFen,
      counterpartyKind: ledgerContracts.counterpartyKind,
      letMethod: ledgerContracts.letMethod,
    })
    .from(ledgerContracts)
    .where(and(eq(ledgerContracts.nodeId, nodeId), isNull(ledgerContracts.deletedAt)))
    .orderBy(asc(ledgerContracts.object), asc(ledgerContracts.startOn), asc(ledgerContracts.id));
}
