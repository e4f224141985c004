import type { z } from "zod";
import type {
  CooperativeQuery,
  CreateCooperativeBody,
  CreateDebtBody,
  CreateIncomeBody,
  CreatePairingBody,
  DebtQuery,
  DisclosureBody,
  IncomeQuery,
  IncomeSource,
  MovementBody,
  MovementQuery,
  PairingQuery,
  PlanBody,
  RankingQuery,
} from "../../../shared/schemas/ledgers";
import type { Database } from "../../db/client";
import type { Actor, RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { can, type Scope } from "../../platform/policy";
import { cityIdByCode, nodeRef, nodeRefs, type NodeRef } from "../../platform/tree";
import { write } from "../../platform/write";
import { closedAmong, page, rulesOf } from "./contracts";
import * as money from "./money-repository";
import { listScope, recordAt, villageFor } from "./policy";
import * as repo from "./repository";
import { areaText } from "./rules";

/** Debts (化债务), income (促增收), enterprise pairing and cooperatives, the township's ranking, disclosure (村务公开). */

async function nodeNames(db: Database, ids: number[]) {
  const nodes = await nodeRefs(db, ids);
  return (id: number) => nodes.get(id)?.name ?? "";
}

// --- debts

function presentDebt(actor: Actor, row: money.DebtRow & { resolvedFen: number }, node: NodeRef | undefined) {
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    creditor: row.creditor,
    creditorKind: row.creditorKind as "person",
    amountFen: row.amountFen,
    resolvedFen: row.resolvedFen,
    outstandingFen: row.amountFen - row.resolvedFen,
    origin: row.origin,
    incurredOn: row.incurredOn,
    evidence: row.evidence,
    version: row.version,
    abilities: { update: node !== undefined && can(actor, "ledger.manage", node.path) },
  };
}

export async function listDebts(ctx: RequestContext, query: z.infer<typeof DebtQuery>) {
  const { actor, scope } = await listScope(ctx, query.org);
  const { limit, offset } = page(query);
  const { rows, ...totals } = await money.listDebts(ctx.db, scope, query.q, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  return { ...totals, items: rows.map((row) => presentDebt(actor, row, nodes.get(row.nodeId))), page: query.page, pageSize: query.pageSize };
}

async function debtFor(ctx: RequestContext, id: number, permission: "ledger.read" | "ledger.manage") {
  const row = await money.findDebt(ctx.db, id);
  const node = row ? await nodeRef(ctx.db, row.nodeId) : undefined;
  const actor = recordAt(ctx, node, permission, "债务");
  return { actor, row: row!, node: node! };
}

export async function getDebt(ctx: RequestContext, id: number) {
  const { actor, row, node } = await debtFor(ctx, id, "ledger.read");
  return { ...presentDebt(actor, row, node), plan: await money.planOf(ctx.db, id), movements: (await money.movementsOf(ctx.db, id)).map((item) => ({ ...item, kind: item.kind as "payment" })) };
}

export async function createDebt(ctx: RequestContext, body: z.infer<typeof CreateDebtBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const inserted = await money.insertDebt(tx, { ...body, cityId: node.cityId, createdAt: at, updatedAt: at });
    audit({ action: "ledger.debt.create", entity: "ledger_debt", entityId: inserted.id, nodeId: node.id, cityId: node.cityId, after: { creditor: body.creditor, amountFen: body.amountFen, origin: body.origin, incurredOn: body.incurredOn } });
    return inserted;
  });
  return getDebt(ctx, row.id);
}

