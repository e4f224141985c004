import type { SourceFigures } from "../../../shared/figures";
import type { Database } from "../../db/client";
import type { NodeRef } from "../../platform/tree";
import { contractFigures } from "./contracts";
import * as money from "./money-repository";

/**
 * The ledgers' figures for a subtree, each the count or sum of the list its drill-down opens. Money is
 * summed in fen and shown in yuan (fen / 100, exact for any sum of whole fen below 2^53). Income is of
 * the city's latest year with records, and raised against the year before.
 */
export async function ledgerFigures(db: Database, node: NodeRef): Promise<SourceFigures> {
  const contracts = await contractFigures(db, node);
  const figures = await money.moneyFigures(db, node.path, await money.latestYear(db, node.cityId));
  return {
    "ledger.contracts": contracts.contracts,
    "ledger.problemContracts": contracts.problem,
    "ledger.rectifiedContracts": contracts.rectified,
    "ledger.debtResolved": figures.debtResolvedFen / 100,
    "ledger.incomeRaised": (figures.incomeFen - figures.previousIncomeFen) / 100,
    "ledger.collectiveIncome": figures.incomeFen / 100,
    "ledger.pairedEnterprises": figures.enterprises,
    "ledger.pairedVillages": figures.villages,
    "ledger.cooperatives": figures.cooperatives,
  };
}
