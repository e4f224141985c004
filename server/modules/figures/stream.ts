import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../../db/client";
import type { Clock } from "../../platform/clock";
import { onChanges, type Change } from "../../platform/changes";
import { resolveSession, SESSION_COOKIE } from "../../platform/auth/service";
import { streamOpened } from "../../platform/metrics";
import { nodeForRead } from "../../platform/tree";
import { eventsTurnedRed, liveEvents, type LiveEvent } from "../events/service";
import { requireProvince } from "./province";

/**
 * Live changes for open screens (the big screen, 大屏) by server-sent events. Each process keeps one
 * hub per database: it hears every commit of the write path, and once a second asks which open events
 * have just run out of time (turned red), so a hundred screens cost one lookup per change, and a
 * quiet second one small indexed query, not one per screen. The province's screens hear only which
 * cities changed (their reader reads figures, not records), and cost no lookup at all.
 */

const TICK_MS = 1000;
/** A comment line now and then keeps proxies from closing a quiet stream, and re-checks the session. */
const HEARTBEAT_MS = 20_000;

/** A node's screen hears of the events in its subtree; the province's, of the cities whose figures moved. */
type Screen = { kind: "node"; path: string; send(event: string, data: unknown): void } | { kind: "province"; send(event: string, data: unknown): void };

class Hub {
  private readonly screens = new Set<Screen>();
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastTick: Date;
  private ticking = false;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.lastTick = clock.now();
  }

  add(screen: Screen): void {
    this.screens.add(screen);
    if (this.screens.size > 1) return;
    this.lastTick = this.clock.now();
    this.unsubscribe = onChanges(this.db, (changes) => void this.changed(changes));
    this.timer = setInterval(() => void this.tick(), TICK_MS).unref();
  }

  remove(screen: Screen): void {
    this.screens.delete(screen);
    if (this.screens.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async changed(changes: readonly Change[]): Promise<void> {
    // Any change in a city may move its figures: the cities are told as the write path told them.
    this.tellProvince(changes.flatMap((change) => (change.cityId === null ? [] : [change.cityId])), "change");
    const ids = [...new Set(changes.filter((change) => change.entity === "event" && change.entityId).map((change) => Number(change.entityId)))];
    if (ids.length > 0 && this.has("node")) await this.deliver(ids, "change");
  }

  private has(kind: Screen["kind"]): boolean {
    for (const screen of this.screens) if (screen.kind === kind) return true;
    return false;
  }

  private tellProvince(cityIds: readonly number[], reason: "change" | "overdue"): void {
    if (cityIds.length === 0) return;
    const cities = [...new Set(cityIds)].sort((a, b) => a - b);
    for (const screen of this.screens) if (screen.kind === "province") screen.send("cities", { cities, reason });
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.clock.now();
      const ids = await eventsTurnedRed(this.db, this.lastTick, now);
      this.lastTick = now;
      if (ids.length > 0) await this.deliver(ids, "overdue");
    } catch {
      // The database is away for a moment: the next tick asks again from the same instant.
    } finally {
      this.ticking = false;
    }
  }

  private async deliver(ids: number[], reason: "change" | "overdue"): Promise<void> {
    let events: LiveEvent[];
    try {
      events = await liveEvents(this.db, ids, this.clock.now());
    } catch {
      return;
    }
    // An event turning red moves its city's overdue figures without any write.
    if (reason === "overdue") this.tellProvince(events.map((event) => event.cityId), reason);
    for (const screen of this.screens) {
      if (screen.kind !== "node") continue;
      // A screen hears only of events in its own subtree: the same prefix test the scope uses.
      const mine = events.filter((event) => event.path.startsWith(screen.path));
      for (const event of mine) {
        const { path: _path, cityId: _cityId, ...shown } = event;
        screen.send("event", { ...shown, reason });
      }
    }
  }
}

const hubs = new WeakMap<Database, Hub>();

function hubOf(db: Database, clock: Clock): Hub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new Hub(db, clock);
    hubs.set(db, hub);
  }
  return hub;
}

export async function figureStream(request: FastifyRequest, reply: FastifyReply, orgId: number | undefined): Promise<void> {
  const node = await nodeForRead(request.ctx, "figures.read", orgId);
  openStream(request, reply, (send) => ({ kind: "node", path: node.path, send }), { org: { id: node.id, name: node.name, kind: node.kind } });
}

/** The province's stream: an event "cities" with the ids of the cities whose figures may have moved; 404 to a city's roles. */
export function provinceStream(request: FastifyRequest, reply: FastifyReply): void {
  requireProvince(request.ctx);
  openStream(request, reply, (send) => ({ kind: "province", send }), {});
}

function openStream(request: FastifyRequest, reply: FastifyReply, screenOf: (send: Screen["send"]) => Screen, hello: unknown): void {
  const ctx = request.ctx;
  const token = request.cookies[SESSION_COOKIE]!;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    "x-accel-buffering": "no",
    connection: "keep-alive",
  });
  const write = (text: string) => {
    if (!raw.writableEnded) raw.write(text);
  };
  const screen = screenOf((event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  const closed = streamOpened();
  const hub = hubOf(ctx.db, ctx.clock);
  let heartbeat: NodeJS.Timeout | null = null;
  const close = () => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    hub.remove(screen);
    closed();
    if (!raw.writableEnded) raw.end();
  };
  request.raw.on("close", close);
  heartbeat = setInterval(() => {
    // A session that ended (sign-out, revoked role, timeout) ends its streams too.
    resolveSession(ctx.db, ctx.clock, ctx.config, token).then(
      () => write(": keep-alive\n\n"),
      () => close(),
    );
  }, HEARTBEAT_MS).unref();
  write(`retry: 2000\n`);
  screen.send("hello", hello);
  hub.add(screen);
}
