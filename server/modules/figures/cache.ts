import type { FigureParts } from "../../../shared/figures";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import { onChangesAtOnce } from "../../platform/changes";
import type { RequestContext } from "../../platform/context";

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
  /** The figures themselves, for sums over cities without reading the text back. */
  values?: Readonly<Record<string, number>>;
  /** The parts of the rates among them, which the sums over cities add up (the rates themselves cannot be). */
  parts?: FigureParts;
}

interface Entry {
  /** The city whose changes drop it; null for figures over every city (the province), dropped by any change. */
  cityId: number | null;
  /** The day (Asia/Shanghai) they were computed on: figures of the current period change with it. */
  day: string;
  expires: number;
  value: Promise<Presented>;
  refreshing: boolean;
}

/** A node's id, or a name for figures that are no node's (the province's). */
type Key = number | string;

const caches = new WeakMap<Database, Map<Key, Entry>>();

function cacheOf(db: Database): Map<Key, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    const entries = new Map<Key, Entry>();
    onChangesAtOnce(db, (changes) => {
      // A change without a city (an account, a system setting) may touch any: everything goes.
      if (changes.some((change) => change.cityId === null)) return entries.clear();
      const cities = new Set(changes.map((change) => change.cityId));
      for (const [key, entry] of entries) if (entry.cityId === null || cities.has(entry.cityId)) entries.delete(key);
    });
    caches.set(db, entries);
    cache = entries;
  }
  return cache;
}

/** Figures kept under `key` (a node's id, or a name) until a change commits in `cityId` (any city when null). */
export function cachedFigures(ctx: RequestContext, key: Key, cityId: number | null, compute: () => Promise<Presented>): Promise<Presented> {
  const ttl = ctx.config.figuresCacheMs;
  if (ttl <= 0) return compute();
  const cache = cacheOf(ctx.db);
  const now = Date.now();
  const day = localDay(ctx.clock.now());
  const hit = cache.get(key);
  const fresh = hit !== undefined && hit.day === day;
  if (fresh && hit.expires > now) return hit.value;
  if (fresh && !hit.refreshing) {
    hit.refreshing = true;
    const refreshed = compute();
    // Installed only if no change dropped the entry meanwhile: else the next request computes afresh.
    refreshed.then(
      () => {
        if (cache.get(key) === hit) cache.set(key, { cityId, day, expires: Date.now() + ttl, value: refreshed, refreshing: false });
      },
      () => {
        hit.refreshing = false;
      },
    );
  }
  if (fresh) return hit.value;
  const entry: Entry = { cityId, day, expires: now + ttl, value: compute(), refreshing: false };
  cache.set(key, entry);
  entry.value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return entry.value;
}
