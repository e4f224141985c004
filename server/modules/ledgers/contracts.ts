import type { z } from "zod";
import { maskIdNumber, maskName, maskPhone } from "../../../shared/mask";
import { roleGrants } from "../../../shared/permissions";
import {
  LedgerRules,
  defaultLedgerRules,
  ruleLabels,
  type CheckBody,
  type ContractQuery,
  type CreateContractBody,
  type DeleteBody,
  type FlagQuery,
  type ObjectKind,
  type PutBenchmarkBody,
  type PutSettingsBody,
  type RaiseBody,
  type RevealBody,
  type Rule,
  type SettingsQuery,
  type UpdateContractBody,
} from "../../../shared/schemas/ledgers";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import { jobContext, type Actor, type JobEnv, type RequestContext, type Tx } from "../../platform/context";
import { conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { abilitiesAt, authorizeAt, can, requireActor, requirePermission, type Scope } from "../../platform/policy";
import { cityRootIds, nodeRef, nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { write } from "../../platform/write";
import { problemStates, registerProblem } from "../problems/external";
import { contractAbilities, listScope, recordAt, villageFor } from "./policy";
import * as repo from "./repository";
import { areaText, checkContract, type CheckedContract, type Facts } from "./rules";

/** Contracts (清合同): the ledger, its rule checks and the flags they raise, turned into problems. */

export const page = (query: { page: number; pageSize: number }) => ({ limit: query.pageSize, offset: (query.page - 1) * query.pageSize });

// --- settings and benchmarks

export async function rulesOf(db: Database, cityId: number): Promise<{ rules: LedgerRules; version: number }> {
  const row = await repo.findSettings(db, cityId);
  if (!row) return { rules: defaultLedgerRules, version: 0 };
  const parsed = LedgerRules.safeParse(row.rules);
  return { rules: parsed.success ? parsed.data : defaultLedgerRules, version: row.version };
}

async function cityOf(ctx: RequestContext, permission: "ledger.configure", city?: number): Promise<number> {
  const actor = requirePermission(ctx, permission);
  const cityId = city ?? actor.cityId;
  if (!cityId) throw invalidField("city", "name the city");
  const roots = await nodeRefs(ctx.db, await cityRootIds(ctx.db));
  const root = [...roots.values()].find((node) => node.cityId === cityId);
  if (!root) throw notFound("城市");
  authorizeAt(ctx, permission, root.path);
  return cityId;
}

/** Every reader of a city's ledgers may see the rules they are checked by, wherever in the city they sit. */
export async function getSettings(ctx: RequestContext, query: z.infer<typeof SettingsQuery>) {
  const actor = requirePermission(ctx, "ledger.read");
  const cityId = query.city ?? actor.cityId;
  if (!cityId || !actor.grants.some((grant) => grant.cityId === cityId && roleGrants(grant.role, "ledger.read"))) throw notFound("城市");
  return { cityId, ...(await rulesOf(ctx.db, cityId)) };
}

/** New rules apply from the next check: every contract of the city is checked again in the same transaction. */
export async function putSettings(ctx: RequestContext, body: z.infer<typeof PutSettingsBody>) {
  const cityId = await cityOf(ctx, "ledger.configure", body.city);
  const before = await rulesOf(ctx.db, cityId);
  const today = localDay(ctx.clock.now());
  return write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.saveSettings(tx, cityId, body.rules, body.version, at);
    if (!row) throw versionConflict();
    const all = await repo.villagesWithContracts(tx, await cityScope(tx, cityId));
    const result = await runChecks(tx, cityId, all, today, at);
    audit({ action: "ledger.settings", entity: "ledger_settings", entityId: cityId, cityId, before: before.rules, after: { rules: body.rules, ...result } });
    return { cityId, rules: body.rules, version: row.version };
  });
}

async function cityScope(db: Database, cityId: number): Promise<Scope> {
  const roots = await nodeRefs(db, await cityRootIds(db));
  const root = [...roots.values()].find((node) => node.cityId === cityId);
  return root ? { all: false, paths: [root.path] } : { all: false, paths: [] };
}

