import type { AddressInfo } from "node:net";
import { createTestContext, seedSmallCity, TEST_PASSWORD } from "../server/test/harness";
import { fromLoadProcess } from "./events";

/**
 * A flood of anonymous public-side requests against the staff's own work: the latency of a staff
 * read with no flood, under a flood with the rate limits on (as in production), and under the same
 * flood with them off. Printed, never asserted.
 */
const FLOOD = Number(process.env.BENCH_FLOOD_REQUESTS ?? 20_000);
const STAFF_REQUESTS = 200;

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function staffLatency(url: string, cookie: string): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < STAFF_REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/orgs/roots`, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`staff request answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function measure(rateLimit: boolean) {
  const t = await createTestContext({ rateLimit, rateLimitLogin: 1_000 });
  try {
    await seedSmallCity(t.db);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "campaign_admin", password: TEST_PASSWORD }) });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const quiet = await staffLatency(url, cookie);
    const flood = fromLoadProcess({ url, concurrency: 64, method: "GET", amount: FLOOD, requests: [{ path: "/api/public/problem-lists?city=testcity", body: "", headers: {} }] });
    // Let the flood reach full strength before the staff start.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const busy = await staffLatency(url, cookie);
    const flooded = await flood;
    return { quiet, busy, flooded, database: t.database.kind };
  } finally {
    await t.close();
  }
}

export async function benchPublicFlood(): Promise<void> {
  console.log(`\n== Staff reads (GET /api/orgs/roots, ${STAFF_REQUESTS} in turn) while one address floods the public side (${FLOOD.toLocaleString("en")} GETs, 64 connections)`);
  console.log(`  ${"".padEnd(40)} ${"staff p50 ms".padStart(13)} ${"staff p99 ms".padStart(13)} ${"flood answered".padStart(15)}`);
  for (const rateLimit of [true, false]) {
    const { quiet, busy, flooded, database } = await measure(rateLimit);
    const answered = Object.entries(flooded.failures).map(([status, n]) => `${n} × ${status}`).join(", ");
    const label = `${database}, rate limits ${rateLimit ? "on" : "off"}`;
    console.log(`  ${`${label}, no flood`.padEnd(40)} ${quiet.p50.toFixed(2).padStart(13)} ${quiet.p99.toFixed(2).padStart(13)}`);
    console.log(`  ${`${label}, flood`.padEnd(40)} ${busy.p50.toFixed(2).padStart(13)} ${busy.p99.toFixed(2).padStart(13)} ${`${flooded.count} × 200${answered ? `, ${answered}` : ""}`.padStart(15)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPublicFlood();
