import type { z } from "zod";
import type { CreateCampaignBody, RemoveBody, UpdateCampaignBody } from "../../../shared/schemas/campaign";
import { campaigns } from "../../db/schema";
import type { RequestContext } from "../../platform/context";
import { badRequest, invalidField, versionConflict } from "../../platform/errors";
import { campaignAbilities } from "./policy";
import { authorizeAt, requirePermission, scopeOf } from "../../platform/policy";
import { write } from "../../platform/write";
import { visibleNode } from "../../platform/tree";
import { reachOf } from "./access";
import { campaignAccess, type CampaignAccess } from "./core";
import * as repo from "./repository";

// Campaigns themselves.

type Body<T extends z.ZodType> = z.infer<T>;

// ---------------------------------------------------------------- campaigns

function presentCampaign(access: CampaignAccess) {
  const { campaign } = access;
  return {
    id: campaign.id,
    cityId: campaign.cityId,
    nodeId: campaign.nodeId,
    name: campaign.name,
    description: campaign.description,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    version: campaign.version,
    abilities: campaignAbilities(access.reach.actor, access.node.path),
  };
}

export function checkSpan(startsOn: string, endsOn: string, field = "endsOn"): void {
  if (endsOn < startsOn) throw invalidField(field, "ends before it starts");
}

export async function listCampaigns(ctx: RequestContext) {
  requirePermission(ctx, "campaign.read");
  const reach = await reachOf(ctx, "campaign.read");
  const cityIds = [...new Set(reach.actor.grants.map((grant) => grant.cityId).filter((id): id is number => id !== null))];
  const rows = await repo.listCampaigns(ctx.db, reach.nodes.all ? "all" : cityIds);
  const items = [];
  for (const row of rows) {
    const access = await campaignAccess(ctx, row.id).catch(() => null);
    if (access) items.push(presentCampaign(access));
  }
  return { items, total: items.length };
}

export async function getCampaign(ctx: RequestContext, id: number) {
  return presentCampaign(await campaignAccess(ctx, id));
}

/** A campaign is the city's: it hangs at the root of the city where the caller manages campaigns. */
export async function createCampaign(ctx: RequestContext, body: Body<typeof CreateCampaignBody>) {
  const actor = requirePermission(ctx, "campaign.manage");
  const scope = scopeOf(actor, "campaign.manage");
  const grant = actor.grants.find((g) => g.path !== null && (scope.all || scope.paths.includes(g.path)));
  if (!grant?.path) throw badRequest("no city to hold the campaign");
  const root = await visibleNode(ctx, Number(grant.path.split("/")[1]));
  authorizeAt(ctx, "campaign.manage", root.path);
  checkSpan(body.startsOn, body.endsOn);
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.insertCampaign(tx, { cityId: root.cityId, nodeId: root.id, name: body.name, description: body.description ?? "", startsOn: body.startsOn, endsOn: body.endsOn, createdAt: at, updatedAt: at });
    audit({ action: "campaign.create", entity: "campaign", entityId: row.id, cityId: row.cityId, nodeId: row.nodeId, after: row });
    return row.id;
  });
  return getCampaign(ctx, id);
}

export async function updateCampaign(ctx: RequestContext, id: number, body: Body<typeof UpdateCampaignBody>) {
  const { campaign } = await campaignAccess(ctx, id, "campaign.manage");
  const { version, ...changes } = body;
  checkSpan(changes.startsOn ?? campaign.startsOn, changes.endsOn ?? campaign.endsOn);
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaigns, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.update", entity: "campaign", entityId: id, cityId: campaign.cityId, before: campaign, after: row });
  });
  return getCampaign(ctx, id);
}

export async function deleteCampaign(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { campaign } = await campaignAccess(ctx, id, "campaign.manage");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaigns, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.delete", entity: "campaign", entityId: id, cityId: campaign.cityId, before: campaign, after: { reason: body.reason } });
  });
}
