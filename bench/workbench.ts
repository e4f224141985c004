import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { roles, type RoleName } from "../shared/permissions";
import { buildApp } from "../server/app";
import { openDatabase } from "../server/db/client";
import { ManualClock } from "../server/platform/clock";
import { configFromEnv, DEFAULT_DEMO_PASSWORD } from "../server/platform/config";
import { ensureDemoCity } from "../server/main";
import { WORKBENCH_TTL_MS } from "../server/modules/workbench/cache";

/**
 * GET /api/workbench for each demo role (its first demo account) on PGlite at demo scale, one request
 * at a time: "built" moves the server's clock past the cache's lifetime before each request, so every
 * answer is the dozen list queries; "kept" asks again within it. Figures printed, never asserted.
 * BENCH_WORKBENCH_REQUESTS sets the requests per role and kind (20).
 */
const REQUESTS = Number(process.env.BENCH_WORKBENCH_REQUESTS ?? 20);

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

export async function benchWorkbench(): Promise<void> {
  const started = performance.now();
  const handle = await openDatabase({ dataDir: "memory://" });
  const clock = new ManualClock(new Date());
  const demo = await ensureDemoCity(handle, DEFAULT_DEMO_PASSWORD, clock.now());
  console.log(`\n== PGlite, the demo city (${((performance.now() - started) / 1000).toFixed(0)} s to load): GET /api/workbench, ${REQUESTS} requests a role, one at a time`);
  const config = configFromEnv({}, { demo: false, serveWeb: false, logLevel: "error", rateLimit: false });
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, config, logger: false, clock });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    console.log(`  ${"role".padEnd(20)} ${"account".padEnd(22)} ${"sections".padStart(8)} ${"built p50".padStart(10)} ${"p95 ms".padStart(7)} ${"kept p50".padStart(9)} ${"p95 ms".padStart(7)}`);
    for (const role of Object.keys(roles) as RoleName[]) {
      const account = demo.accounts.find((candidate) => candidate.role === role);
      if (!account || roles[role].system) continue;
      const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: account.username, password: DEFAULT_DEMO_PASSWORD }) });
      if (!login.ok) throw new Error(`bench sign-in of ${account.username}: ${login.status}`);
      const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const ask = async () => {
        const t0 = performance.now();
        const response = await fetch(`${url}/api/workbench`, { headers: { cookie } });
        const body = (await response.json()) as { sections?: unknown[] };
        if (!response.ok) throw new Error(`GET /api/workbench as ${account.username}: ${response.status}`);
        return { ms: performance.now() - t0, sections: body.sections?.length ?? 0 };
      };
      const built: number[] = [];
      const kept: number[] = [];
      let sections = 0;
      for (let n = 0; n < REQUESTS; n++) {
        clock.advance(WORKBENCH_TTL_MS + 1);
        const answer = await ask();
        built.push(answer.ms);
        sections = answer.sections;
        kept.push((await ask()).ms);
      }
      built.sort((a, b) => a - b);
      kept.sort((a, b) => a - b);
      const ms = (value: number, width: number) => value.toFixed(1).padStart(width);
      console.log(
        `  ${role.padEnd(20)} ${account.username.padEnd(22)} ${String(sections).padStart(8)} ${ms(percentile(built, 0.5), 10)} ${ms(percentile(built, 0.95), 7)} ${ms(percentile(kept, 0.5), 9)} ${ms(percentile(kept, 0.95), 7)}`,
      );
    }
  } finally {
    await app.close();
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchWorkbench();
