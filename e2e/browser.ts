import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startServer } from "../server/main";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
/** Screenshots land here (git-ignored) so a person can look at them. */
export const shotsDir = join(repoRoot, ".tmp");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The demo city's data folder, generated once per run by e2e/demo-setup.ts. */
export const DEMO_DATA_DIR = join(repoRoot, ".tmp", "e2e-demo");

/**
 * The real server in-process on its own copy of the demo city (a file's changes stay its own), or the
 * server at E2E_BASE_URL when one is given.
 */
export async function startDemoServer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.E2E_BASE_URL) return { url: process.env.E2E_BASE_URL, close: async () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), "zhili-e2e-"));
  cpSync(DEMO_DATA_DIR, dataDir, { recursive: true });
  const server = await startServer({ port: 0, host: "127.0.0.1", dataDir, demo: true, serveWeb: true, logger: false });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium, headless, as root. `launch` gives every run a fresh temporary profile
 * (user-data dir) that Playwright deletes on close; it refuses a --user-data-dir argument.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(shotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Uncaught errors in the page, to assert there were none. A Content-Security-Policy violation counts
 * as one: the page reports it to the console, so a script or style the CSP blocks fails the test.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  // Commands reach the browser in order, so the listener is in place before the test's next navigation.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 40[134]/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("user-menu").waitFor();
}

/** A person signed in on a page of their own (a fresh context each: one browser, several people), with the page's errors collected. */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, baseUrl, username, password);
  return { context, page, errors };
}

/** Calls the API from the signed-in page, with its session cookie and CSRF token, for a story's setup and checks. */
export async function pageApi<T>(page: Page, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const response = await fetch(path, { method, headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: await response.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}