export async function listBenchmarks(ctx: RequestContext, orgId?: number) {
  const { scope } = await listScope(ctx, orgId);
  const rows = await repo.listBenchmarks(ctx.db, scope);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  return { items: rows.map((row) => ({ ...row, object: row.object as ObjectKind, nodeName: nodes.get(row.nodeId)?.name ?? "" })) };
}

/** A township's benchmark price; its villages' contracts are checked again against it at once. */
export async function putBenchmark(ctx: RequestContext, body: z.infer<typeof PutBenchmarkBody>) {
  const exists = await nodeRef(ctx.db, body.nodeId);
  if (!exists) throw invalidField("nodeId", "no such township");
  const node = await visibleNode(ctx, body.nodeId);
  authorizeAt(ctx, "ledger.configure", node.path);
  if (node.kind !== "township" && node.kind !== "street") throw invalidField("nodeId", "must be a township or street");
  const today = localDay(ctx.clock.now());
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const saved = await repo.saveBenchmark(tx, { cityId: node.cityId, nodeId: node.id, object: body.object, unit: body.unit, priceFen: body.priceFen }, body.version, at);
    if (!saved) throw versionConflict();
    const result = await runChecks(tx, node.cityId, await repo.villagesWithContracts(tx, { all: false, paths: [node.path] }), today, at);
    audit({ action: "ledger.benchmark", entity: "ledger_benchmark", entityId: saved.id, nodeId: node.id, cityId: node.cityId, after: { object: body.object, unit: body.unit, priceFen: body.priceFen, ...result } });
    return saved;
  });
  return { ...row, object: row.object as ObjectKind, nodeName: node.name };
}

// --- the check

const checked = (row: repo.ContractRow): CheckedContract => ({ ...row, object: row.object as ObjectKind });
const benchmarkKey = (nodeId: number, object: string, unit: string) => `${nodeId}|${object}|${unit}`;

/**
 * Runs the rules over every contract of the villages and brings their flags up to date: a rule newly
 * tripped gets a flag with its facts, one no longer tripped is cleared. Runs inside the caller's transaction.
 */
export async function runChecks(tx: Tx | Database, cityId: number, villageIds: readonly number[], today: string, at: Date) {
  if (villageIds.length === 0) return { checked: 0, found: 0, cleared: 0 };
  const { rules } = await rulesOf(tx, cityId);
  const contracts = await repo.contractsOfVillages(tx, villageIds);
  const villages = await nodeRefs(tx, villageIds);
  const benchmarks = new Map(
    (await repo.benchmarksOf(tx, [...villages.values()].map((node) => node.parentId ?? 0))).map((row) => [benchmarkKey(row.nodeId, row.object, row.unit), row.priceFen]),
  );
  const open = await repo.flagsOfContracts(tx, contracts.map((row) => row.id), true);
  const openOf = new Map<number, repo.FlagRow[]>();
  for (const flag of open) openOf.set(flag.contractId, [...(openOf.get(flag.contractId) ?? []), flag]);
  const byVillage = new Map<number, CheckedContract[]>();
  for (const row of contracts) byVillage.set(row.nodeId, [...(byVillage.get(row.nodeId) ?? []), checked(row)]);

  const inserts: Parameters<typeof repo.insertFlags>[1] = [];
  const clears: number[] = [];
  for (const row of contracts) {
    const township = villages.get(row.nodeId)?.parentId ?? 0;
    const tripped = checkContract(checked(row), { rules, today, benchmarkFen: benchmarks.get(benchmarkKey(township, row.object, row.unit)), siblings: byVillage.get(row.nodeId) ?? [] });
    const existing = openOf.get(row.id) ?? [];
    for (const flag of tripped) {
      const kept = existing.find((candidate) => candidate.rule === flag.rule);
      if (!kept) inserts.push({ cityId: row.cityId, contractId: row.id, nodeId: row.nodeId, rule: flag.rule, facts: flag.facts, foundAt: at });
      else if (JSON.stringify(kept.facts) !== JSON.stringify(flag.facts)) await repo.updateFlagFacts(tx, kept.id, flag.facts);
    }
    for (const flag of existing) if (!tripped.some((candidate) => candidate.rule === flag.rule)) clears.push(flag.id);
  }
  await repo.insertFlags(tx, inserts);
  await repo.clearFlags(tx, clears, at);
  return { checked: contracts.length, found: inserts.length, cleared: clears.length };
}

