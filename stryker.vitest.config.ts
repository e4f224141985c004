import { defineConfig } from "vitest/config";

/**
 * The tests StrykerJS runs against each mutant (npm run test:mutation): the ones that guard the files it
 * mutates (stryker.config.mjs), not the whole suite, so a run takes minutes rather than hours.
 */
export default defineConfig({
  test: {
    include: [
      "server/platform/audit/*.test.ts",
      "server/platform/tree.test.ts",
      "server/scope-content.test.ts",
      "server/scope-matrix.test.ts",
      "server/modules/problems/state-machine.test.ts",
      "server/modules/problems/figures-by-hand.test.ts",
    ],
    environment: "node",
    globalSetup: ["server/test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
