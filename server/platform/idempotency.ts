import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Database } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import type { Clock } from "./clock";
import type { IdempotencyHold, Tx } from "./context";
import { AppError } from "./errors";

declare module "fastify" {
  interface FastifyRequest {
    /** The key this request holds while it runs; its answer is kept under it when it succeeds. */
    idempotency: { scope: string; key: string } | null;
  }
}

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** A key answers the same for a day: long enough for a phone that was offline since the morning. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/**
 * A key still running after this long belongs to a process that died before it answered: the next
 * retry runs the request again rather than being told "in progress" for a day.
 */
const STALE_PENDING_MS = 5 * 60 * 1000;
/** How long a duplicate arriving while the first runs waits for its answer (a slow PGlite write, photos). */
const WAIT_STEPS = 150;
const WAIT_STEP_MS = 100;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

type Claim = { kind: "claimed"; recovered: unknown[] } | { kind: "replay"; statusCode: number; contentType: string | null; body: string };

/** JSON for a write's outcome that gives its dates back as dates (services present them with toISOString()). */
function freeze(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null, function (this: Record<string, unknown>, key, plain: unknown) {
      const raw = this[key];
      return raw instanceof Date ? { $date: raw.toISOString() } : plain;
    }),
  );
}

export function revive(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, plain: unknown) => {
    if (plain && typeof plain === "object" && !Array.isArray(plain)) {
      const keys = Object.keys(plain);
      if (keys.length === 1 && keys[0] === "$date") return new Date((plain as { $date: string }).$date);
    }
    return plain;
  });
}

/** Called by the write path inside the write's transaction: the key row then says the write committed. */
export async function recordOutcome(tx: Tx, hold: IdempotencyHold, value: unknown): Promise<void> {
  const outcome = JSON.stringify([freeze(value)]);
  await tx
    .update(idempotencyKeys)
    .set({ outcomes: sql`coalesce(${idempotencyKeys.outcomes}, '[]'::jsonb) || ${outcome}::jsonb` })
    .where(and(eq(idempotencyKeys.scope, hold.scope), eq(idempotencyKeys.key, hold.key)));
}

/** sha256 of what makes two requests the same: method, URL and body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${url}\n${JSON.stringify(body ?? null)}`).digest("hex");
}

export function idempotencyScope(request: FastifyRequest): string {
  return request.ctx.actor ? `u${request.ctx.actor.userId}` : "public";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the key for this request, or finds what the first request with it answered. The primary key
 * (scope, key) decides between concurrent duplicates: one insert wins, the others wait for its answer.
 */
async function claim(db: Database, clock: Clock, scope: string, key: string, hash: string): Promise<Claim> {
  for (let step = 0; ; step++) {
    const now = clock.now();
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS))));
    const inserted = await db.insert(idempotencyKeys).values({ scope, key, requestHash: hash, createdAt: now }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return { kind: "claimed", recovered: [] };
    const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    // The first request failed and let the key go between our insert and this read: try again.
    if (!row) continue;
    if (row.requestHash !== hash) {
      throw new AppError(422, "idempotency_key_reused", "该幂等键已用于另一请求 (this Idempotency-Key was used for a different request)", [
        { field: "Idempotency-Key", message: "used for a different request" },
      ]);
    }
    if (row.statusCode !== null) return { kind: "replay", statusCode: row.statusCode, contentType: row.contentType, body: row.body ?? "" };
    if (now.getTime() - row.createdAt.getTime() > STALE_PENDING_MS) {
      const same = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.createdAt, row.createdAt));
      if (!row.outcomes) {
        // Its process died before committing anything: running the request again is safe.
        await db.delete(idempotencyKeys).where(same);
        continue;
      }
      // Its process died after committing, before answering: this retry takes the key over and runs the
      // request with the committed outcomes in place of its writes, so it answers without writing twice.
      const taken = await db.update(idempotencyKeys).set({ createdAt: now }).where(same).returning({ key: idempotencyKeys.key });
      if (taken.length > 0) return { kind: "claimed", recovered: row.outcomes };
      continue;
    }
    if (step >= WAIT_STEPS) throw new AppError(409, "idempotency_in_progress", "相同请求正在处理，请稍后重试 (the same request is still running; retry shortly)");
    await sleep(WAIT_STEP_MS);
  }
}

async function release(db: Database, scope: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/**
 * `Idempotency-Key` on every POST of the API (every create, and every step a phone may queue offline):
 * the same key within 24 hours answers the first success again and runs nothing; the same key with
 * another request is 422. Only a success is kept (or a refusal after a committed write): a refused
 * request changed nothing, so its retry runs again. The key is checked after the session (so it is per account) and before validation (so every
 * route has it, whatever its body). The answer is stored before it leaves, so a connection that drops
 * after the server received the request still finds it on retry.
 */
export function idempotency(app: FastifyInstance): void {
  app.decorateRequest("idempotency", null);
  app.addHook("preValidation", async (request, reply) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || request.method !== "POST" || !request.url.startsWith("/api/") || request.url.startsWith("/api/auth/")) return;
    const key = Array.isArray(header) ? header[0]! : header;
    if (!KEY_PATTERN.test(key)) {
      throw new AppError(400, "validation", "请求参数有误 (invalid Idempotency-Key)", [{ field: "Idempotency-Key", message: "8 to 128 letters, digits or - _ . :" }]);
    }
    const { db, clock } = request.ctx;
    const scope = idempotencyScope(request);
    const found = await claim(db, clock, scope, key, requestFingerprint(request.method, request.url, request.body));
    if (found.kind === "claimed") {
      request.idempotency = { scope, key };
      request.ctx.idempotency = { scope, key, recovered: found.recovered, written: 0 };
      return;
    }
    // Nothing is written: the audit entry of the first request stands for this answer.
    request.ctx.audited = true;
    reply.status(found.statusCode).header("idempotent-replayed", "true");
    if (found.contentType) reply.type(found.contentType);
    return reply.send(found.body);
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    const answered = typeof payload === "string" || Buffer.isBuffer(payload);
    const ok = reply.statusCode >= 200 && reply.statusCode < 300 && answered;
    // A refusal after a committed write is that request's answer too: a retry must not write again.
    const committed = (request.ctx.idempotency?.written ?? 0) > 0 && answered;
    if (!ok && !committed) {
      await release(request.ctx.db, held.scope, held.key);
      return payload;
    }
    const contentType = reply.getHeader("content-type");
    await request.ctx.db
      .update(idempotencyKeys)
      .set({ statusCode: reply.statusCode, contentType: typeof contentType === "string" ? contentType : null, body: (payload as string | Buffer).toString() })
      .where(and(eq(idempotencyKeys.scope, held.scope), eq(idempotencyKeys.key, held.key)));
    return payload;
  });
  // A request that ended without an answer (the handler threw past the error handler) lets its key go,
  // unless it committed a write: then the row stays for the retry to recover.
  app.addHook("onResponse", async (request) => {
    const held = request.idempotency;
    if (!held) return;
    request.idempotency = null;
    if ((request.ctx.idempotency?.written ?? 0) === 0) await release(request.ctx.db, held.scope, held.key);
  });
}

/** Keys older than a day answer nothing any more: the job drops them. */
export async function purgeIdempotencyKeys(db: Database, clock: Clock): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS)));
}
