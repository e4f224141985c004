import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { pickExport } from "./web/vite.config";

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "server",
          include: ["server/**/*.test.ts", "shared/**/*.test.ts"],
          environment: "node",
          globalSetup: ["server/test/global-setup.ts"],
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        plugins: [react(), pickExport()],
        test: {
          name: "web",
          include: ["web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["web/src/test-setup.ts"],
          // Rendering antd under jsdom takes seconds on a busy two-core machine; the default 5 s failed tests that were only slow.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
