import type { CadreLevel } from "../../../shared/schemas/training";
import type { Actor, RequestContext } from "../../platform/context";
import { badRequest } from "../../platform/errors";
import { authorizeAt, requirePermission } from "../../platform/policy";
import { personOfUser } from "../../platform/auth/service";

/**
 * Who may do what in training. Every record hangs at a node (a classroom's, a bank's, an exam's):
 * training.manage there manages it (the party school's main classroom at the city, a township's branch
 * classroom at the township); training.read there reads it; a candidate or attendee (training.attend)
 * reaches only what names their own person: their sessions, their exams, their attempts.
 */
export const manageAt = (ctx: RequestContext, path: string): Actor => authorizeAt(ctx, "training.manage", path);
export const readAt = (ctx: RequestContext, path: string): Actor => authorizeAt(ctx, "training.read", path);

/** The level of cadre a person is, from the kind of node they sit at. */
export function levelOfKind(kind: string): CadreLevel {
  if (kind === "city") return "city";
  if (kind === "township" || kind === "street") return "township";
  return "village";
}

/** The ids on a materialised path, root first: "/1/17/230/" → [1, 17, 230]. */
export function idsOnPath(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/** The person the signed-in attendee is: an account not linked to a person cannot check in or sit an exam. */
export async function attendeePerson(ctx: RequestContext): Promise<{ actor: Actor; personId: number; cityId: number }> {
  const actor = requirePermission(ctx, "training.attend");
  const personId = await personOfUser(ctx.db, actor.userId);
  if (personId === null || actor.cityId === null) throw badRequest("该账号未关联人员，无法签到或考试 (this account is not linked to a person)");
  return { actor, personId, cityId: actor.cityId };
}

export function cityOf(actor: Actor): number {
  if (actor.cityId === null) throw badRequest("系统账号不属于任何城市 (a system account belongs to no city)");
  return actor.cityId;
}
