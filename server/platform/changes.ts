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

export function onChanges(db: Database, listener: Listener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Called after a commit; listeners run later, so a slow or failing one never holds up or fails a write. */
export function publishChanges(db: Database, rows: readonly AuditRowInput[]): void {
  const set = listeners.get(db);
  if (!set || set.size === 0 || rows.length === 0) return;
  const changes = rows.map((row) => ({ cityId: row.cityId, entity: row.entity, entityId: row.entityId, action: row.action }));
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
