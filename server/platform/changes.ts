import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
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
  tell(db, changes);
  relays.get(db)?.send(changes);
}

function tell(db: Database, changes: readonly Change[]): void {
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

// --- other processes on the same database

const CHANNEL = "zhili_changes";
/** NOTIFY carries at most 8000 bytes: past this a notice names only the cities changed. */
const MAX_PAYLOAD = 7000;
const RECONNECT_MS = 1000;

interface Notice {
  /** The relay that sent it: a process skips its own. */
  from: string;
  changes: readonly Change[];
}

interface Relay {
  send(changes: readonly Change[]): void;
}

const relays = new WeakMap<Database, Relay>();

/** Whoever can listen on the database's notices: PGlite in its own process, PostgreSQL on a connection of its own. */
interface NoticeSource {
  listen(onNotice: (payload: string) => void, onLost: () => void): Promise<() => Promise<void>>;
  /** Whether anyone else may hear: on PGlite only apps of this process over the same instance. */
  othersMayListen(): boolean;
}

/** Relays per PGlite instance: with one alone, its notices would reach nobody. */
const pgliteRelays = new WeakMap<object, number>();

function sourceOf(db: Database): NoticeSource | null {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    return {
      async listen(onNotice, onLost) {
        const connection = new pg.Client(client.options);
        connection.on("notification", (message) => onNotice(message.payload ?? ""));
        connection.on("error", () => undefined);
        connection.on("end", onLost);
        await connection.connect();
        await connection.query(`LISTEN ${CHANNEL}`);
        return async () => {
          connection.off("end", onLost);
          await connection.end();
        };
      },
      othersMayListen: () => true,
    };
  }
  const pglite = client as { listen?: (channel: string, callback: (payload: string) => void) => Promise<() => Promise<void>> };
  if (typeof pglite.listen !== "function") return null;
  return {
    async listen(onNotice) {
      const unlisten = await pglite.listen!(CHANNEL, onNotice);
      pgliteRelays.set(pglite, (pgliteRelays.get(pglite) ?? 0) + 1);
      return async () => {
        pgliteRelays.set(pglite, (pgliteRelays.get(pglite) ?? 1) - 1);
        await unlisten();
      };
    },
    othersMayListen: () => (pgliteRelays.get(pglite) ?? 0) > 1,
  };
}

/**
 * Hears the commits of other server processes on the same database (PostgreSQL LISTEN/NOTIFY; PGlite
 * serves one process, where this joins apps over the same instance) and tells them to this process's
 * listeners as its own: kept figures are dropped and live screens hear of the change. Each commit of
 * this process is announced after it, on a pool connection, without holding up the write. While the
 * connection is down nothing is heard: on reconnecting every kept figure is dropped, as after a
 * change of unknown city.
 */
export async function relayChanges(db: Database): Promise<() => Promise<void>> {
  const source = sourceOf(db);
  if (!source) return async () => {};
  const from = randomUUID();
  let stopped = false;
  let stop: (() => Promise<void>) | null = null;
  let retry: NodeJS.Timeout | null = null;
  const heard = (payload: string) => {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.from !== from && Array.isArray(notice.changes)) tell(db, notice.changes);
  };
  const connect = async (): Promise<void> => {
    try {
      stop = await source.listen(heard, lost);
    } catch {
      lost();
    }
  };
  function lost() {
    stop = null;
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      tell(db, [{ cityId: null, entity: "relay", entityId: null, action: "reconnected" }]);
      void connect();
    }, RECONNECT_MS).unref();
  }
  await connect();
  relays.set(db, {
    send(changes) {
      if (!source.othersMayListen()) return;
      let payload = JSON.stringify({ from, changes } satisfies Notice);
      if (payload.length > MAX_PAYLOAD) {
        const cities = [...new Set(changes.map((change) => change.cityId))];
        payload = JSON.stringify({ from, changes: cities.map((cityId) => ({ cityId, entity: "many", entityId: null, action: "many" })) } satisfies Notice);
      }
      db.execute(sql`SELECT pg_notify(${CHANNEL}, ${payload})`).catch(() => {
        // The others keep their figures until FIGURES_CACHE_MS: a lost notice delays, it never corrupts.
      });
    },
  });
  return async () => {
    stopped = true;
    relays.delete(db);
    if (retry) clearTimeout(retry);
    await stop?.();
  };
}
