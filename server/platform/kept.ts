import type { Database } from "../db/client";
import { onChangesAtOnce, type Change } from "./changes";

/**
 * Values a request has just read, kept in memory so the next request asks the database nothing: the
 * tree's nodes, the names lists show, a list's total. Commits are told here at once (and, through
 * LISTEN/NOTIFY, in every other process), so a kept value is dropped the moment a change that may
 * touch it commits in its city. `keepMs` bounds an entry all the same, so a notice lost with a
 * dropped connection delays a change, never for good.
 */
export interface KeptOptions {
  /** The audit entities whose changes drop a city's values; "any" for values any change may touch (a list's total). */
  entities: readonly string[] | "any";
  keepMs: number;
  /** Past this many entries all are let go, so memory stays bounded. */
  atMost: number;
}

interface Entry<V> {
  value: V;
  /** The city the value belongs to; null for one over every city, dropped by any change. */
  cityId: number | null;
  until: number;
}

export class Kept<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  /** Counts the drops: a read that ran across one may have seen the database from before the change. */
  private drops = 0;

  constructor(
    db: Database,
    private readonly options: KeptOptions,
  ) {
    onChangesAtOnce(db, (changes) => this.drop(changes));
  }

  private drop(changes: readonly Change[]): void {
    const { entities } = this.options;
    // "many" is a notice too long for NOTIFY, naming only its cities; no city (a relay reconnected) may be any.
    const touching = entities === "any" ? changes : changes.filter((change) => entities.includes(change.entity) || change.entity === "many" || change.cityId === null);
    if (touching.length === 0) return;
    this.drops++;
    if (touching.some((change) => change.cityId === null)) return this.entries.clear();
    const cities = new Set(touching.map((change) => change.cityId));
    for (const [key, entry] of this.entries) if (entry.cityId === null || cities.has(entry.cityId)) this.entries.delete(key);
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until > performance.now() ? hit.value : undefined;
  }

  /** The value of `key`, read by `load` unless kept; kept only if found and no change dropped values while it was read. */
  async read(key: K, cityOf: (value: V) => number | null, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const drops = this.drops;
    const value = await load();
    if (value !== undefined && this.drops === drops) this.set(key, value, cityOf(value));
    return value;
  }

  /** The values of `keys`, those not kept read together by one `load`. */
  async readMany(keys: readonly K[], cityOf: (value: V) => number | null, load: (missing: K[]) => Promise<Map<K, V>>): Promise<Map<K, V>> {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of new Set(keys)) {
      const hit = this.get(key);
      if (hit !== undefined) found.set(key, hit);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const drops = this.drops;
    const loaded = await load(missing);
    const unchanged = this.drops === drops;
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (unchanged) this.set(key, value, cityOf(value));
    }
    return found;
  }

  private set(key: K, value: V, cityId: number | null): void {
    if (this.entries.size >= this.options.atMost) this.entries.clear();
    this.entries.set(key, { value, cityId, until: performance.now() + this.options.keepMs });
  }
}

const stores = new WeakMap<Database, Map<string, Kept<unknown, unknown>>>();

/** The store `name` of one database: one per database, so two apps in one process (tests) never share values. */
export function keptStore<K, V>(db: Database, name: string, options: KeptOptions): Kept<K, V> {
  let named = stores.get(db);
  if (!named) {
    named = new Map();
    stores.set(db, named);
  }
  let store = named.get(name);
  if (!store) {
    store = new Kept<unknown, unknown>(db, options);
    named.set(name, store);
  }
  return store as Kept<K, V>;
}
