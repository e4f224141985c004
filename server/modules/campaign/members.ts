import type { z } from "zod";
import type { AddUnitMemberBody } from "../../../shared/schemas/campaign";
import { accountInCity, personOfUser, usernames } from "../../platform/auth/service";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound } from "../../platform/errors";
import { authorizeAt, requirePermission, scopeOf } from "../../platform/policy";
import { write } from "../../platform/write";
import { unitsOfCity } from "../orgs/service";
import { reachOf } from "./access";
import * as repo from "./repository";

// Who speaks for which unit, and what the caller may do in the campaign.

type Body<T extends z.ZodType> = z.infer<T>;

// ---------------------------------------------------------------- who speaks for which unit

function managedCities(ctx: RequestContext): number[] {
  const actor = requirePermission(ctx, "campaign.manage");
  const scope = scopeOf(actor, "campaign.manage");
  return [...new Set(actor.grants.filter((g) => g.path !== null && (scope.all || scope.paths.includes(g.path))).map((g) => g.cityId).filter((id): id is number => id !== null))];
}

async function cityRootPath(ctx: RequestContext, cityId: number): Promise<string> {
  const grant = requirePermission(ctx, "campaign.manage").grants.find((g) => g.cityId === cityId && g.path !== null);
  return `/${grant!.path!.split("/")[1]}/`;
}

export async function listUnitMembers(ctx: RequestContext, unitId?: number) {
  const cities = managedCities(ctx);
  const units = new Map<number, string>();
  for (const city of cities) for (const unit of await unitsOfCity(ctx.db, city)) units.set(unit.id, unit.name);
  // A unit of a city the caller does not manage is out of its sight, like a node outside its subtree.
  if (unitId !== undefined && !units.has(unitId)) throw notFound("单位");
  const rows = await repo.listUnitMembers(ctx.db, cities, unitId);
  const names = await usernames(ctx.db, [...new Set(rows.map((row) => row.userId))]);
  return {
    items: rows.map((row) => ({ id: row.id, userId: row.userId, username: names.get(row.userId) ?? "", unit: { id: row.unitId, name: units.get(row.unitId) ?? "" }, createdAt: row.createdAt.toISOString() })),
  };
}

export async function addUnitMember(ctx: RequestContext, body: Body<typeof AddUnitMemberBody>) {
  const cities = managedCities(ctx);
  let cityId: number | undefined;
  for (const city of cities) if ((await unitsOfCity(ctx.db, city)).some((unit) => unit.id === body.unitId)) cityId = city;
  if (cityId === undefined) throw notFound("单位");
  authorizeAt(ctx, "campaign.manage", await cityRootPath(ctx, cityId));
  const actor = requirePermission(ctx, "campaign.manage");
  // One answer for a missing account and another city's or a system account: neither is a hint.
  if (!(await accountInCity(ctx.db, body.userId, cityId))) throw invalidField("userId", "本市没有这个有效账号 (no active account of this city has that id)");
  const added = await write(ctx, async (tx, audit) => {
    const row = await repo.insertUnitMember(tx, { cityId: cityId!, userId: body.userId, unitId: body.unitId, addedBy: actor.userId, createdAt: ctx.clock.now() });
    if (!row) throw conflict("该账号已属于此单位 (already a member of this unit)", "duplicate");
    audit({ action: "campaign.unit_member.add", entity: "campaign_unit_member", entityId: row.id, cityId, after: row });
    return row;
  });
  return (await listUnitMembers(ctx, body.unitId)).items.find((item) => item.id === added.id)!;
}

export async function removeUnitMember(ctx: RequestContext, id: number, reason: string) {
  const cities = managedCities(ctx);
  const member = await repo.findUnitMember(ctx.db, id);
  if (!member || !cities.includes(member.cityId)) throw notFound("单位成员");
  const actor = requirePermission(ctx, "campaign.manage");
  await write(ctx, async (tx, audit) => {
    const row = await repo.removeUnitMember(tx, id, actor.userId, ctx.clock.now());
    if (!row) throw notFound("单位成员");
    audit({ action: "campaign.unit_member.remove", entity: "campaign_unit_member", entityId: id, cityId: row.cityId, before: member, after: { reason } });
  });
}

/** Who the caller is in the campaign: the person they are (for 揭榜) and the units they speak for (for 领题). */
export async function me(ctx: RequestContext) {
  requirePermission(ctx, "campaign.read");
  const reach = await reachOf(ctx, "campaign.read");
  const personId = await personOfUser(ctx.db, reach.actor.userId);
  const cityId = reach.actor.cityId;
  const units = cityId === null ? [] : (await unitsOfCity(ctx.db, cityId)).filter((unit) => reach.units.includes(unit.id));
  return { personId, units };
}
