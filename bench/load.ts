import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * The event benchmark's load generator, run as a process of its own: it takes one job over IPC,
 * sends the reports with autocannon and answers with what it measured and the CPU it spent.
 */

export interface LoadRequest {
  path: string;
  body: string;
  /** Signed-in staff carry the session cookie and its CSRF token; residents on the public side carry none. */
  headers: Record<string, string>;
}
export interface LoadJob {
  url: string;
  concurrency: number;
  requests: LoadRequest[];
  /** POST unless a job reads (a flood of public GETs). */
  method?: "GET" | "POST";
  /** How many requests in all; the prepared ones in turn. Defaults to one each. */
  amount?: number;
}
export interface Measured {
  elapsedMs: number;
  count: number;
  p50: number;
  p99: number;
  /** autocannon's nearest percentile at or above p95 (the reads' targets name p95). */
  p97_5?: number;
  failures: Record<string, number>;
}

/** What the bench uses of autocannon, which ships without type declarations. */
interface AutocannonResult {
  latency: { p50: number; p97_5: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
}
interface Autocannon {
  (options: {
    url: string;
    connections: number;
    amount: number;
    requests: { method: "GET" | "POST"; setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }[];
  }): Promise<AutocannonResult> & { on(event: "response", listener: () => void): void };
}

/** The load generator: autocannon with `concurrency` connections, each request one of the prepared reports in turn. */
export async function drive(job: LoadJob): Promise<Measured> {
  const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
  let next = 0;
  const started = performance.now();
  let lastResponse = started;
  const run = autocannon({
    url: job.url,
    connections: job.concurrency,
    amount: job.amount ?? job.requests.length,
    requests: [
      {
        method: job.method ?? "POST",
        setupRequest: (request) => {
          const report = job.requests[next++ % job.requests.length]!;
          if (job.method === "GET") return { ...request, path: report.path, headers: report.headers };
          return { ...request, path: report.path, headers: { "content-type": "application/json", ...report.headers }, body: report.body };
        },
      },
    ],
  });
  run.on("response", () => {
    lastResponse = performance.now();
  });
  const result = await run;
  // Up to the last answer: autocannon notices it is done, and times itself, only on its one-second ticks.
  const elapsedMs = lastResponse - started;
  const failures: Record<string, number> = {};
  let count = 0;
  for (const [status, { count: n }] of Object.entries(result.statusCodeStats)) {
    if (status.startsWith("2")) count += n;
    else failures[status] = n;
  }
  if (result.errors) failures.connection = result.errors;
  return { elapsedMs, count, p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, failures };
}

if (process.send && import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.once("message", (job: LoadJob) => {
    const cpu = process.cpuUsage();
    void drive(job).then((measured) => {
      const used = process.cpuUsage(cpu);
      process.send!({ ...measured, loadCpuMs: (used.user + used.system) / 1000 });
    });
  });
}
