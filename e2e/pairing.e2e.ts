import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * Household pairing (包村联户) in the browser: the township cadre of 清涧街道 (cadre.qingjian) opens
 * their households on a 360×740 phone, logs a visit to one still due this quarter and raises a
 * conflict entry from it; the register shows the entry, and the township's coverage page counts the
 * household as visited; the visits list shows it and reveals its notes. Real server, in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

describe("pairing: a visit on the phone → a register entry → the township's coverage", () => {
  it("a township cadre logs a visit at 360 × 740, raises a conflict, and the coverage page counts the household", async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const deskPage = await desk.newPage();
    await signIn(deskPage, baseUrl, "cadre.qingjian", password);
    const me = (await (await deskPage.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    const township = me.roles[0]!.nodeId!;
    const before = (await (await deskPage.request.get(`${baseUrl}/api/pairing/coverage?org=${township}`)).json()) as { visited: number };
    const storageState = await desk.storageState();

    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      storageState,
      geolocation: { longitude: 110.71, latitude: 35.6, accuracy: 15 },
      permissions: ["geolocation"],
    });
    const page = await phone.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/#/pairing`);
    await page.getByTestId("my-households").waitFor();
    // A household still due this quarter: its visit is what moves the township's coverage.
    const due = page.getByTestId("my-household").filter({ has: page.locator('[data-testid="visit-state"]', { hasText: "待走访" }) }).first();
    const householdId = Number(await due.getAttribute("data-household-id"));
    expect(householdId).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "e2e-pairing-households-phone");

    await due.getByTestId("visit-button").click();
    await page.getByTestId("visit-page").waitFor();
    await page.getByTestId("visit-met").fill("户主及其老伴");
    await page.getByTestId("visit-findings").fill("反映与邻居因院墙排水问题多次争吵");
    await page.getByTestId("raise-conflict").click();
    await page.getByTestId("conflict-kind").selectOption({ label: "邻里纠纷" });
    const summary = `院墙排水引发邻里争执 ${Date.now() % 100000}`;
    await page.getByTestId("conflict-summary").fill(summary);
    await page.getByTestId("conflict-parties").fill("薛建国与王志明");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "e2e-pairing-visit-phone");
    await page.getByTestId("visit-submit").click();
    await page.getByTestId("visit-saved").waitFor();

    await page.getByTestId("visit-conflict-link").click();
    await page.getByTestId("conflict-page").waitFor();
    expect(await page.getByTestId("conflict-page").innerText()).toContain(summary);
    // The parties are masked in the register.
    expect(await page.getByTestId("conflict-parties").innerText()).not.toContain("建国");
    await screenshot(page, "e2e-pairing-conflict-phone");
    expect(errors).toEqual([]);
    await phone.close();

    await deskPage.goto(`${baseUrl}/#/pairing/coverage?org=${township}`);
    await deskPage.getByTestId("coverage-map").waitFor();
    await deskPage.locator(`[data-testid="coverage-visited"][data-value="${before.visited + 1}"]`).waitFor();
    const pairings = (await (await deskPage.request.get(`${baseUrl}/api/pairings?household=${householdId}`)).json()) as { items: { lastVisitOn: string | null }[] };
    expect(pairings.items.some((item) => item.lastVisitOn !== null)).toBe(true);
    await screenshot(deskPage, "e2e-pairing-coverage");

    // The visit is in the township's visits list; its notes read whole only through the audited reveal.
    await deskPage.goto(`${baseUrl}/#/pairing/visits?org=${township}`);
    const row = deskPage.getByTestId("visits-table").locator("tr", { hasText: "院墙排水" }).first();
    await row.waitFor();
    await row.getByTestId("visit-reveal").click();
    expect(await deskPage.getByTestId("visit-revealed-findings").innerText()).toContain("反映与邻居因院墙排水问题多次争吵");
    await screenshot(deskPage, "e2e-pairing-visit-revealed");
    await desk.close();
  });
});
