/**
 * Mutation testing (npm run test:mutation): StrykerJS changes the code that guards people's data and the
 * city's numbers, one mutant at a time, and counts the mutants the tests kill. Not part of npm test (it
 * takes minutes); the score per file is printed and written to reports/mutation/.
 */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "stryker.vitest.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [
    "server/platform/audit/chain.ts",
    "server/platform/tree.ts",
    "server/platform/policy.ts",
    "server/platform/write.ts",
    "server/platform/calendar/calendar.ts",
    "server/modules/events/deadlines.ts",
    "server/modules/events/stages.ts",
    // The problem state machine's table and status groups.
    "shared/schemas/problems.ts:76-93",
    // The figure sources' arithmetic (docs/mutations.md): the counts themselves are SQL, which StrykerJS cannot
    // mutate; the by-hand tests pin them. Line ranges: the rates and counts of events, the problems' figures, a
    // figure's rate; the campaign's progress, light and days.
    "server/modules/events/stats.ts:30-66",
    "server/modules/events/stats.ts:88-112",
    "server/modules/problems/service.ts:503-520",
    "shared/figures.ts:207-212",
    "server/modules/campaign/progress.ts",
    // The campaign's rates per unit and per leader and their ranking.
    "server/modules/campaign/overview.ts:105-133",
  ],
  // A module-level mutant (a constant, a table) needs every test file re-run: hours; they are reported as ignored.
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: ".tmp/stryker",
};
