import { openDatabase } from "../server/db/client";
import { ensureDemoCity } from "../server/main";
import { DEFAULT_DEMO_PASSWORD } from "../server/platform/config";

/**
 * The demo city loaded as `npm start` loads it on first start (the city, the campaign, the problem
 * lists and a year of grid events), on PGlite in memory: the foundation asks for under a minute here.
 */
export async function benchDemoLoad(): Promise<void> {
  const handle = await openDatabase({ dataDir: "memory://" });
  try {
    const started = performance.now();
    const demo = await ensureDemoCity(handle, DEFAULT_DEMO_PASSWORD, new Date());
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n== PGlite (in memory): demo city loaded in ${seconds.toFixed(1)} s (${demo.accounts.length} demo accounts; goal: under 60 s)`);
  } finally {
    await handle.close();
  }
}
