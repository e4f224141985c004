import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { ObjectKind, Rule } from "../../../shared/schemas/ledgers";
import type { Database } from "../../db/client";
import { ledgerBenchmarks, ledgerContractFiles, ledgerContracts, ledgerFlags, ledgerImports, ledgerSettings } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope } from "../../platform/tree";

/** The only SQL on the contract tables: settings, benchmarks, contracts, their flags and previewed imports. */
export type ContractRow = typeof ledgerContracts.$inferSelect;
export type ContractInsert = typeof ledgerContracts.$inferInsert;
export type FlagRow = typeof ledgerFlags.$inferSelect;
export type BenchmarkRow = typeof ledgerBenchmarks.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
const ids = (values: readonly number[]) => sql`${sql.param([...values])}::bigint[]`;

// --- settings and benchmarks

export async function findSettings(db: Database, cityId: number) {
  const [row] = await db.select().from(ledgerSettings).where(eq(ledgerSettings.cityId, cityId));
  return row;
}

/** Writes the city's rules from the version read (0: none yet); undefined when someone else got there first. */
export async function saveSettings(db: Database, cityId: number, rules: unknown, version: number, at: Date) {
  if (version === 0) {
    const [row] = await db.insert(ledgerSettings).values({ cityId, rules, updatedAt: at }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(ledgerSettings)
    .set({ rules, version: sql`${ledgerSettings.version} + 1`, updatedAt: at })
    .where(and(eq(ledgerSettings.cityId, cityId), eq(ledgerSettings.version, version)))
    .returning();
  return row;
}

export async function listBenchmarks(db: Database, scope: Scope): Promise<BenchmarkRow[]> {
  return db.select().from(ledgerBenchmarks).where(nodeInScope(ledgerBenchmarks.nodeId, scope)).orderBy(asc(ledgerBenchmarks.nodeId), asc(ledgerBenchmarks.object));
}

export async function benchmarksOf(db: Database, townshipIds: readonly number[]): Promise<BenchmarkRow[]> {
  if (townshipIds.length === 0) return [];
  return db.select().from(ledgerBenchmarks).where(inArray(ledgerBenchmarks.nodeId, [...new Set(townshipIds)]));
}

export async function saveBenchmark(db: Database, values: { cityId: number; nodeId: number; object: ObjectKind; unit: string; priceFen: number }, version: number, at: Date) {
  if (version === 0) {
    const [row] = await db.insert(ledgerBenchmarks).values({ ...values, updatedAt: at }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(ledgerBenchmarks)
    .set({ priceFen: values.priceFen, version: sql`${ledgerBenchmarks.version} + 1`, updatedAt: at })
    .where(and(eq(ledgerBenchmarks.nodeId, values.nodeId), eq(ledgerBenchmarks.object, values.object), eq(ledgerBenchmarks.unit, values.unit), eq(ledgerBenchmarks.version, version)))
    .returning();
  return row;
}

// --- contracts

export interface ContractFilter {
  scope: Scope;
  q?: string;
  object?: ObjectKind;
  rule?: Rule;
  state?: "clean" | "flagged" | "rectified";
  /** `ever`: the contracts any check found problematic (ledger.problemContracts). */
  ever?: boolean;
  /** Problems raised from flags that are now closed: their flags count as rectified. */
  closedProblemIds: readonly number[];
}

// Raw subqueries name the outer table by hand: drizzle leaves a single-table query's columns unqualified.
const hasFlag = sql`EXISTS (SELECT 1 FROM ledger_flags f WHERE f.contract_id = ledger_contracts.id)`;
const unresolved = (closed: readonly number[]) =>
  sql`EXISTS (SELECT 1 FROM ledger_flags f WHERE f.contract_id = ledger_contracts.id AND f.cleared_at IS NULL AND (f.problem_id IS NULL OR NOT (f.problem_id = ANY(${ids(closed)}))))`;

export function contractWhere(filter: ContractFilter): SQL {
  const conditions: (SQL | undefined)[] = [isNull(ledgerContracts.deletedAt), nodeInScope(ledgerContracts.nodeId, filter.scope)];
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(ledgerContracts.code, like), ilike(ledgerContracts.objectName, like), ilike(ledgerContracts.counterpartyName, like)));
  }
  if (filter.object) conditions.push(eq(ledgerContracts.object, filter.object));
  if (filter.rule) conditions.push(sql`EXISTS (SELECT 1 FROM ledger_flags f WHERE f.contract_id = ledger_contracts.id AND f.cleared_at IS NULL AND f.rule = ${filter.rule})`);
  if (filter.ever) conditions.push(hasFlag);
  if (filter.state === "clean") conditions.push(sql`NOT ${hasFlag}`);
  if (filter.state === "flagged") conditions.push(unresolved(filter.closedProblemIds));
  if (filter.state === "rectified") conditions.push(and(hasFlag, sql`NOT ${unresolved(filter.closedProblemIds)}`));
  return and(...conditions)!;
}

export async function listContracts(db: Database, filter: ContractFilter, limit: number, offset: number) {
  const where = contractWhere(filter);
  const rows = await db.select().from(ledgerContracts).where(where).orderBy(asc(ledgerContracts.nodeId), asc(ledgerContracts.code), asc(ledgerContracts.id)).limit(limit).offset(offset);
  const [sums] = await db.select({ n: sql<number>`count(*)::int`, price: sql<number>`coalesce(sum(${ledgerContracts.annualPriceFen}), 0)::bigint` }).from(ledgerContracts).where(where);
  return { rows, total: sums?.n ?? 0, annualPriceFen: Number(sums?.price ?? 0) };
}

export async function findContract(db: Database, id: number): Promise<ContractRow | undefined> {
  const [row] = await db.select().from(ledgerContracts).where(and(eq(ledgerContracts.id, id), isNull(ledgerContracts.deletedAt)));
  return row;
}

export async function insertContracts(db: Database, rows: ContractInsert[]): Promise<ContractRow[]> {
  if (rows.length === 0) return [];
  return db.insert(ledgerContracts).values(rows).returning();
}

export async function updateContract(db: Database, id: number, version: number, changes: Partial<ContractInsert>, at: Date): Promise<ContractRow | undefined> {
  const [row] = await db
    .update(ledgerContracts)
    .set({ ...changes, version: sql`${ledgerContracts.version} + 1`, updatedAt: at })
    .where(and(eq(ledgerContracts.id, id), eq(ledgerContracts.version, version), isNull(ledgerContracts.deletedAt)))
    .returning();
  return row;
}

/** A contract's new file: the current one (if any) is marked replaced and kept. */
export async function replaceContractFile(db: Database, values: Omit<typeof ledgerContractFiles.$inferInsert, "replacedAt">, at: Date): Promise<number> {
  await db
    .update(ledgerContractFiles)
    .set({ replacedAt: at })
    .where(and(eq(ledgerContractFiles.contractId, values.contractId), isNull(ledgerContractFiles.replacedAt)));
  const [row] = await db.insert(ledgerContractFiles).values(values).returning({ id: ledgerContractFiles.id });
  return row!.id;
}

export async function currentContractFile(db: Database, contractId: number) {
  const [row] = await db
    .select({ id: ledgerContractFiles.id, fileName: ledgerContractFiles.fileName, mime: ledgerContractFiles.mime, content: ledgerContractFiles.content })
    .from(ledgerContractFiles)
    .where(and(eq(ledgerContractFiles.contractId, contractId), isNull(ledgerContractFiles.replacedAt)));
  return row;
}

/** The current file of each contract that has one. */
export async function currentFileIds(db: Database, contractIds: readonly number[]): Promise<Map<number, number>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db
    .select({ id: ledgerContractFiles.id, contractId: ledgerContractFiles.contractId })
    .from(ledgerContractFiles)
    .where(and(inArray(ledgerContractFiles.contractId, [...contractIds]), isNull(ledgerContractFiles.replacedAt)));
  return new Map(rows.map((row) => [row.contractId, row.id]));
}