/** Runs the checks over a subtree the caller reads; the daily job does the same for every city. */
export async function checkNow(ctx: RequestContext, body: z.infer<typeof CheckBody>) {
  const { actor, scope, node } = await listScope(ctx, body.org, "ledger.manage");
  const villages = await repo.villagesWithContracts(ctx.db, scope);
  const today = localDay(ctx.clock.now());
  const nodes = await nodeRefs(ctx.db, villages);
  const cities = new Set([...nodes.values()].map((village) => village.cityId));
  return write(ctx, async (tx, audit) => {
    const total = { checked: 0, found: 0, cleared: 0 };
    for (const cityId of cities) {
      const result = await runChecks(tx, cityId, villages.filter((id) => nodes.get(id)?.cityId === cityId), today, ctx.clock.now());
      total.checked += result.checked;
      total.found += result.found;
      total.cleared += result.cleared;
    }
    audit({ action: "ledger.check", entity: "ledger_contract", nodeId: node?.id ?? null, cityId: node?.cityId ?? actor.cityId, after: total });
    return total;
  });
}

// --- presenting

/** Which problems raised from these flags are closed now: asked of the problem lists, never read from their tables. */
export async function closedAmong(db: Database, problemIds: readonly number[]): Promise<number[]> {
  const states = await problemStates(db, problemIds);
  return [...states.values()].filter((state) => state.closed).map((state) => state.id);
}

type FlagState = "open" | "raised" | "rectified" | "cleared";
function flagState(flag: repo.FlagRow, closed: ReadonlySet<number>): FlagState {
  if (flag.clearedAt) return "cleared";
  if (flag.problemId === null) return "open";
  return closed.has(flag.problemId) ? "rectified" : "raised";
}

function presentFlag(actor: Actor, flag: repo.FlagRow, node: NodeRef | undefined, code: string, closed: ReadonlySet<number>, problemCodes: Map<number, string>) {
  const state = flagState(flag, closed);
  return {
    id: flag.id,
    contractId: flag.contractId,
    contractCode: code,
    nodeId: flag.nodeId,
    nodeName: node?.name ?? "",
    rule: flag.rule as Rule,
    ruleLabel: ruleLabels[flag.rule as Rule] ?? flag.rule,
    facts: flag.facts as Facts,
    state,
    foundAt: flag.foundAt.toISOString(),
    clearedAt: flag.clearedAt?.toISOString() ?? null,
    problemId: flag.problemId,
    problemCode: flag.problemId === null ? null : (problemCodes.get(flag.problemId) ?? null),
    version: flag.version,
    abilities: { raise: state === "open" && node !== undefined && can(actor, "ledger.manage", node.path) && can(actor, "problem.report", node.path) },
  };
}

async function flagContext(db: Database, flags: repo.FlagRow[]) {
  const states = await problemStates(db, flags.flatMap((flag) => (flag.problemId === null ? [] : [flag.problemId])));
  const closed = new Set([...states.values()].filter((state) => state.closed).map((state) => state.id));
  const problemCodes = new Map([...states.values()].map((state) => [state.id, state.code]));
  return { closed, problemCodes };
}

/** The counterparty is a person's data when it is a person: masked, as every list shows it. */
function presentCounterparty(row: repo.ContractRow) {
  const person = row.counterpartyKind === "person";
  return {
    counterpartyName: person ? (maskName(row.counterpartyName) ?? "") : row.counterpartyName,
    counterpartyIdNumber: maskIdNumber(row.counterpartyIdNumber),
    counterpartyPhone: maskPhone(row.counterpartyPhone),
  };
}

