import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * The phone lists at 360 px: problems, events (the grid worker's reports), visits and households are
 * cards, each showing what the list is for (status, light, deadline) inside the screen, and the page
 * never scrolls sideways.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;
useDemo((demo) => ({ baseUrl, browser } = demo));

async function onPhone(username: string, path: string, card: string, inside: string[], shot: string) {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  await signIn(await desk.newPage(), baseUrl, username, password);
  const storageState = await desk.storageState();
  await desk.close();
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", storageState });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl}/#${path}`);
  const first = page.locator(`[data-testid="${card}"]`).first();
  await first.waitFor();
  expect(await page.locator("table").count()).toBe(0);
  for (const part of inside) {
    const box = (await first.locator(part).first().boundingBox())!;
    expect([part, box.x >= 0 && box.x + box.width <= 360]).toEqual([part, true]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, shot);
  expect(errors).toEqual([]);
  await context.close();
}

describe("phone lists as cards at 360 px", () => {
  it("shows a village secretary's problems with status, light and deadline", async () => {
    await onPhone("secretary.t02-v001", "/problems", "problem-card", [".ant-tag", '[data-testid="problem-card-when"]', '[data-testid="problem-open"]'], "e2e-cards-problems");
  });

  it("shows a grid worker's events with stage, light and deadline", async () => {
    await onPhone("grid.worker1", "/events", "event-card", ['[data-testid="event-stage"]', '[data-testid="event-card-due"]'], "e2e-cards-events");
  });

  it("shows a township cadre's visits with the day", async () => {
    await onPhone("cadre.qingjian", "/pairing/visits", "visit-card", ['[data-testid="visit-card-when"]'], "e2e-cards-visits");
  });

  it("shows a village secretary's households", async () => {
    await onPhone("secretary.t02-v001", "/households", "household-card", ['[data-testid="household-open"]', '[data-testid="household-card-when"]'], "e2e-cards-households");
  });
});
