import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Browser tests: e2e/**\/*.e2e.ts, one file at a time in a single forked worker (each file starts
 * the real server in-process on a copy of the demo city that demo-setup.ts generates once, and a
 * headless Chromium), with long timeouts.
 * Run with `npm run test:e2e` (builds web/dist first: the server serves it).
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/demo-setup.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // A poll waits for the server's answer and the page's redraw: 1 s (vitest's default) is too short on a busy 2-core machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