async function presentContracts(db: Database, actor: Actor, rows: repo.ContractRow[], withFlags = false) {
  const nodes = await nodeRefs(db, rows.map((row) => row.nodeId));
  const [flags, files] = await Promise.all([repo.flagsOfContracts(db, rows.map((row) => row.id)), repo.currentFileIds(db, rows.map((row) => row.id))]);
  const { closed, problemCodes } = await flagContext(db, flags);
  return rows.map((row) => {
    const node = nodes.get(row.nodeId);
    const own = flags.filter((flag) => flag.contractId === row.id);
    const states = own.map((flag) => flagState(flag, closed));
    const checkState = own.length === 0 ? "clean" : states.some((state) => state === "open" || state === "raised") ? "flagged" : "rectified";
    const contract = {
      id: row.id,
      nodeId: row.nodeId,
      nodeName: node?.name ?? "",
      code: row.code,
      counterpartyKind: row.counterpartyKind as "person",
      ...presentCounterparty(row),
      object: row.object as ObjectKind,
      objectName: row.objectName,
      area: areaText(row.area),
      unit: row.unit,
      startOn: row.startOn,
      endOn: row.endOn,
      annualPriceFen: row.annualPriceFen,
      paymentSchedule: row.paymentSchedule as "annual",
      dueFen: row.dueFen,
      receivedFen: row.receivedFen,
      owedFen: row.dueFen - row.receivedFen,
      letMethod: row.letMethod as "negotiation",
      procedure: row.procedure as "none",
      procedureOn: row.procedureOn,
      fileRef: row.fileRef,
      fileId: files.get(row.id) ?? null,
      status: row.status as "active",
      checkState: checkState as "clean" | "flagged" | "rectified",
      flagCount: states.filter((state) => state === "open" || state === "raised").length,
      version: row.version,
      abilities: node ? abilitiesAt(actor, node.path, contractAbilities) : { update: false, delete: false, reveal: false },
    };
    return withFlags ? { ...contract, flags: own.map((flag) => presentFlag(actor, flag, node, row.code, closed, problemCodes)) } : contract;
  });
}

// --- contracts

export async function contractFilter(ctx: RequestContext, query: Omit<z.infer<typeof ContractQuery>, "page" | "pageSize">) {
  const { actor, scope } = await listScope(ctx, query.org);
  const closedProblemIds = await closedAmong(ctx.db, await repo.raisedProblemIds(ctx.db, scope));
  const byFigure = {
    "ledger.contracts": {},
    "ledger.problemContracts": { ever: true },
    "ledger.rectifiedContracts": { state: "rectified" as const },
  };
  // A figure's drill-down is the figure's own condition and nothing else, so the two always agree.
  const filter: repo.ContractFilter = query.figure ? { scope, closedProblemIds, ...byFigure[query.figure] } : { scope, closedProblemIds, q: query.q, object: query.object, rule: query.rule, state: query.state };
  return { actor, filter };
}

export async function listContracts(ctx: RequestContext, query: z.infer<typeof ContractQuery>) {
  const { actor, filter } = await contractFilter(ctx, query);
  const { limit, offset } = page(query);
  const { rows, total, annualPriceFen } = await repo.listContracts(ctx.db, filter, limit, offset);
  return { items: await presentContracts(ctx.db, actor, rows), total, annualPriceFen, page: query.page, pageSize: query.pageSize };
}

export async function contractFor(ctx: RequestContext, id: number, permission: "ledger.read" | "ledger.manage" | "person.reveal") {
  const row = await repo.findContract(ctx.db, id);
  const node = row ? await nodeRef(ctx.db, row.nodeId) : undefined;
  const actor = recordAt(ctx, node, permission, "合同");
  return { actor, row: row!, node: node! };
}

/** Contracts with their flags, as the detail page shows them (and the export writes them). */
export async function withFlags(db: Database, actor: Actor, rows: repo.ContractRow[]) {
  return (await presentContracts(db, actor, rows, true)) as (Awaited<ReturnType<typeof presentContracts>>[number] & { flags: ReturnType<typeof presentFlag>[] })[];
}

export async function detailOf(db: Database, actor: Actor, row: repo.ContractRow) {
  return (await withFlags(db, actor, [row]))[0]!;
}

export async function getContract(ctx: RequestContext, id: number) {
  const { actor, row } = await contractFor(ctx, id, "ledger.read");
  return detailOf(ctx.db, actor, row);
}

const auditOf = (row: repo.ContractRow) => ({
  code: row.code,
  object: row.object,
  objectName: row.objectName,
  area: row.area,
  startOn: row.startOn,
  endOn: row.endOn,
  annualPriceFen: row.annualPriceFen,
  dueFen: row.dueFen,
  receivedFen: row.receivedFen,
  procedure: row.procedure,
  status: row.status,
  version: row.version,
});

