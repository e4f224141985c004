import type { Database } from "../../db/client";

/**
 * What every report needs of its city — the micro-grid index, the catalogue, the calendar — read once
 * per database and city and looked at again at most once a second: with a cheap stamp query where
 * there is one (rebuilt only when it changed), else by reading it again. A change made by another
 * server process shows within a second; one made in this process is invalidated at once.
 * The interval is about freshness of a cache, not the domain's time, hence the monotonic clock.
 */
const RECHECK_MS = 1000;

interface Entry<T> {
  value: T;
  stamp: string;
  checkedAt: number;
}

export class CityCache<T> {
  private readonly entries = new WeakMap<Database, Map<number, Entry<T>>>();

  constructor(
    private readonly load: (db: Database, cityId: number) => Promise<T>,
    private readonly stampOf?: (db: Database, cityId: number) => Promise<string>,
  ) {}

  private mapOf(db: Database): Map<number, Entry<T>> {
    let map = this.entries.get(db);
    if (!map) {
      map = new Map();
      this.entries.set(db, map);
    }
    return map;
  }

  async get(db: Database, cityId: number): Promise<T> {
    const map = this.mapOf(db);
    const cached = map.get(cityId);
    if (cached && performance.now() - cached.checkedAt < RECHECK_MS) return cached.value;
    const stamp = this.stampOf ? await this.stampOf(db, cityId) : "";
    if (cached && this.stampOf && cached.stamp === stamp) {
      cached.checkedAt = performance.now();
      return cached.value;
    }
    const value = await this.load(db, cityId);
    map.set(cityId, { value, stamp, checkedAt: performance.now() });
    return value;
  }

  invalidate(db: Database, cityId: number): void {
    this.mapOf(db).delete(cityId);
  }
}