/** The live contracts of the villages, for a check (a rule such as the same object let twice looks at siblings). */
export async function contractsOfVillages(db: Database, nodeIds: readonly number[]): Promise<ContractRow[]> {
  if (nodeIds.length === 0) return [];
  return db
    .select()
    .from(ledgerContracts)
    .where(and(inArray(ledgerContracts.nodeId, [...new Set(nodeIds)]), isNull(ledgerContracts.deletedAt)))
    .orderBy(asc(ledgerContracts.id));
}

/** The villages with contracts in the scope. */
export async function villagesWithContracts(db: Database, scope: Scope): Promise<number[]> {
  const rows = await db
    .selectDistinct({ nodeId: ledgerContracts.nodeId })
    .from(ledgerContracts)
    .where(and(isNull(ledgerContracts.deletedAt), nodeInScope(ledgerContracts.nodeId, scope)));
  return rows.map((row) => row.nodeId);
}

export async function codesTaken(db: Database, nodeId: number, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: ledgerContracts.code })
    .from(ledgerContracts)
    .where(and(eq(ledgerContracts.nodeId, nodeId), inArray(ledgerContracts.code, [...codes]), isNull(ledgerContracts.deletedAt)));
  return new Set(rows.map((row) => row.code));
}

// --- flags

export async function flagsOfContracts(db: Database, contractIds: readonly number[], onlyOpen = false): Promise<FlagRow[]> {
  if (contractIds.length === 0) return [];
  const where = and(inArray(ledgerFlags.contractId, [...new Set(contractIds)]), onlyOpen ? isNull(ledgerFlags.clearedAt) : undefined);
  return db.select().from(ledgerFlags).where(where).orderBy(asc(ledgerFlags.contractId), desc(ledgerFlags.foundAt), asc(ledgerFlags.id));
}

