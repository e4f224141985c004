import { roleGrants, type Permission } from "../../../shared/permissions";
import type { Actor, RequestContext } from "../../platform/context";
import { can, covers, scopeOf, topmost, type Scope } from "../../platform/policy";
import { handlerDepartmentIds } from "../orgs/handlers";
import type { EventAbilities, EventStage } from "../../../shared/schemas/events";
import { allows, isOpen, type EventAction } from "./stages";

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

/** The permission each workflow action needs (the stages it may start from: stages.ts). */
export const actionPermission = {
  register: "event.dispatch",
  reject: "event.dispatch",
  resubmit: "event.report",
  dispatch: "event.dispatch",
  reroute: "event.dispatch",
  accept: "event.handle",
  refuse: "event.handle",
  feedback: "event.handle",
  close: "event.check",
  send_back: "event.check",
  evaluate: "event.check",
} as const satisfies Record<EventAction, Permission>;

/** What the caller may do with an event at this path, sent with it so the client hides what the server would refuse. */
export function eventAbilities(
  actor: Actor,
  handler: HandlerReach | null,
  event: { stage: string; departmentId: number | null },
  path: string,
): EventAbilities {
  const stage = event.stage as EventStage;
  const may = (action: EventAction) => allows(action, stage) && mayAct(actor, handler, actionPermission[action], path, event.departmentId);
  return {
    register: may("register"),
    reject: may("reject"),
    resubmit: may("resubmit"),
    dispatch: may("dispatch"),
    reroute: may("reroute"),
    accept: may("accept"),
    refuse: may("refuse"),
    feedback: may("feedback"),
    close: may("close"),
    sendBack: may("send_back"),
    evaluate: may("evaluate"),
    summon: isOpen(stage) && can(actor, "event.summon", path),
    delete: can(actor, "event.dispatch", path),
  };
}

/** What the caller may do with a summons: its department answers it once, the summoning side rates it once. */
export function summonsAbilities(
  actor: Actor,
  handler: HandlerReach | null,
  summons: { answeredAt: Date | null; ratedAt: Date | null; departmentId: number },
  path: string,
): { answer: boolean; rate: boolean } {
  return {
    answer: summons.answeredAt === null && mayAct(actor, handler, "event.handle", path, summons.departmentId),
    rate: summons.ratedAt === null && can(actor, "event.summon", path),
  };
}
