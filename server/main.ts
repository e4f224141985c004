import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import { openDatabase, type DatabaseHandle } from "./db/client";
import { systemClock, type Clock } from "./platform/clock";
import { configFromEnv, type Config } from "./platform/config";
import { recordAudit, sealAuditChain } from "./platform/audit/service";
import { purgeIdempotencyKeys } from "./platform/idempotency";
import { startJobs, type Job } from "./platform/jobs";
import type { ModuleManifest } from "./platform/modules";
import { cityIdByCode } from "./platform/tree";
import { modules as allModules } from "./modules";

export interface StartOptions extends Partial<Config> {
  clock?: Clock;
  logger?: boolean;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  demoAccounts: { username: string; role: string; nodeName: string | null }[];
  close(): Promise<void>;
}

export const DEMO_CITY_CODE = "hejin";

/**
 * Loads the demo city once: on a database that already holds it, nothing happens. The tree, people
 * and accounts first, then each module's demo part in the order of the module list.
 */
export async function ensureDemoCity(database: DatabaseHandle, password: string, now: Date, modules: readonly ModuleManifest[] = allModules) {
  if (await cityIdByCode(database.db, DEMO_CITY_CODE)) return { loaded: false, accounts: [] };
  const { loadDemoCity } = await import("./demo/generate");
  const started = Date.now();
  const result = await loadDemoCity(database.db, { password, now });
  for (const manifest of modules) await manifest.demo?.load(database.db, { cityId: result.cityId, now });
  await database.db.transaction(async (tx) => {
    await recordAudit(tx, { at: now, actorUserId: null, actorUsername: "system", ip: null }, [
      { action: "demo.load", entity: "city", entityId: result.cityId, cityId: result.cityId, after: { accounts: result.accounts.length, ms: Date.now() - started } },
    ]);
  });
  return { loaded: true, accounts: result.accounts };
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { clock, logger, ...overrides } = options;
  const config = configFromEnv(process.env, overrides);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const demo = config.demo ? await ensureDemoCity(database, config.demoPassword, (clock ?? { now: () => new Date() }).now()) : { loaded: false, accounts: [] };
    const app = await buildApp({ db: database.db, databaseKind: database.kind, config, clock, logger });
    const env = { db: database.db, clock: clock ?? systemClock, config, modules: app.modules };
    const jobs: Job[] = [
      { name: "audit.seal", everyMs: config.auditSealMs, run: () => sealAuditChain(database.db) },
      { name: "idempotency.purge", everyMs: 3_600_000, run: () => purgeIdempotencyKeys(database.db, env.clock) },
      ...app.modules.manifests.flatMap((manifest) =>
        (manifest.jobs ?? []).map((job) => ({ name: job.name, everyMs: typeof job.everyMs === "number" ? job.everyMs : job.everyMs(config), run: () => job.run(env) })),
      ),
    ];
    const runner = startJobs(jobs, (message, error) => app.log.error({ err: error instanceof Error ? error.message : String(error) }, message));
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace("0.0.0.0", "127.0.0.1").replace("[::]", "127.0.0.1");
    return {
      url,
      app,
      database,
      demoAccounts: demo.accounts,
      close: async () => {
        await runner.stop();
        await app.close();
        await sealAuditChain(database.db);
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function main(): Promise<void> {
  const server = await startServer({ logger: true });
  const config = configFromEnv();
  console.log(`\nzhili 治理 is running on ${server.database.kind === "pglite" ? `PGlite (${config.dataDir})` : "PostgreSQL"}`);
  console.log(`  web:  ${server.url}/`);
  console.log(`  API:  ${server.url}/docs`);
  if (config.demo) console.log(`  demo sign-in: admin.office / ${config.demoPassword === process.env.DEMO_PASSWORD ? "(DEMO_PASSWORD)" : config.demoPassword}  (all demo accounts are in README.md)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