export async function insertFlags(db: Database, rows: (typeof ledgerFlags.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(ledgerFlags).values(rows);
}

export async function clearFlags(db: Database, flagIds: readonly number[], at: Date): Promise<void> {
  if (flagIds.length === 0) return;
  await db
    .update(ledgerFlags)
    .set({ clearedAt: at, version: sql`${ledgerFlags.version} + 1` })
    .where(inArray(ledgerFlags.id, [...flagIds]));
}

export async function updateFlagFacts(db: Database, flagId: number, facts: unknown): Promise<void> {
  await db.update(ledgerFlags).set({ facts }).where(eq(ledgerFlags.id, flagId));
}

export async function findFlag(db: Database, id: number): Promise<FlagRow | undefined> {
  const [row] = await db.select().from(ledgerFlags).where(eq(ledgerFlags.id, id));
  return row;
}

/** Links a flag to the problem raised from it, from the version read; undefined when it changed meanwhile. */
export async function markRaised(db: Database, id: number, version: number, problemId: number, at: Date): Promise<FlagRow | undefined> {
  const [row] = await db
    .update(ledgerFlags)
    .set({ problemId, raisedAt: at, version: sql`${ledgerFlags.version} + 1` })
    .where(and(eq(ledgerFlags.id, id), eq(ledgerFlags.version, version), isNull(ledgerFlags.clearedAt), isNull(ledgerFlags.problemId)))
    .returning();
  return row;
}

export interface FlagFilter {
  scope: Scope;
  rule?: Rule;
  state?: "open" | "raised" | "rectified" | "cleared";
  closedProblemIds: readonly number[];
}

function flagWhere(filter: FlagFilter): SQL {
  const closed = sql`${ledgerFlags.problemId} = ANY(${ids(filter.closedProblemIds)})`;
  const states: Record<NonNullable<FlagFilter["state"]>, SQL> = {
    open: and(isNull(ledgerFlags.clearedAt), isNull(ledgerFlags.problemId))!,
    raised: and(isNull(ledgerFlags.clearedAt), isNotNull(ledgerFlags.problemId), sql`NOT ${closed}`)!,
    rectified: and(isNull(ledgerFlags.clearedAt), closed)!,
    cleared: isNotNull(ledgerFlags.clearedAt),
  };
  return and(
    nodeInScope(ledgerFlags.nodeId, filter.scope),
    sql`EXISTS (SELECT 1 FROM ledger_contracts c WHERE c.id = ledger_flags.contract_id AND c.deleted_at IS NULL)`,
    filter.rule ? eq(ledgerFlags.rule, filter.rule) : undefined,
    filter.state ? states[filter.state] : undefined,
  )!;
}

export async function listFlags(db: Database, filter: FlagFilter, limit: number, offset: number) {
  const where = flagWhere(filter);
  const rows = await db.select().from(ledgerFlags).where(where).orderBy(desc(ledgerFlags.foundAt), desc(ledgerFlags.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerFlags).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** The problems raised from live flags in the scope: the service asks the problem lists which are closed. */
export async function raisedProblemIds(db: Database, scope: Scope): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: ledgerFlags.problemId })
    .from(ledgerFlags)
    .where(and(isNotNull(ledgerFlags.problemId), isNull(ledgerFlags.clearedAt), nodeInScope(ledgerFlags.nodeId, scope)));
  return rows.map((row) => row.id!);
}

export async function codesOf(db: Database, contractIds: readonly number[]): Promise<Map<number, string>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db.select({ id: ledgerContracts.id, code: ledgerContracts.code }).from(ledgerContracts).where(inArray(ledgerContracts.id, [...new Set(contractIds)]));
  return new Map(rows.map((row) => [row.id, row.code]));
}

// --- figures: each is the count of the list its drill-down opens (contractWhere with the same filter)

export async function contractFigures(db: Database, path: string, closedProblemIds: readonly number[]) {
  const scope: Scope = { all: false, paths: [path] };
  const count = async (filter: Omit<ContractFilter, "scope" | "closedProblemIds">) => {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerContracts).where(contractWhere({ scope, closedProblemIds, ...filter }));
    return row?.n ?? 0;
  };
  return { contracts: await count({}), problem: await count({ ever: true }), rectified: await count({ state: "rectified" }) };
}

// --- previewed imports

export async function saveImport(db: Database, values: typeof ledgerImports.$inferInsert): Promise<void> {
  await db.insert(ledgerImports).values(values);
}

export async function findImport(db: Database, token: string) {
  const [row] = await db.select().from(ledgerImports).where(eq(ledgerImports.token, token));
  return row;
}

export async function takeImport(db: Database, token: string, userId: number, at: Date) {
  const [row] = await db
    .update(ledgerImports)
    .set({ committedAt: at })
    .where(and(eq(ledgerImports.token, token), eq(ledgerImports.userId, userId), isNull(ledgerImports.committedAt)))
    .returning();
  return row;
}
