import type { ModuleManifest } from "../../platform/modules";
import { checkEveryCity } from "./contracts";
import { ledgerFigures } from "./figures";
import { rectification } from "./indicators";
import { ledgerRoutes } from "./routes";

/** Village collective ledgers (清化收): contracts and their rule checks, debts, income, pairing, cooperatives. */
export const ledgersModule: ModuleManifest = {
  name: "ledgers",
  routes: ledgerRoutes,
  // Expiry and arrears move with the calendar: the rules run again over every contract each day.
  jobs: [{ name: "ledgers.check", everyMs: 24 * 3_600_000, run: (env) => checkEveryCity(env) }],
  figures: [ledgerFigures],
  indicators: [rectification],
  demo: { load: async (db, demo) => (await import("../../demo/ledgers")).loadDemoLedgers(db, demo) },
};