/** Fen as the yuan the forms take ("1,101,234.54"), by integer arithmetic: refusals name amounts as the person typed them. */
function yuan(fen: number): string {
  return `${Math.trunc(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;
}

/** A repayment plan replaces the previous one; its instalments may not add up to more than is outstanding. */
export async function setPlan(ctx: RequestContext, id: number, body: z.infer<typeof PlanBody>) {
  const { row, node } = await debtFor(ctx, id, "ledger.manage");
  const planned = body.instalments.reduce((sum, item) => sum + item.amountFen, 0);
  if (planned > row.amountFen - row.resolvedFen) throw invalidField("instalments", `计划合计 ${yuan(planned)} 元，超过未偿金额 ${yuan(row.amountFen - row.resolvedFen)} 元 (the instalments add up to ${yuan(planned)} yuan, more than the ${yuan(row.amountFen - row.resolvedFen)} yuan outstanding)`);
  await write(ctx, async (tx, audit) => {
    if (!(await money.bumpDebt(tx, id, body.version, ctx.clock.now()))) throw versionConflict();
    await money.replacePlan(tx, row.cityId, id, body.instalments);
    audit({ action: "ledger.debt.plan", entity: "ledger_debt", entityId: id, nodeId: node.id, cityId: row.cityId, after: { instalments: body.instalments, plannedFen: planned } });
  });
  return getDebt(ctx, id);
}

/** A payment or write-off, dated; never more than is outstanding, so resolved never exceeds the debt. */
export async function addMovement(ctx: RequestContext, id: number, body: z.infer<typeof MovementBody>) {
  const { row, node } = await debtFor(ctx, id, "ledger.manage");
  const outstanding = row.amountFen - row.resolvedFen;
  if (body.amountFen > outstanding) throw invalidField("amountFen", `超过未偿金额 ${yuan(outstanding)} 元 (more than the ${yuan(outstanding)} yuan outstanding)`);
  if (body.on < row.incurredOn) throw invalidField("on", `早于债务发生日期 ${row.incurredOn} (before the debt was incurred on ${row.incurredOn})`);
  await write(ctx, async (tx, audit) => {
    if (!(await money.bumpDebt(tx, id, body.version, ctx.clock.now()))) throw versionConflict();
    const movement = await money.insertMovement(tx, { cityId: row.cityId, debtId: id, nodeId: row.nodeId, kind: body.kind, amountFen: body.amountFen, on: body.on, note: body.note, createdAt: ctx.clock.now() });
    audit({ action: `ledger.debt.${body.kind}`, entity: "ledger_debt", entityId: id, nodeId: node.id, cityId: row.cityId, after: { movementId: movement.id, amountFen: body.amountFen, on: body.on, resolvedFen: row.resolvedFen + body.amountFen } });
  });
  return getDebt(ctx, id);
}

export async function listMovements(ctx: RequestContext, query: z.infer<typeof MovementQuery>) {
  const { scope } = await listScope(ctx, query.org);
  const { limit, offset } = page(query);
  const result = await money.listMovements(ctx.db, scope, query.kind, limit, offset);
  const name = await nodeNames(ctx.db, result.rows.map((row) => row.nodeId));
  return {
    items: result.rows.map((row) => ({ id: row.id, debtId: row.debtId, nodeId: row.nodeId, nodeName: name(row.nodeId), creditor: row.creditor, kind: row.kind as "payment", amountFen: row.amountFen, on: row.on, note: row.note })),
    total: result.total,
    sumFen: result.sumFen,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// --- income

/** The latest year with income records in the city of the scope's node (or the caller's city): figures have no clock. */
async function yearOf(ctx: RequestContext, node: NodeRef | undefined, actor: Actor): Promise<number | null> {
  const cityId = node?.cityId ?? actor.cityId;
  return cityId ? money.latestYear(ctx.db, cityId) : null;
}

export async function listIncomes(ctx: RequestContext, query: z.infer<typeof IncomeQuery>) {
  const { actor, scope, node } = await listScope(ctx, query.org);
  const { limit, offset } = page(query);
  // ledger.collectiveIncome is the latest year's total: its drill-down is that year's records.
  const year = query.figure ? ((await yearOf(ctx, node, actor)) ?? -1) : query.year;
  const result = await money.listIncomes(ctx.db, scope, year, limit, offset);
  const name = await nodeNames(ctx.db, result.rows.map((row) => row.nodeId));
  return {
    items: result.rows.map((row) => ({ id: row.id, nodeId: row.nodeId, nodeName: name(row.nodeId), year: row.year, source: row.source as IncomeSource, amountFen: row.amountFen, note: row.note, version: row.version })),
    total: result.total,
    sumFen: result.sumFen,
    year: year ?? null,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function createIncome(ctx: RequestContext, body: z.infer<typeof CreateIncomeBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const inserted = await money.insertIncome(tx, { ...body, cityId: node.cityId, createdAt: at, updatedAt: at });
    if (!inserted) throw conflict(`该村 ${body.year} 年已登记该来源的收入 (income of this source is already recorded for the year)`, "duplicate");
    audit({ action: "ledger.income.create", entity: "ledger_income", entityId: inserted.id, nodeId: node.id, cityId: node.cityId, after: { year: body.year, source: body.source, amountFen: body.amountFen } });
    return inserted;
  });
  return { id: row.id, nodeId: row.nodeId, nodeName: node.name, year: row.year, source: row.source as IncomeSource, amountFen: row.amountFen, note: row.note, version: row.version };
}

// --- the township's page: its villages ranked

/** The income band of an amount: 0 below the first threshold, 1 below the second, and so on. */
export const bandOf = (amountFen: number, bands: readonly number[]) => bands.filter((threshold) => amountFen >= threshold).length;

export async function ranking(ctx: RequestContext, query: z.infer<typeof RankingQuery>) {
  const { actor, scope, node } = await listScope(ctx, query.org);
  const root = node ?? (scope.all ? undefined : await nodeRef(ctx.db, Number(scope.paths[0]?.split("/").filter(Boolean).pop())));
  if (!root) throw notFound("组织节点");
  const within: Scope = { all: false, paths: [root.path] };
  const year = await yearOf(ctx, root, actor);
  const { rules } = await rulesOf(ctx.db, root.cityId);
  const closed = await closedAmong(ctx.db, await repo.raisedProblemIds(ctx.db, within));
  const [contracts, debts, incomes] = [await money.contractsByVillage(ctx.db, within, closed), await money.debtByVillage(ctx.db, within), year === null ? [] : await money.incomeByVillage(ctx.db, within, [year - 1, year])];
  const ids = [...new Set([...contracts.map((row) => row.nodeId), ...debts.map((row) => row.nodeId), ...incomes.map((row) => row.nodeId)])];
  const name = await nodeNames(ctx.db, ids);
  const items = ids.map((id) => {
    const c = contracts.find((row) => row.nodeId === id);
    const d = debts.find((row) => row.nodeId === id);
    const incomeFen = incomes.filter((row) => row.nodeId === id && row.year === year).reduce((sum, row) => sum + row.sum, 0);
    const previousIncomeFen = incomes.filter((row) => row.nodeId === id && row.year === year! - 1).reduce((sum, row) => sum + row.sum, 0);
    return {
      nodeId: id,
      nodeName: name(id),
      contracts: c?.contracts ?? 0,
      flagged: c?.flagged ?? 0,
      rectified: c?.rectified ?? 0,
      debtOutstandingFen: (d?.amountFen ?? 0) - (d?.resolvedFen ?? 0),
      debtResolvedFen: d?.resolvedFen ?? 0,
      incomeFen,
      previousIncomeFen,
      raisedFen: incomeFen - previousIncomeFen,
      band: bandOf(incomeFen, rules.incomeBandsFen),
    };
  });
  const key = { flagged: "flagged", debt: "debtOutstandingFen", income: "incomeFen", raised: "raisedFen" } as const;
  items.sort((a, b) => b[key[query.sort]] - a[key[query.sort]] || a.nodeName.localeCompare(b.nodeName, "zh"));
  const total = (field: "contracts" | "flagged" | "rectified" | "debtOutstandingFen" | "debtResolvedFen" | "incomeFen" | "previousIncomeFen" | "raisedFen") => items.reduce((sum, row) => sum + row[field], 0);
  return {
    org: { id: root.id, name: root.name, kind: root.kind },
    year,
    bandsFen: rules.incomeBandsFen,
    items,
    totals: {
      contracts: total("contracts"),
      flagged: total("flagged"),
      rectified: total("rectified"),
      debtOutstandingFen: total("debtOutstandingFen"),
      debtResolvedFen: total("debtResolvedFen"),
      incomeFen: total("incomeFen"),
      previousIncomeFen: total("previousIncomeFen"),
      raisedFen: total("raisedFen"),
    },
  };
}

// --- pairing and cooperatives

export async function createPairing(ctx: RequestContext, body: z.infer<typeof CreatePairingBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const row = await write(ctx, async (tx, audit) => {
    const inserted = await money.insertPairing(tx, { ...body, cityId: node.cityId, createdAt: ctx.clock.now() });
    audit({ action: "ledger.pairing.create", entity: "ledger_pairing", entityId: inserted.id, nodeId: node.id, cityId: node.cityId, after: body });
    return inserted;
  });
  return { ...row, nodeName: node.name };
}

export async function listPairings(ctx: RequestContext, query: z.infer<typeof PairingQuery>) {
  const { scope } = await listScope(ctx, query.org);
  const { limit, offset } = page(query);
  const result = await money.listPairings(ctx.db, scope, limit, offset);
  const name = await nodeNames(ctx.db, result.rows.map((row) => row.nodeId));
  const { rows, ...totals } = result;
  return { ...totals, items: rows.map((row) => ({ ...row, nodeName: name(row.nodeId) })), page: query.page, pageSize: query.pageSize };
}

export async function createCooperative(ctx: RequestContext, body: z.infer<typeof CreateCooperativeBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const row = await write(ctx, async (tx, audit) => {
    const inserted = await money.insertCooperative(tx, { ...body, cityId: node.cityId, createdAt: ctx.clock.now() });
    audit({ action: "ledger.cooperative.create", entity: "ledger_cooperative", entityId: inserted.id, nodeId: node.id, cityId: node.cityId, after: body });
    return inserted;
  });
  return { ...row, nodeName: node.name };
}

export async function listCooperatives(ctx: RequestContext, query: z.infer<typeof CooperativeQuery>) {
  const { scope } = await listScope(ctx, query.org);
  const { limit, offset } = page(query);
  const result = await money.listCooperatives(ctx.db, scope, query.ledByBranch === undefined ? undefined : query.ledByBranch === "true", limit, offset);
  const name = await nodeNames(ctx.db, result.rows.map((row) => row.nodeId));
  return { items: result.rows.map((row) => ({ ...row, nodeName: name(row.nodeId) })), total: result.total, page: query.page, pageSize: query.pageSize };
}

// --- disclosure (村务公开)

/** Whether a village publishes its ledger (version 0: it never has). */
export async function getDisclosure(ctx: RequestContext, orgId: number) {
  const node = await villageFor(ctx, orgId, "ledger.read", "org");
  const row = await money.findDisclosure(ctx.db, node.id);
  return { nodeId: node.id, published: row?.published ?? false, publishedAt: row?.publishedAt?.toISOString() ?? null, version: row?.version ?? 0 };
}

export async function setDisclosure(ctx: RequestContext, body: z.infer<typeof DisclosureBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const saved = await money.saveDisclosure(tx, { cityId: node.cityId, nodeId: node.id, published: body.published, publishedAt: body.published ? at : null }, body.version);
    if (!saved) throw versionConflict();
    audit({ action: body.published ? "ledger.publish" : "ledger.withdraw", entity: "ledger_disclosure", entityId: node.id, nodeId: node.id, cityId: node.cityId, after: { published: body.published } });
    return saved;
  });
  return { nodeId: row.nodeId, published: row.published, publishedAt: row.publishedAt?.toISOString() ?? null, version: row.version };
}

export async function publicLedgers(ctx: RequestContext, cityCode: string) {
  const cityId = await cityIdByCode(ctx.db, cityCode);
  if (!cityId) throw notFound("城市");
  const rows = await money.publishedVillages(ctx.db, cityId);
  const name = await nodeNames(ctx.db, rows.map((row) => row.nodeId));
  return { items: rows.map((row) => ({ nodeId: row.nodeId, nodeName: name(row.nodeId), publishedAt: row.publishedAt?.toISOString() ?? "" })) };
}

/** What a published village shows its residents: object, term, price, counterparty kind, income by source; never a person. */
export async function publicLedger(ctx: RequestContext, nodeId: number) {
  const disclosure = await money.findDisclosure(ctx.db, nodeId);
  const node = disclosure?.published ? await nodeRef(ctx.db, nodeId) : undefined;
  if (!disclosure?.published || !node) throw notFound("公开台账");
  const year = await money.latestYear(ctx.db, node.cityId);
  const bySource = year === null ? [] : await money.incomeBySource(ctx.db, nodeId, year);
  const contracts = await money.publicContracts(ctx.db, nodeId);
  return {
    nodeId,
    nodeName: node.name,
    contracts: contracts.map((row) => ({ ...row, area: areaText(row.area), object: row.object as "land", counterpartyKind: row.counterpartyKind as "person", letMethod: row.letMethod as "negotiation" })),
    income: { year, bySource: bySource.map((row) => ({ ...row, source: row.source as IncomeSource })), totalFen: bySource.reduce((sum, row) => sum + row.amountFen, 0) },
  };
}
