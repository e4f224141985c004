import { sql, type SQL } from "drizzle-orm";
import type { Permission, RoleName } from "../../../shared/permissions";
import { campaignClaims, campaignProjects } from "../../db/schema";
import type { Actor, RequestContext } from "../../platform/context";
import { forbidden, notFound } from "../../platform/errors";
import { covers, requireActor, scopeOf, visibleScope, type Scope } from "../../platform/policy";
import { nodeInScope } from "../../platform/tree";
import * as repo from "./repository";

/**
 * Roles whose reach in the campaign is their unit, not the subtree of the node they are held at:
 * unit_staff sits at the city node only because units hang there. (A `reach: "unit"` flag on the
 * role in shared/permissions.ts would say this where roles are defined; proposed to the lead.)
 */
const unitBoundRoles: ReadonlySet<RoleName> = new Set<RoleName>(["unit_staff"]);

/** Where a permission reaches: node subtrees through ordinary roles, plus the units the account speaks for. */
export interface Reach {
  actor: Actor;
  nodes: Scope;
  units: number[];
}

function withoutUnitRoles(actor: Actor): Actor {
  return { ...actor, grants: actor.grants.filter((grant) => !unitBoundRoles.has(grant.role)) };
}

export async function reachOf(ctx: RequestContext, permission: Permission): Promise<Reach> {
  const actor = requireActor(ctx);
  const nodes = scopeOf(withoutUnitRoles(actor), permission);
  const unitGrants = actor.grants.filter((grant) => unitBoundRoles.has(grant.role));
  const viaUnits = scopeOf({ ...actor, grants: unitGrants }, permission);
  if (!viaUnits.all && viaUnits.paths.length === 0) return { actor, nodes, units: [] };
  const cities = new Set(unitGrants.map((grant) => grant.cityId));
  const units = (await repo.unitIdsOfUser(ctx.db, actor.userId)).filter((row) => cities.has(row.cityId)).map((row) => row.unitId);
  return { actor, nodes, units };
}

/**
 * A place outside the caller's campaign reach, answered as authorizeAt would: 403 where the caller's roles
 * let it see the place (without the permission), 404 elsewhere. Unit-bound roles see by their unit, not by their node.
 */
export function refuse(actor: Actor, path: string, what: string): never {
  if (covers(visibleScope(withoutUnitRoles(actor)), path)) throw forbidden();
  throw notFound(what);
}

/** Whether the city's campaign is anyone's business of the caller at all (any reach inside the city). */
export function reachesCity(reach: Reach, cityRootPath: string, cityId: number): boolean {
  if (reach.nodes.all || reach.nodes.paths.some((path) => path.startsWith(cityRootPath))) return true;
  return reach.units.length > 0 && reach.actor.grants.some((grant) => grant.cityId === cityId);
}

export interface ProjectPlace {
  nodePath: string;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
}

/** Reading reaches cooperating units too; reporting is the lead unit's alone. */
export function projectInReach(reach: Reach, project: ProjectPlace, withCooperating: boolean): boolean {
  if (covers(reach.nodes, project.nodePath)) return true;
  if (project.leadUnitId !== null && reach.units.includes(project.leadUnitId)) return true;
  return withCooperating && project.cooperatingUnitIds.some((unit) => reach.units.includes(unit));
}

function unitArray(units: number[]): SQL {
  return sql`ARRAY[${sql.join(units.map((unit) => sql`${unit}::bigint`), sql`, `)}]`;
}

/** The same rule in SQL, for lists. */
export function projectReachSql(reach: Reach, withCooperating: boolean): SQL {
  const parts: SQL[] = [nodeInScope(campaignProjects.nodeId, reach.nodes)];
  if (reach.units.length > 0) {
    parts.push(sql`${campaignProjects.leadUnitId} = ANY(${unitArray(reach.units)})`);
    if (withCooperating) parts.push(sql`${campaignProjects.cooperatingUnitIds} && ${unitArray(reach.units)}`);
  }
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Claims a caller sees: all of them when the campaign lies in their node reach, else their unit's and their own. */
export function claimReachSql(reach: Reach, campaignCovered: boolean, own: { userId: number; personId: number | null }): SQL {
  if (campaignCovered) return sql`true`;
  const parts: SQL[] = [sql`${campaignClaims.claimedBy} = ${own.userId}`];
  if (own.personId !== null) parts.push(sql`${campaignClaims.claimantPersonId} = ${own.personId}`);
  if (reach.units.length > 0) parts.push(sql`${campaignClaims.unitId} = ANY(${unitArray(reach.units)})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}
