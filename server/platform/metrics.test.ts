import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type SmallCity, type TestContext } from "../test/harness";
import { startJobs } from "./jobs";
import { streamOpened } from "./metrics";

/** GET /metrics: what an operator's Prometheus scrapes, and who may scrape it. */
let t: TestContext;
let guarded: TestContext;
let city: SmallCity;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  guarded = await createTestContext({ metricsToken: "s3cret-token" });
});
afterAll(async () => {
  await t.close();
  await guarded.close();
});

async function scrape(): Promise<string> {
  const response = await t.app.inject({ method: "GET", url: "/metrics" });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toContain("text/plain");
  return response.body;
}

/** The value of one series, e.g. value(text, 'zhili_job_runs_total{job="x"}'); 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /metrics", () => {
  it("counts requests per route pattern with their latency, not per URL", async () => {
    const before = await scrape();
    const series = 'zhili_http_request_duration_seconds_count{method="GET",route="/api/orgs/:id",status="4xx"}';
    const admin = await t.login("campaign_admin");
    // Two different ids, one route pattern: an unknown id answers 404.
    await admin.get("/api/orgs/999999");
    await admin.get("/api/orgs/999998");
    const after = await scrape();
    expect(value(after, series) - value(before, series)).toBe(2);
    expect(after).not.toContain("/api/orgs/999999");
    expect(after).toMatch(/zhili_http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/api\/orgs\/:id",status="4xx"\} \d+/);
  });

  it("shows the group commit's batch sizes: concurrent writes are counted once each", async () => {
    const secretary = await t.login("village_secretary");
    const before = await scrape();
    const sum = 'zhili_write_batch_size_sum{kind="transaction"}';
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => secretary.post("/api/persons", { nodeId: city.nodes.get("T1V1G1M1")!.id, name: `指标${i}`, gender: "F" })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(12).fill(201));
    const after = await scrape();
    expect(value(after, sum) - value(before, sum)).toBe(12);
    // Fewer transactions than writes would show batching; at least one batch was taken.
    expect(value(after, 'zhili_write_batch_size_count{kind="transaction"}')).toBeGreaterThan(value(before, 'zhili_write_batch_size_count{kind="transaction"}'));
  });

  it("counts job runs and failures by job", async () => {
    let runs = 0;
    const runner = startJobs(
      [
        { name: "metrics.ok", everyMs: 1, run: async () => runs++ },
        {
          name: "metrics.fails",
          everyMs: 1,
          run: async () => {
            throw new Error("boom");
          },
        },
      ],
      () => {},
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    await runner.stop();
    const text = await scrape();
    expect(value(text, 'zhili_job_runs_total{job="metrics.ok"}')).toBe(runs);
    expect(runs).toBeGreaterThan(0);
    expect(value(text, 'zhili_job_failures_total{job="metrics.ok"}')).toBe(0);
    expect(value(text, 'zhili_job_failures_total{job="metrics.fails"}')).toBe(value(text, 'zhili_job_runs_total{job="metrics.fails"}'));
    expect(value(text, 'zhili_job_failures_total{job="metrics.fails"}')).toBeGreaterThan(0);
  });

  it("shows open streams and the database pool", async () => {
    const base = value(await scrape(), "zhili_sse_streams_open");
    const close = streamOpened();
    expect(value(await scrape(), "zhili_sse_streams_open")).toBe(base + 1);
    close();
    close();
    expect(value(await scrape(), "zhili_sse_streams_open")).toBe(base);
    expect(value(await scrape(), "zhili_db_pool_connections_total")).toBeGreaterThanOrEqual(1);
    expect(await scrape()).toContain("zhili_db_pool_waiting");
  });

  it("answers only this machine without a token, and only the bearer of METRICS_TOKEN with one", async () => {
    expect((await t.app.inject({ method: "GET", url: "/metrics", remoteAddress: "10.1.2.3" })).statusCode).toBe(404);
    expect((await guarded.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(404);
    expect((await guarded.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer wrong-token!" } })).statusCode).toBe(404);
    const ok = await guarded.app.inject({ method: "GET", url: "/metrics", remoteAddress: "10.1.2.3", headers: { authorization: "Bearer s3cret-token" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("zhili_http_request_duration_seconds");
  });
});