export function contractValues(body: Omit<z.infer<typeof CreateContractBody>, "nodeId">) {
  return {
    ...body,
    counterpartyIdNumber: body.counterpartyIdNumber || null,
    counterpartyPhone: body.counterpartyPhone || null,
    procedureOn: body.procedureOn ?? null,
    fileRef: body.fileRef || null,
  };
}

export async function createContract(ctx: RequestContext, body: z.infer<typeof CreateContractBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const actor = requireActor(ctx);
  if ((await repo.codesTaken(ctx.db, node.id, [body.code])).size > 0) throw invalidField("code", "本村已有合同使用该编号 (already used by another contract of this village)");
  const { nodeId: _nodeId, ...fields } = body;
  const today = localDay(ctx.clock.now());
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const [inserted] = await repo.insertContracts(tx, [{ ...contractValues(fields), cityId: node.cityId, nodeId: node.id, createdBy: actor.userId, createdAt: at, updatedAt: at }]);
    await runChecks(tx, node.cityId, [node.id], today, at);
    audit({ action: "ledger.contract.create", entity: "ledger_contract", entityId: inserted!.id, nodeId: node.id, cityId: node.cityId, after: auditOf(inserted!) });
    return inserted!;
  });
  return detailOf(ctx.db, actor, row);
}

export async function updateContract(ctx: RequestContext, id: number, body: z.infer<typeof UpdateContractBody>) {
  const { actor, row, node } = await contractFor(ctx, id, "ledger.manage");
  const { version, ...changes } = body;
  const startOn = changes.startOn ?? row.startOn;
  const endOn = changes.endOn ?? row.endOn;
  if (endOn < startOn) throw invalidField("endOn", "不能早于起始日期 (cannot be before startOn)");
  if (changes.code && changes.code !== row.code && (await repo.codesTaken(ctx.db, node.id, [changes.code])).size > 0) throw invalidField("code", "本村已有合同使用该编号 (already used by another contract of this village)");
  const values: Partial<repo.ContractInsert> = { ...changes };
  for (const key of ["counterpartyIdNumber", "counterpartyPhone", "fileRef"] as const) if (key in changes) values[key] = changes[key] || null;
  const today = localDay(ctx.clock.now());
  const updated = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const saved = await repo.updateContract(tx, id, version, values, at);
    if (!saved) throw versionConflict();
    await runChecks(tx, saved.cityId, [saved.nodeId], today, at);
    audit({ action: "ledger.contract.update", entity: "ledger_contract", entityId: id, nodeId: saved.nodeId, cityId: saved.cityId, before: auditOf(row), after: auditOf(saved) });
    return saved;
  });
  return detailOf(ctx.db, actor, updated);
}

/** An official record: kept with its reason and audited, out of every list; its open flags are cleared. */
export async function deleteContract(ctx: RequestContext, id: number, body: z.infer<typeof DeleteBody>) {
  const { row } = await contractFor(ctx, id, "ledger.manage");
  const today = localDay(ctx.clock.now());
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const saved = await repo.updateContract(tx, id, body.version, { deletedAt: at, deleteReason: body.reason }, at);
    if (!saved) throw versionConflict();
    await repo.clearFlags(tx, (await repo.flagsOfContracts(tx, [id], true)).map((flag) => flag.id), at);
    await runChecks(tx, saved.cityId, [saved.nodeId], today, at);
    audit({ action: "ledger.contract.delete", entity: "ledger_contract", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: auditOf(row), after: { deletedAt: at.toISOString(), reason: body.reason } });
  });
}

/** A counterparty's personal field in full, to a role that needs it; the reveal is audited, never the value. */
export async function revealCounterparty(ctx: RequestContext, id: number, body: z.infer<typeof RevealBody>) {
  const { row, node } = await contractFor(ctx, id, "person.reveal");
  await write(ctx, async (_tx, audit) => {
    audit({ action: "ledger.contract.reveal", entity: "ledger_contract", entityId: id, nodeId: node.id, cityId: row.cityId, after: { field: body.field } });
  });
  return { field: body.field, value: row[body.field] };
}

// --- flags

