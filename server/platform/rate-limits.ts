import { createHash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "./config";

/**
 * Rate limits on what anyone may call without an account: the sign-in, the residents' public side and
 * Open311, per client address (TRUST_PROXY decides what that is) and, for Open311, per API key as
 * well. Staff requests are never counted, so a flood of public requests is refused cheaply (before
 * its body is read or a query runs) and leaves the staff's requests their share of the server.
 * An answer over the limit is 429 with Retry-After, in the platform's error shape or, on Open311, the
 * spec's list of errors.
 */
type Limiter = ReturnType<FastifyInstance["createRateLimit"]>;
type Limit = Extract<Awaited<ReturnType<Limiter>>, { isAllowed: false }>;

const WINDOW_MS = 60_000;

export async function rateLimits(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, { global: false });
  if (!config.rateLimit) return;
  const limiter = (name: string, max: number, key: (request: FastifyRequest) => string) =>
    app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: (request) => `${name}:${key(request)}` });
  const byAddress = (request: FastifyRequest) => request.ip;
  const signIn = limiter("login", config.rateLimitLogin, byAddress);
  const publicSide = limiter("public", config.rateLimitPublic, byAddress);
  const open311 = limiter("open311", config.rateLimitOpen311, byAddress);
  const open311Key = limiter("apikey", config.rateLimitApiKey, (request) => createHash("sha256").update(apiKeyOf(request) ?? "").digest("hex"));

  app.addHook("onRequest", async (request, reply) => {
    const url = request.url;
    const check = url.startsWith("/api/public/") ? publicSide : url.startsWith("/open311/") ? open311 : url.split("?")[0] === "/api/auth/login" ? signIn : null;
    if (!check) return;
    const limit = await check(request);
    if (!limit.isAllowed && limit.isExceeded) return refuse(request, reply, limit);
  });
  // The key may come in a form body, so it is counted once the body is read.
  app.addHook("preValidation", async (request, reply) => {
    if (!request.url.startsWith("/open311/") || !apiKeyOf(request)) return;
    const limit = await open311Key(request);
    if (!limit.isAllowed && limit.isExceeded) return refuse(request, reply, limit);
  });
}

function apiKeyOf(request: FastifyRequest): string | null {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.api_key;
  const fromBody = request.body && typeof request.body === "object" ? (request.body as Record<string, unknown>).api_key : undefined;
  const key = typeof fromQuery === "string" ? fromQuery : typeof fromBody === "string" ? fromBody : null;
  return key || null;
}

function refuse(request: FastifyRequest, reply: FastifyReply, limit: Limit) {
  const seconds = Math.max(1, limit.ttlInSeconds);
  reply.code(429).header("retry-after", String(seconds));
  const message = `请求过于频繁，请 ${seconds} 秒后再试 (too many requests; retry after ${seconds} s)`;
  if (!request.url.startsWith("/open311/")) return reply.send({ error: { code: "rate_limited", message } });
  // Open311 answers errors as the spec's list, in the format the resource asked for.
  if (/\.json(\?|$)/.test(request.url)) return reply.type("application/json; charset=utf-8").send(JSON.stringify([{ code: 429, description: message }]));
  return reply
    .type("text/xml; charset=utf-8")
    .send(`<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>429</code><description>${message}</description></error></errors>`);
}
