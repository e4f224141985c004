import { figureDrill, isFigureKey } from "../../../shared/figures";

/** The node a figure was computed for (Figures.org). */
export interface FigureOrg {
  id: number;
  kind: string;
}

/**
 * The page listing the records behind a figure of one node, filtered to its subtree, or null when the
 * figure has no list there. The drill-downs live in the figure registry (shared/figures.ts), beside the
 * figure's label: the server counts and lists by the same condition, so the list's total equals the figure.
 */
export function figureRoute(key: string, org: FigureOrg): string | null {
  if (!isFigureKey(key)) return null;
  return figureDrill(key, org)?.page ?? null;
}
