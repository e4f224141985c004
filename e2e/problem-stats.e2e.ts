import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * 问题统计: a street cadre opens the statistics tab of the problems section, by node and by responsible
 * unit, in Chinese; a count opens the list of exactly as many problems. Real server, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

/** The total the list says it has, once it has loaded. */
async function listTotal(page: Page): Promise<number> {
  const total = page.locator('[data-testid="list-total"][data-total]');
  await total.first().waitFor();
  return Number(await total.first().getAttribute("data-total"));
}

/** The first count link of the table (its address matching `link`) whose number is above zero: its number and its address. */
async function firstCount(page: Page, link: string): Promise<{ value: number; href: string }> {
  const links = page.locator(`[data-testid="problem-stats-table"] a[data-testid="problem-stats-drill"][href*="${link}"]`);
  await links.first().waitFor();
  for (const link of await links.all()) {
    const value = Number((await link.innerText()).replace(/[^\d]/g, ""));
    if (value > 0) return { value, href: (await link.getAttribute("href"))! };
  }
  throw new Error("no count above zero");
}

describe("problem statistics, as the cadre of 清涧街道", () => {
  it("show the street and its communities, then its responsible units, each count opening as many problems", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    await page.goto(`${baseUrl}/#/problems`);
    await page.getByTestId("problems-tab-stats").click();
    const table = page.getByTestId("problem-stats-table");
    await table.getByText("问题总数").first().waitFor();
    await table.getByText("清涧街道").first().waitFor();
    expect(await page.getByTestId("problem-stats-child").count()).toBeGreaterThan(0);
    await screenshot(page, "e2e-problem-stats-nodes");
    const byNode = await firstCount(page, "figure=problems.");
    await page.goto(`${baseUrl}/${byNode.href}`);
    expect(await listTotal(page)).toBe(byNode.value);

    await page.goto(`${baseUrl}/#/problems/stats`);
    await page.getByText("按责任单位").click();
    const byUnit = await firstCount(page, "responsible=");
    await screenshot(page, "e2e-problem-stats-units");
    await page.goto(`${baseUrl}/${byUnit.href}`);
    expect(await listTotal(page)).toBe(byUnit.value);
    await page.getByText("责任单位：").first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
