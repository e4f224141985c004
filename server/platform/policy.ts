import { roleGrants, roles, type Permission } from "../../shared/permissions";
import type { Actor, RequestContext } from "./context";
import { forbidden, notFound, unauthorized } from "./errors";

/**
 * The one place that decides who may do what where. A permission held through a role reaches the
 * subtree of the role's node; system roles reach everything. Lists are filtered by `scopeOf`; a single
 * record is checked with `authorizeAt`, which answers 404 when the record lies outside everything the
 * caller can see (never a hint that it exists) and 403 when it is visible but the action is not theirs.
 */
export type Scope = { all: true } | { all: false; paths: string[] };

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

export function permissionsOf(actor: Actor): Permission[] {
  const held = new Set<Permission>();
  for (const grant of actor.grants) for (const permission of roles[grant.role].permissions) held.add(permission);
  return [...held].sort();
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((grant) => roleGrants(grant.role, permission));
}

/** 403 unless some role grants the permission somewhere: for actions that have no node of their own. */
export function requirePermission(ctx: RequestContext, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (!hasPermission(actor, permission)) throw forbidden();
  return actor;
}

export function scopeOf(actor: Actor, permission: Permission): Scope {
  const paths: string[] = [];
  for (const grant of actor.grants) {
    if (!roleGrants(grant.role, permission)) continue;
    if (grant.path === null) return { all: true };
    paths.push(grant.path);
  }
  return { all: false, paths: topmost(paths) };
}

/** Drops paths already inside another, so a subtree is never counted twice. */
export function topmost(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((path, index) => !sorted.slice(0, index).some((outer) => path.startsWith(outer)));
}

export function covers(scope: Scope, path: string): boolean {
  return scope.all || scope.paths.some((prefix) => path.startsWith(prefix));
}

/** Every node the caller can see anything of: the union of all their roles' subtrees. */
export function visibleScope(actor: Actor): Scope {
  if (actor.grants.some((grant) => grant.path === null)) return { all: true };
  return { all: false, paths: topmost(actor.grants.map((grant) => grant.path ?? "")) };
}

export function can(actor: Actor, permission: Permission, path: string): boolean {
  return covers(scopeOf(actor, permission), path);
}

export function authorizeAt(ctx: RequestContext, permission: Permission, path: string): Actor {
  const actor = requireActor(ctx);
  if (can(actor, permission, path)) return actor;
  if (!covers(visibleScope(actor), path)) throw notFound();
  throw forbidden();
}

/** Abilities sent with an object, so the client hides what the server would refuse. */
export function abilitiesAt<K extends string>(actor: Actor, path: string, map: Readonly<Record<K, Permission>>): Record<K, boolean> {
  const abilities = {} as Record<K, boolean>;
  for (const name of Object.keys(map) as K[]) abilities[name] = can(actor, map[name], path);
  return abilities;
}
