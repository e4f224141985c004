import { figureRoute, type FigureOrg } from "../../components/figureLinks";

/**
 * The problems module's figures as cards: counts that open the records behind them, and the three
 * rates of DOMAIN.md, which the server leaves out for a node with too few cases (RATE_MIN_CASES):
 * such a rate reads "样本过少" rather than 0 % or 100 %.
 */
export const problemCountKeys = [
  "problems.clues",
  "problems.total",
  "problems.open",
  "problems.closed",
  "problems.due",
  "problems.closedOnTime",
  "problems.overdue",
  "problems.handled",
  "problems.reworked",
  "problems.commonLists",
  "problems.disclosedLists",
] as const;

export const problemRateKeys = ["problems.closureRate", "problems.onTimeClosureRate", "problems.reworkRate"] as const;

/** What each rate is a share of: its numerator and denominator figures. */
export const rateParts: Record<(typeof problemRateKeys)[number], { numerator: string; denominator: string }> = {
  "problems.closureRate": { numerator: "problems.closed", denominator: "problems.due" },
  "problems.onTimeClosureRate": { numerator: "problems.closedOnTime", denominator: "problems.due" },
  "problems.reworkRate": { numerator: "problems.reworked", denominator: "problems.handled" },
};

export interface FigureCard {
  key: string;
  kind: "count" | "rate";
  /** null: a count the server did not send, or a rate left out for too few cases. */
  value: number | null;
  route: string | null;
  /** For a rate: the figure it divides by, so that a reader sees how few cases there were. */
  denominator?: number | null;
}

export function problemFigureCards(figures: Readonly<Record<string, number>>, org: FigureOrg): FigureCard[] {
  const value = (key: string) => (Object.prototype.hasOwnProperty.call(figures, key) ? (figures[key] ?? null) : null);
  return [
    ...problemCountKeys.map((key) => ({ key, kind: "count" as const, value: value(key), route: figureRoute(key, org) })),
    ...problemRateKeys.map((key) => ({ key, kind: "rate" as const, value: value(key), route: figureRoute(rateParts[key].denominator, org), denominator: value(rateParts[key].denominator) })),
  ];
}
