import type { Database } from "../../db/client";

/**
 * What every report needs of its city — the micro-grid index, the catalogue, the calendar — read once
 * per database and city and looked at again at most once a second: with a cheap stamp query where
 * there is one (rebuilt only when it changed), else by reading it again; concurrent requests share one check. A change made by another
 * server process shows within a second; one made in this process shows at once, where the owner of the data
 * counts its own writes (`writesHere`) or the writer calls invalidate.
 * The interval is about freshness of a cache, not the domain's time, hence the monotonic clock.
 */
const RECHECK_MS = 1000;

interface Entry<T> {
  value: T;
  stamp: string;
  writesHere: number;
  checkedAt: number;
}

interface Slot<T> {
  entry?: Entry<T>;
  /** The check under way, which every request arriving meanwhile waits for instead of asking again. */
  pending?: Promise<T>;
  /** The count of this process's writes that the check under way started from. */
  pendingWrites?: number;
}

export class CityCache<T> {
  private readonly entries = new WeakMap<Database, Map<number, Slot<T>>>();

  constructor(
    private readonly load: (db: Database, cityId: number) => Promise<T>,
    private readonly stampOf?: (db: Database, cityId: number) => Promise<string>,
    private readonly writesHere: (db: Database, cityId: number) => number = () => 0,
  ) {}

  private mapOf(db: Database): Map<number, Slot<T>> {
    let map = this.entries.get(db);
    if (!map) {
      map = new Map();
      this.entries.set(db, map);
    }
    return map;
  }

  get(db: Database, cityId: number): Promise<T> {
    const map = this.mapOf(db);
    let slot = map.get(cityId);
    if (!slot) {
      slot = {};
      map.set(cityId, slot);
    }
    const entry = slot.entry;
    const writes = this.writesHere(db, cityId);
    if (entry && entry.writesHere === writes && performance.now() - entry.checkedAt < RECHECK_MS) return Promise.resolve(entry.value);
    // A check that started before a write here may read what the write replaced: wait for a new one instead.
    if (slot.pending && slot.pendingWrites === writes) return slot.pending;
    const current = slot;
    const pending = this.refresh(db, cityId, current).finally(() => {
      if (current.pending === pending) current.pending = undefined;
    });
    current.pending = pending;
    current.pendingWrites = writes;
    return pending;
  }

  private async refresh(db: Database, cityId: number, slot: Slot<T>): Promise<T> {
    const writesHere = this.writesHere(db, cityId);
    const stamp = this.stampOf ? await this.stampOf(db, cityId) : "";
    const cached = slot.entry;
    if (cached && this.stampOf && cached.stamp === stamp && cached.writesHere === writesHere) {
      cached.checkedAt = performance.now();
      return cached.value;
    }
    const value = await this.load(db, cityId);
    // An invalidation while loading replaced the slot: this value may predate it, so it is not kept.
    if (this.mapOf(db).get(cityId) === slot) slot.entry = { value, stamp, writesHere, checkedAt: performance.now() };
    return value;
  }

  invalidate(db: Database, cityId: number): void {
    this.mapOf(db).delete(cityId);
  }
}
