import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, startDemoServer } from "./browser";

/**
 * The demo server and a browser for one test file: started before its tests (then `ready` receives
 * them), closed after them. A file with more to prepare adds its own beforeAll after this call.
 */
export function useDemo(ready: (demo: { baseUrl: string; browser: Browser }) => void): void {
  let stop: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const server = await startDemoServer();
    stop = server.close;
    browser = await launchChromium();
    ready({ baseUrl: server.url, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });
}
