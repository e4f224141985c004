import type { FigureValues } from "../../../shared/figures";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import { onChangesAtOnce } from "../../platform/changes";
import type { RequestContext } from "../../platform/context";
import type { NodeRef } from "../../platform/tree";

/**
 * The figures of a node, kept until a change commits in its city (the write path tells every commit
 * at once) or for FIGURES_CACHE_MS at most (a change made through another server process). A
 * dashboard asked by many leaders at once computes each node's figures once: concurrent requests
 * share the one computation under way.
 */
interface Entry {
  cityId: number;
  /** The day (Asia/Shanghai) they were computed on: figures of the current period change with it. */
  day: string;
  expires: number;
  value: Promise<FigureValues>;
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

export function cachedFigures(ctx: RequestContext, node: NodeRef, compute: () => Promise<FigureValues>): Promise<FigureValues> {
  const ttl = ctx.config.figuresCacheMs;
  if (ttl <= 0) return compute();
  const cache = cacheOf(ctx.db);
  const now = Date.now();
  const day = localDay(ctx.clock.now());
  const hit = cache.get(node.id);
  if (hit && hit.expires > now && hit.day === day) return hit.value;
  const entry: Entry = { cityId: node.cityId, day, expires: now + ttl, value: compute() };
  cache.set(node.id, entry);
  entry.value.catch(() => {
    if (cache.get(node.id) === entry) cache.delete(node.id);
  });
  return entry.value;
}
