import type { z } from "zod";
import { tileOrigins, type UpdateBaseMapBody } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import { invalidField, versionConflict } from "../../platform/errors";
import { authorizeAt, requirePermission } from "../../platform/policy";
import { cityIdByCode } from "../../platform/tree";
import { write } from "../../platform/write";
import { cityOf } from "./catalogue";
import * as repo from "./repository";

// The city's base map (底图): its tile address, set by the campaign office, and the image origins the CSP allows for it.

function present(row: repo.BaseMapRow | undefined) {
  return {
    tileUrl: row?.tileUrl ?? null,
    subdomains: row?.subdomains ?? "",
    attribution: row?.attribution ?? "",
    maxZoom: row?.maxZoom ?? 18,
    version: row?.version ?? 1,
  };
}

/** Any signed-in member of a city reads its base map: every page with a map draws it. */
export async function getBaseMap(ctx: RequestContext) {
  const { cityId } = cityOf(requirePermission(ctx, "event.read"));
  return present(await repo.findBaseMap(ctx.db, cityId));
}

export async function getPublicBaseMap(db: Database, city: string) {
  const cityId = await cityIdByCode(db, city);
  if (cityId === undefined) throw invalidField("city", "没有这个城市 (no such city)");
  const { version: _version, ...shown } = present(await repo.findBaseMap(db, cityId));
  return shown;
}

export async function updateBaseMap(ctx: RequestContext, body: z.infer<typeof UpdateBaseMapBody>) {
  const actor = requirePermission(ctx, "campaign.manage");
  const { cityId, rootPath } = cityOf(actor);
  authorizeAt(ctx, "campaign.manage", rootPath);
  const saved = await write(ctx, async (tx, audit) => {
    const before = await repo.findBaseMap(tx, cityId);
    const values = { tileUrl: body.tileUrl || null, subdomains: body.subdomains, attribution: body.attribution, maxZoom: body.maxZoom, updatedBy: actor.userId, updatedAt: ctx.clock.now() };
    const row = await repo.saveBaseMap(tx, cityId, body.version, values);
    if (!row) throw versionConflict();
    audit({
      action: "events.basemap",
      entity: "base_map",
      entityId: cityId,
      cityId,
      before: before ? { tileUrl: before.tileUrl, subdomains: before.subdomains, maxZoom: before.maxZoom } : null,
      after: { tileUrl: row.tileUrl, subdomains: row.subdomains, maxZoom: row.maxZoom, version: row.version },
    });
    return present(row);
  });
  await tileImageSources(ctx.db).reload();
  return saved;
}

/** How long a process trusts its list of tile origins: a change made through another process shows within this. */
const ORIGINS_TTL_MS = 30_000;

interface OriginCache {
  origins: readonly string[];
  loadedAt: number;
  loading: Promise<void> | null;
}

const originCaches = new WeakMap<Database, OriginCache>();

/**
 * The image origins of every city's tile address, for the CSP: a page may load tiles only from
 * there. Kept in memory, reloaded when older than ORIGINS_TTL_MS (checked as a request arrives).
 */
export function tileImageSources(db: Database) {
  let cache = originCaches.get(db);
  if (!cache) {
    cache = { origins: [], loadedAt: -Infinity, loading: null };
    originCaches.set(db, cache);
  }
  const own = cache;
  const refresh = (): Promise<void> =>
    (own.loading ??= repo
      .tileAddresses(db)
      .then((addresses) => {
        own.origins = [...new Set(addresses.flatMap((address) => tileOrigins(address.tileUrl, address.subdomains) ?? []))].sort();
        own.loadedAt = Date.now();
      })
      .finally(() => {
        own.loading = null;
      }));
  return {
    current: (): readonly string[] => own.origins,
    /** After a change: waits out a load that may have read the old addresses, then loads again. */
    reload: async (): Promise<void> => {
      await own.loading;
      await refresh();
    },
    refreshIfStale: (): Promise<void> | undefined => (Date.now() - own.loadedAt > ORIGINS_TTL_MS ? refresh() : undefined),
  };
}
