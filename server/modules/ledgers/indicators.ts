import { rollUpToNodes, type EvaluatedBody, type IndicatorSource } from "../../platform/modules";
import { closedAmong } from "./contracts";
import { contractsByVillage } from "./money-repository";
import { raisedProblemIds } from "./repository";

/**
 * The ledgers' evaluation indicator: contract rectification (问题合同整改率), the contracts any check
 * found problematic and those now rectified (every flag cleared or its problem closed), per township
 * or village, by the conditions of the ledger.problemContracts and ledger.rectifiedContracts figures.
 * Flags carry no period: the rate is the ledger as it stands when the period is computed, and a
 * published version keeps it.
 */
const contracts = (body: EvaluatedBody, figure: string) => `/api/ledger/contracts?org=${body.id}&figure=${figure}&pageSize=200`;

export const rectification: IndicatorSource = {
  key: "ledgers.rectification",
  label: { zh: "问题合同整改率", en: "Problem contracts rectified" },
  bodyKinds: ["township", "village"],
  kind: "rate",
  better: "higher",
  minSample: 3,
  async measure(db, input) {
    const root = input.bodies.find((body) => body.path)?.path?.split("/")[1];
    const scope = { all: false as const, paths: root ? [`/${root}/`] : [] };
    const closed = await closedAmong(db, await raisedProblemIds(db, scope));
    return rollUpToNodes(input.bodies, await contractsByVillage(db, scope, closed), (row) => row.rectified, (row) => row.flagged);
  },
  drill: (body) => contracts(body, "ledger.problemContracts"),
  drillNumerator: (body) => contracts(body, "ledger.rectifiedContracts"),
};
