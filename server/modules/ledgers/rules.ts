import type { LedgerRules, ObjectKind, Rule } from "../../../shared/schemas/ledgers";

/**
 * The contract checks (清合同) as pure functions of a contract, its village's other contracts, the
 * township's benchmark and the city's settings: each rule that trips returns the facts that tripped it,
 * so a flag can show why. No I/O here, so every rule is tested tripped and not tripped in isolation too.
 */
export interface CheckedContract {
  id: number;
  code: string;
  object: ObjectKind;
  objectName: string;
  /** Decimal text with at most two decimals, as the numeric column returns it. */
  area: string;
  unit: string;
  startOn: string;
  endOn: string;
  annualPriceFen: number;
  dueFen: number;
  receivedFen: number;
  procedure: string;
  procedureOn: string | null;
  fileRef: string | null;
  status: string;
}

export type Facts = Record<string, string | number | null>;
export interface Tripped {
  rule: Rule;
  facts: Facts;
}

export interface CheckInput {
  rules: LedgerRules;
  /** The township's benchmark for the contract's object and unit (fen per unit per year), if set. */
  benchmarkFen: number | undefined;
  /** Today in Asia/Shanghai, "YYYY-MM-DD". */
  today: string;
  /** The other live contracts of the same village. */
  siblings: readonly CheckedContract[];
}

/** Hundredths of the area as an integer: "12.5" → 1250. */
export function areaHundredths(area: string): bigint {
  const [whole, fraction = ""] = area.split(".");
  return BigInt(whole!) * 100n + BigInt((fraction + "00").slice(0, 2));
}

/** An area as text with two decimals, whichever driver read it (pg parses numeric as a number: "3.5"). */
export function areaText(area: string): string {
  const hundredths = areaHundredths(area);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`;
}

/** The day `years` after `day` (29 February lands on 28 February in a common year). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

const sameObject = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");
const live = (contract: CheckedContract) => contract.status === "active";

export function checkContract(contract: CheckedContract, input: CheckInput): Tripped[] {
  const { rules, today } = input;
  const tripped: Tripped[] = [];
  const limit = rules.termLimitYears[contract.object];
  const latestEnd = addYears(contract.startOn, limit);
  if (contract.endOn > latestEnd) tripped.push({ rule: "term_limit", facts: { startOn: contract.startOn, endOn: contract.endOn, limitYears: limit, latestEndOn: latestEnd } });

  if (input.benchmarkFen !== undefined && input.benchmarkFen > 0) {
    // price / area < benchmark × (100 − allowed) / 100, in integers: price × 100 × 100 < benchmark × hundredths × (100 − allowed).
    const hundredths = areaHundredths(contract.area);
    const price = BigInt(contract.annualPriceFen);
    const floor = BigInt(input.benchmarkFen) * hundredths * BigInt(100 - rules.benchmarkShortfallPercent);
    if (price * 10_000n < floor) {
      const unitPriceFen = Number((price * 100n) / hundredths);
      tripped.push({
        rule: "below_benchmark",
        facts: {
          unitPriceFen,
          benchmarkFen: input.benchmarkFen,
          unit: contract.unit,
          belowPercent: Math.floor(((input.benchmarkFen - unitPriceFen) * 100) / input.benchmarkFen),
          allowedPercent: rules.benchmarkShortfallPercent,
        },
      });
    }
  }

  if (contract.procedure === "none" || contract.procedureOn === null) tripped.push({ rule: "no_procedure", facts: { procedure: contract.procedure, procedureOn: contract.procedureOn } });

  const owed = contract.dueFen - contract.receivedFen;
  if (owed > rules.arrearsToleranceFen) tripped.push({ rule: "arrears", facts: { dueFen: contract.dueFen, receivedFen: contract.receivedFen, owedFen: owed } });

  if (live(contract) && contract.endOn < today) tripped.push({ rule: "expired_occupied", facts: { endOn: contract.endOn, checkedOn: today } });

  if (!contract.fileRef) tripped.push({ rule: "no_file", facts: { fileRef: null } });

  if (live(contract)) {
    const twin = input.siblings.find(
      (other) => other.id !== contract.id && live(other) && other.object === contract.object && sameObject(other.objectName, contract.objectName) && other.startOn <= contract.endOn && contract.startOn <= other.endOn,
    );
    if (twin) {
      tripped.push({
        rule: "double_let",
        facts: {
          objectName: contract.objectName,
          otherContractId: twin.id,
          otherCode: twin.code,
          overlapFrom: twin.startOn > contract.startOn ? twin.startOn : contract.startOn,
          overlapTo: twin.endOn < contract.endOn ? twin.endOn : contract.endOn,
        },
      });
    }
  }
  return tripped.filter((flag) => !rules.disabled.includes(flag.rule));
}
