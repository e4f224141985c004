import { roleGrants, type Permission } from "../../../shared/permissions";
import type { Actor, RequestContext } from "../../platform/context";
import { can, covers, scopeOf, topmost, type Scope } from "../../platform/policy";
import { handlerDepartmentIds } from "../orgs/handlers";

/**
 * Who may see and act on an event. Every role reaches the subtree of its node, except the department
 * handler (部门办理人): within its subtree it reaches only events dispatched (now or before) to the
 * departments its account is bound to, or summoning one of them, and it handles (accepts, refuses, feeds back, answers
 * a summons) only for those departments. Everything else is 404 to it, as if it did not exist.
 */
const HANDLER = "department_handler";

export interface HandlerReach {
  paths: string[];
  departmentIds: number[];
}

export interface EventReach {
  /** Through every role but the department handler's: the whole subtree. */
  scope: Scope;
  /** Through the department handler's role: the subtree, for the bound departments only. */
  handler: HandlerReach | null;
}

/** The caller as its roles other than department handler make it. */
export function withoutHandler(actor: Actor): Actor {
  return { ...actor, grants: actor.grants.filter((grant) => grant.role !== HANDLER) };
}

export async function eventReach(ctx: RequestContext, actor: Actor, permission: Permission): Promise<EventReach> {
  const scope = scopeOf(withoutHandler(actor), permission);
  const grants = roleGrants(HANDLER, permission) ? actor.grants.filter((grant) => grant.role === HANDLER && grant.path !== null) : [];
  if (grants.length === 0) return { scope, handler: null };
  return { scope, handler: { paths: topmost(grants.map((grant) => grant.path!)), departmentIds: await handlerDepartmentIds(ctx.db, actor.userId) } };
}

/** Whether the handler's role reaches an event at this path that concerns these departments. */
export function handlerReaches(handler: HandlerReach | null, path: string, departmentIds: readonly (number | null)[]): boolean {
  if (!handler || !covers({ all: false, paths: handler.paths }, path)) return false;
  return departmentIds.some((id) => id !== null && handler.departmentIds.includes(id));
}

/** An action on an event at this path for a department (the one it is dispatched to, or the one summoned). */
export function mayAct(actor: Actor, handler: HandlerReach | null, permission: Permission, path: string, departmentId: number | null): boolean {
  if (can(withoutHandler(actor), permission, path)) return true;
  return permission === "event.handle" && handlerReaches(handler, path, [departmentId]);
}
