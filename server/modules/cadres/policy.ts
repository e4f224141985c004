import type { z } from "zod";
import type { GraduateStatus } from "../../../shared/schemas/cadres";
import type { Actor, RequestContext } from "../../platform/context";
import { authorizeAt } from "../../platform/policy";

/**
 * The reserve is the organisation department's: cadre.read to see it, cadre.manage to change it, each
 * within the subtree where the role is held. No other role holds either, so everyone else gets 403.
 */
export const readCadresAt = (ctx: RequestContext, path: string): Actor => authorizeAt(ctx, "cadre.read", path);
export const manageCadresAt = (ctx: RequestContext, path: string): Actor => authorizeAt(ctx, "cadre.manage", path);

type Status = z.infer<typeof GraduateStatus>;
/** A graduate place moves forward through recruitment; it may be withdrawn until someone is hired. */
export const graduateSteps: Record<Status, readonly Status[]> = {
  planned: ["posted", "withdrawn"],
  posted: ["applied", "withdrawn"],
  applied: ["hired", "posted", "withdrawn"],
  hired: [],
  withdrawn: [],
};
