import { rmSync } from "node:fs";
import { startServer } from "../server/main";
import { DEMO_DATA_DIR } from "./browser";

/**
 * Generates the demo city once per run into a PGlite data folder; each test file then starts the
 * server on a copy of it (startDemoServer) instead of generating the city again.
 */
export default async function setup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return;
  rmSync(DEMO_DATA_DIR, { recursive: true, force: true });
  const server = await startServer({ port: 0, host: "127.0.0.1", dataDir: DEMO_DATA_DIR, demo: true, serveWeb: false, logger: false });
  await server.close();
}