export async function listFlags(ctx: RequestContext, query: z.infer<typeof FlagQuery>) {
  const { actor, scope } = await listScope(ctx, query.org);
  const closedProblemIds = await closedAmong(ctx.db, await repo.raisedProblemIds(ctx.db, scope));
  const { limit, offset } = page(query);
  const { rows, total } = await repo.listFlags(ctx.db, { scope, rule: query.rule, state: query.state, closedProblemIds }, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const codes = await repo.codesOf(ctx.db, rows.map((row) => row.contractId));
  const { closed, problemCodes } = await flagContext(ctx.db, rows);
  return { items: rows.map((row) => presentFlag(actor, row, nodes.get(row.nodeId), codes.get(row.contractId) ?? "", closed, problemCodes)), total, page: query.page, pageSize: query.pageSize };
}

function describe(flag: repo.FlagRow, contract: repo.ContractRow): string {
  const facts = Object.entries(flag.facts as Facts)
    .map(([key, value]) => `${key}=${value ?? "无"}`)
    .join("，");
  return `合同 ${contract.code}（${contract.objectName}）经台账自查触发规则「${ruleLabels[flag.rule as Rule] ?? flag.rule}」：${facts}`;
}

/**
 * 转问题: the flag becomes a problem of the problem lists at the contract's village (source: found
 * by oneself), registered through that module in the same transaction as the link, so neither is
 * left without the other. When the problem is closed, the flag and the contract show rectified.
 */
export async function raiseFlag(ctx: RequestContext, id: number, body: z.infer<typeof RaiseBody>) {
  const flag = await repo.findFlag(ctx.db, id);
  const contract = flag ? await repo.findContract(ctx.db, flag.contractId) : undefined;
  const node = contract ? await nodeRef(ctx.db, contract.nodeId) : undefined;
  const actor = recordAt(ctx, node, "ledger.manage", "问题标记");
  if (!can(actor, "problem.report", node!.path)) throw forbidden();
  if (flag!.clearedAt) throw conflict("该标记已纠正，无需转为问题 (the flag has been cleared)", "invalid_transition");
  if (flag!.problemId !== null) throw conflict("该标记已转为问题 (the flag was already raised as a problem)", "invalid_transition");
  const today = localDay(ctx.clock.now());
  const title = body.title || `村集体合同${ruleLabels[flag!.rule as Rule]}：${contract!.code}`;
  const result = await write(ctx, async (tx, auditEntry) => {
    const at = ctx.clock.now();
    const problem = await registerProblem(
      tx,
      auditEntry,
      actor,
      { cityId: contract!.cityId, nodeId: contract!.nodeId, channel: "ledger_check", source: "self", category: "collective_economy", title, description: describe(flag!, contract!), foundOn: today, externalRef: `ledger-flag:${flag!.id}` },
      at,
    );
    const saved = await repo.markRaised(tx, id, body.version, problem.id, at);
    if (!saved) throw versionConflict();
    auditEntry({ action: "ledger.flag.raise", entity: "ledger_flag", entityId: id, nodeId: contract!.nodeId, cityId: contract!.cityId, after: { rule: saved.rule, problemId: problem.id } });
    return { saved, problem };
  });
  const states = new Map([[result.problem.id, result.problem.code]]);
  return { flag: presentFlag(actor, result.saved, node, contract!.code, new Set(), states), problemId: result.problem.id, problemCode: result.problem.code };
}

// --- figures

export async function contractFigures(db: Database, node: NodeRef) {
  const scope: Scope = { all: false, paths: [node.path] };
  return repo.contractFigures(db, node.path, await closedAmong(db, await repo.raisedProblemIds(db, scope)));
}

/** The daily job: every city's contracts checked again, since expiry and arrears move with the calendar. */
export async function checkEveryCity(env: JobEnv): Promise<number> {
  const ctx = jobContext(env);
  let found = 0;
  for (const rootId of await cityRootIds(env.db)) {
    const root = await nodeRef(env.db, rootId);
    if (!root) continue;
    const villages = await repo.villagesWithContracts(env.db, { all: false, paths: [root.path] });
    const today = localDay(env.clock.now());
    found += await write(ctx, async (tx, audit) => {
      const result = await runChecks(tx, root.cityId, villages, today, env.clock.now());
      audit({ action: "ledger.check", entity: "ledger_contract", nodeId: root.id, cityId: root.cityId, after: result });
      return result.found;
    });
  }
  return found;
}
