import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "../db/client";
import type { Config } from "./config";

/**
 * Prometheus metrics of this process (GET /metrics). One registry per process: the group commit, the
 * jobs and the live streams are per process too, so a scrape sees the whole server it asks.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "zhili_" });

const requestDuration = new Histogram({
  name: "zhili_http_request_duration_seconds",
  help: "Time to answer a request, by route pattern (not URL, so ids do not multiply the series), method and status class",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

const writeBatchSize = new Histogram({
  name: "zhili_write_batch_size",
  help: "Writes that shared one transaction (group commit) or one batched statement",
  labelNames: ["kind"] as const,
  buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  registers: [metricsRegistry],
});

const jobRuns = new Counter({ name: "zhili_job_runs_total", help: "Runs of a background job", labelNames: ["job"] as const, registers: [metricsRegistry] });
const jobFailures = new Counter({ name: "zhili_job_failures_total", help: "Runs of a background job that failed", labelNames: ["job"] as const, registers: [metricsRegistry] });

const openStreams = new Gauge({ name: "zhili_sse_streams_open", help: "Server-sent event streams open now (big screens and other live pages)", registers: [metricsRegistry] });

/** Databases of the apps this process serves; their pools are read at scrape time. */
const databases = new Set<Database>();

interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function poolOf(db: Database): PoolLike | null {
  const client = (db as unknown as { $client?: Partial<PoolLike> }).$client;
  return client && typeof client.totalCount === "number" ? (client as PoolLike) : null;
}

function poolGauge(name: string, help: string, read: (pool: PoolLike) => number) {
  return new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    collect() {
      let sum = 0;
      for (const db of databases) {
        const pool = poolOf(db);
        // The embedded database is one connection, always there and never waited for in a pool.
        sum += pool ? read(pool) : name.endsWith("_total") ? 1 : name.endsWith("_idle") ? 1 : 0;
      }
      this.set(sum);
    },
  });
}
poolGauge("zhili_db_pool_connections_total", "Database connections open (PostgreSQL pool; 1 for the embedded database)", (pool) => pool.totalCount);
poolGauge("zhili_db_pool_connections_idle", "Database connections open and idle", (pool) => pool.idleCount);
poolGauge("zhili_db_pool_waiting", "Queries waiting for a free connection", (pool) => pool.waitingCount);

export function observeWriteBatch(kind: "transaction" | "statement", size: number): void {
  writeBatchSize.observe({ kind }, size);
}

export function observeJobRun(job: string, failed: boolean): void {
  jobRuns.inc({ job });
  if (failed) jobFailures.inc({ job });
}

/** Counts a live stream while it is open; call the returned function once when it closes. */
export function streamOpened(): () => void {
  openStreams.inc();
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    openStreams.dec();
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may scrape: with METRICS_TOKEN set, whoever sends `Authorization: Bearer <token>`; without it,
 * only this machine (the socket's own peer address, never a forwarded header, which a client writes).
 */
function mayScrape(request: FastifyRequest, config: Config): boolean {
  if (config.metricsToken) {
    const header = request.headers.authorization ?? "";
    return header.startsWith("Bearer ") && sameToken(header.slice(7), config.metricsToken);
  }
  const peer = request.raw.socket.remoteAddress ?? "";
  return peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
}

export async function metricsPlugin(app: FastifyInstance, options: { db: Database; config: Config }): Promise<void> {
  databases.add(options.db);
  app.addHook("onClose", async () => {
    databases.delete(options.db);
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url;
    // Unrouted paths (static files, probes for what does not exist) are one series, not one per URL.
    requestDuration.observe(
      { method: request.method, route: route ?? "(unrouted)", status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    // Not found rather than forbidden: a caller who may not scrape learns nothing about the endpoint.
    if (!mayScrape(request, options.config)) return reply.status(404).send({ error: { code: "not_found", message: "接口不存在 (no such route)" } });
    return reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
}
