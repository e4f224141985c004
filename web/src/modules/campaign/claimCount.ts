import type { ClaimData } from "../../api/campaign";

/**
 * The projects a claim stands for: once approved, those it created (a leader's 揭榜 plans none and
 * becomes one 工程); before that, those its plan names.
 */
export function claimProjectCount(claim: Pick<ClaimData, "status" | "projects" | "createdProjectIds">): number {
  return claim.status === "approved" ? claim.createdProjectIds.length : claim.projects.length;
}
