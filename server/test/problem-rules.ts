import type { ProblemAction, ProblemStatus } from "../../shared/schemas/problems";

/**
 * The rectification rules as written down, not read from the code under test (shared/schemas/problems.ts):
 * every step allowed; any other pair of status and action is refused. Deleting keeps the status (soft).
 */
export const RULES = [
  "registered --assign--> assigned",
  "registered --dismiss--> dismissed",
  "registered --merge--> merged",
  "registered --delete--> registered",
  "assigned --start--> rectifying",
  "assigned --merge--> merged",
  "rectifying --progress--> rectifying",
  "rectifying --submit--> submitted",
  "submitted --approve--> closed",
  "submitted --return--> returned",
  "returned --start--> rectifying",
  "dismissed --delete--> dismissed",
];
export const ruleTo = (from: ProblemStatus, action: ProblemAction) =>
  RULES.map((rule) => rule.split(/ --|--> /)).find(([f, a]) => f === from && a === action)?.[2] as ProblemStatus | undefined;

