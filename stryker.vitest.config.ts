import { defineConfig } from "vitest/config";

/**
 * The tests StrykerJS runs against each mutant (npm run test:mutation): the ones that guard the files it
 * mutates (stryker.config.mjs), not the whole suite, so a run takes minutes rather than hours.
 * STRYKER_TESTS (comma-separated globs) narrows them when one file is mutated on its own.
 */
const guarding = [
  "server/platform/audit/*.test.ts",
  "server/platform/tree.test.ts",
  "server/platform/write.test.ts",
  // The keyed path of write() and writeBatched (a retried request), which write.test.ts never takes.
  "server/platform/idempotency.test.ts",
  "server/platform/policy.test.ts",
  "server/platform/calendar/calendar-arithmetic.test.ts",
  "server/modules/events/workflow-rules.test.ts",
  "server/modules/problems/rules.test.ts",
  "server/scope-content.test.ts",
  "server/scope-matrix.test.ts",
  "server/modules/problems/state-machine.test.ts",
  "server/modules/problems/figures-by-hand.test.ts",
  "server/modules/events/figures-by-hand.test.ts",
  "server/modules/events/calendar-cache.test.ts",
  "server/modules/events/figure-arithmetic.test.ts",
  "server/modules/problems/figure-arithmetic.test.ts",
  "server/modules/campaign/progress.test.ts",
  "server/modules/campaign/progress-days.test.ts",
  "server/modules/campaign/rates-by-hand.test.ts",
  "server/modules/campaign/rates-edges-by-hand.test.ts",
];

export default defineConfig({
  test: {
    include: process.env.STRYKER_TESTS ? process.env.STRYKER_TESTS.split(",") : guarding,
    environment: "node",
    globalSetup: ["server/test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
