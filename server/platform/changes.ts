import type { Database } from "../db/client";
import type { AuditRowInput } from "./audit/service";

/** What changed, as its audit entry names it: enough for a live screen to look the record up. */
export interface Change {
  cityId: number | null;
  entity: string;
  entityId: string | null;
  action: string;
}

type Listener = (changes: readonly Change[]) => void;

/**
 * Committed changes, told to the live streams of this process (the big screen). The write path tells
 * every commit here, so a screen learns of a change without asking the database again and again; one
 * bus per database, so two apps in one process (tests) never hear each other.
 */
const listeners = new WeakMap<Database, Set<Listener>>();
/** Told before the write's caller hears back: caches of figures, which must not answer from before a change its author then reads. */
const syncListeners = new WeakMap<Database, Set<Listener>>();

function add(map: WeakMap<Database, Set<Listener>>, db: Database, listener: Listener): () => void {
  let set = map.get(db);
  if (!set) {
    set = new Set();
    map.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

export function onChanges(db: Database, listener: Listener): () => void {
  return add(listeners, db, listener);
}

/** For cheap, synchronous work only (dropping cache entries): it runs inside the write path. */
export function onChangesAtOnce(db: Database, listener: Listener): () => void {
  return add(syncListeners, db, listener);
}

/** Called after a commit; listeners run later, so a slow or failing one never holds up or fails a write. */
export function publishChanges(db: Database, rows: readonly AuditRowInput[]): void {
  if (rows.length === 0) return;
  const changes = rows.map((row) => ({ cityId: row.cityId, entity: row.entity, entityId: row.entityId, action: row.action }));
  for (const listener of syncListeners.get(db) ?? []) listener(changes);
  const set = listeners.get(db);
  if (!set || set.size === 0) return;
  setImmediate(() => {
    for (const listener of set) {
      try {
        listener(changes);
      } catch {
        // A listener's own failure is its own (a closed stream); the other screens still hear.
      }
    }
  });
}
