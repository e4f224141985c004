/**
 * Loads the demo city into the database the environment names (DATABASE_URL, else the PGlite folder
 * DATA_DIR, default ./data) unless it is already there:
 *   node --import tsx server/demo/load.ts
 * It goes through the server's own ensureDemoCity, so the load is audited exactly as at start-up.
 */
import { openDatabase } from "../db/client";
import { ensureDemoCity } from "../main";
import { configFromEnv } from "../platform/config";

async function main(): Promise<void> {
  const config = configFromEnv();
  const where = config.databaseUrl ? "PostgreSQL" : `PGlite (${config.dataDir})`;
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const started = performance.now();
    const demo = await ensureDemoCity(database, config.demoPassword, new Date());
    if (!demo.loaded) {
      console.log(`The demo city 河津市 (hejin) is already in ${where}: nothing loaded.`);
      return;
    }
    console.log(`Loaded the demo city 河津市 (hejin) into ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    // Never echo a password that came from the environment; the default one is public anyway.
    const password = config.demoPassword === process.env.DEMO_PASSWORD ? "the DEMO_PASSWORD" : `"${config.demoPassword}"`;
    console.log(`Accounts (all with password ${password}):`);
    for (const account of demo.accounts) {
      console.log(`  ${account.username.padEnd(20)} ${account.role.padEnd(20)} ${account.nodeName ?? "(every city)"}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
