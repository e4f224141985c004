import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import { onChangesAtOnce } from "../../platform/changes";
import type { RequestContext } from "../../platform/context";
import type { NodeRef } from "../../platform/tree";

/**
 * A node's figures as they are sent (the JSON text and its ETag), kept until a change commits in its
 * city, told at once by the write path of this process or, on PostgreSQL, by the others through
 * LISTEN/NOTIFY (platform/changes.ts). A hit costs a map lookup: nothing is counted, presented,
 * validated, serialised or hashed again. A dashboard asked by many leaders at once computes each
 * node's figures once: concurrent requests share the one computation under way.
 *
 * FIGURES_CACHE_MS bounds how long an entry is used without a change heard: past it, the kept answer
 * is still sent while one refresh runs (a notice lost with a dropped connection must not stick for
 * good, and a refresh must not stall a room of dashboards).
 */
export interface Presented {
  body: string;
  etag: string;
}

interface Entry {
  cityId: number;
  /** The day (Asia/Shanghai) they were computed on: figures of the current period change with it. */
  day: string;
  expires: number;
  value: Promise<Presented>;
  refreshing: boolean;
}

const caches = new WeakMap<Database, Map<number, Entry>>();

function cacheOf(db: Database): Map<number, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    const entries = new Map<number, Entry>();
    onChangesAtOnce(db, (changes) => {
      // A change without a city (an account, a system setting) may touch any: everything goes.
      if (changes.some((change) => change.cityId === null)) return entries.clear();
      const cities = new Set(changes.map((change) => change.cityId));
      for (const [nodeId, entry] of entries) if (cities.has(entry.cityId)) entries.delete(nodeId);
    });
    caches.set(db, entries);
    cache = entries;
  }
  return cache;
}

export function cachedFigures(ctx: RequestContext, node: NodeRef, compute: () => Promise<Presented>): Promise<Presented> {
  const ttl = ctx.config.figuresCacheMs;
  if (ttl <= 0) return compute();
  const cache = cacheOf(ctx.db);
  const now = Date.now();
  const day = localDay(ctx.clock.now());
  const hit = cache.get(node.id);
  const fresh = hit !== undefined && hit.day === day;
  if (fresh && hit.expires > now) return hit.value;
  if (fresh && !hit.refreshing) {
    hit.refreshing = true;
    const refreshed = compute();
    // Installed only if no change dropped the entry meanwhile: else the next request computes afresh.
    refreshed.then(
      () => {
        if (cache.get(node.id) === hit) cache.set(node.id, { cityId: node.cityId, day, expires: Date.now() + ttl, value: refreshed, refreshing: false });
      },
      () => {
        hit.refreshing = false;
      },
    );
  }
  if (fresh) return hit.value;
  const entry: Entry = { cityId: node.cityId, day, expires: now + ttl, value: compute(), refreshing: false };
  cache.set(node.id, entry);
  entry.value.catch(() => {
    if (cache.get(node.id) === entry) cache.delete(node.id);
  });
  return entry.value;
}
