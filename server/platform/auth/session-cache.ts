import type { Database } from "../../db/client";
import type { RequestContext } from "../context";
import { write } from "../write";

/**
 * Sessions just looked up, kept for a moment: every signed-in request would otherwise spend a round
 * trip to learn who is calling, and intake is measured in requests per second. A change to accounts,
 * roles, sessions or the tree made by this process ends every kept entry once it has committed
 * (accessChanged, called by the services that make such changes); one made by another process shows within RECHECK_MS. An entry loaded while such a
 * change was committing is not kept, so it cannot outlive the change.
 */
const RECHECK_MS = 1000;
/** Past this many kept sessions the stale ones are dropped, so the map cannot grow without end. */
const PRUNE_AT = 10_000;

interface Kept<T> {
  value: T;
  loadedAt: number;
  epoch: number;
}

/** Counts the committed changes to access per database; an entry is good only in the count it was loaded in. */
const epochs = new WeakMap<Database, number>();
const epochOf = (db: Database) => epochs.get(db) ?? 0;

/** After a committed change to who may do what (accounts, roles, sessions, the tree): nothing kept before it is used again. */
export function accessChanged(db: Database): void {
  epochs.set(db, epochOf(db) + 1);
}

/** write() for a change to who may do what: once it has committed (or failed), kept sessions are looked up again. */
export async function writeAccess<T>(ctx: RequestContext, change: Parameters<typeof write<T>>[1]): Promise<T> {
  try {
    return await write(ctx, change);
  } finally {
    accessChanged(ctx.db);
  }
}

export class SessionCache<T> {
  private readonly databases = new WeakMap<Database, Map<string, Kept<T>>>();

  private of(db: Database): Map<string, Kept<T>> {
    let entries = this.databases.get(db);
    if (!entries) {
      entries = new Map();
      this.databases.set(db, entries);
    }
    return entries;
  }

  /** The session under `key`, from the cache while fresh, else from `load` (and kept if found). */
  async get(db: Database, key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const entries = this.of(db);
    const kept = entries.get(key);
    if (kept && kept.epoch === epochOf(db) && performance.now() - kept.loadedAt < RECHECK_MS) return kept.value;
    const epoch = epochOf(db);
    const value = await load();
    if (value === undefined) entries.delete(key);
    else if (epochOf(db) === epoch) this.keep(entries, key, { value, loadedAt: performance.now(), epoch });
    return value;
  }

  forget(db: Database, key: string): void {
    this.of(db).delete(key);
  }

  private keep(entries: Map<string, Kept<T>>, key: string, kept: Kept<T>): void {
    if (entries.size >= PRUNE_AT) {
      const now = performance.now();
      for (const [other, entry] of entries) if (entry.epoch !== kept.epoch || now - entry.loadedAt >= RECHECK_MS) entries.delete(other);
    }
    entries.set(key, kept);
  }
}
