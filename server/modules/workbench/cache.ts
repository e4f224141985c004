import type { Workbench } from "../../../shared/schemas/workbench";
import type { Database } from "../../db/client";
import { onChangesAtOnce } from "../../platform/changes";
import type { Actor } from "../../platform/context";

/**
 * Each person's workbench for a short while: the menu's badges and the home page ask for it often and
 * it is a dozen list queries. Any committed change in the city drops the city's entries before its
 * author hears back (so an act is never followed by the count from before it); what changes by time
 * alone (a light turning red, a period ending) waits at most the lifetime.
 */
export const WORKBENCH_TTL_MS = 30_000;

interface Entry {
  at: number;
  value: Workbench;
}

interface Cache {
  entries: Map<string, Entry>;
  /** Counts the changes heard: a build that a change overtook is not kept. */
  generation: number;
}

const caches = new WeakMap<Database, Cache>();
/** Past this many people, expired entries are swept out when one is added. */
const SWEEP_ABOVE = 500;

function cacheOf(db: Database): Cache {
  let cache = caches.get(db);
  if (!cache) {
    const created: Cache = { entries: new Map(), generation: 0 };
    cache = created;
    caches.set(db, created);
    onChangesAtOnce(db, (changes) => {
      created.generation++;
      for (const change of changes) {
        // A change without a city (accounts, roles) may touch anyone's work: drop them all.
        if (change.cityId === null) return created.entries.clear();
        for (const key of created.entries.keys()) if (key.startsWith(`${change.cityId}:`)) created.entries.delete(key);
      }
    });
  }
  return cache;
}

/** The person and exactly the grants it holds now: a changed grant is another key. */
function keyOf(actor: Actor): string {
  return `${actor.cityId}:${actor.userId}:${actor.grants.map((grant) => `${grant.role}@${grant.path}`).sort().join(",")}`;
}

const fresh = (entry: Entry, now: number) => now >= entry.at && now - entry.at < WORKBENCH_TTL_MS;

export async function cachedWorkbench(db: Database, actor: Actor, now: Date, build: () => Promise<Workbench>): Promise<Workbench> {
  const cache = cacheOf(db);
  const key = keyOf(actor);
  const at = now.getTime();
  const hit = cache.entries.get(key);
  // The clock may be set back in tests: an entry from the future is no answer either.
  if (hit && fresh(hit, at)) return hit.value;
  const generation = cache.generation;
  const value = await build();
  if (cache.generation !== generation) return value;
  if (cache.entries.size > SWEEP_ABOVE) for (const [other, entry] of cache.entries) if (!fresh(entry, at)) cache.entries.delete(other);
  cache.entries.set(key, { at, value });
  return value;
}
