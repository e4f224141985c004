import { describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * Grid events (网格事件) in the browser: a grid worker (grid.worker1) reports from a 360×740 phone
 * with the device's location inside their grid and a photo; the township cadre (cadre.qingjian)
 * registers and dispatches it to a suggested department; the department handler (dept.handler)
 * signs for it and feeds back; the cadre checks and closes it; the map shows it. Real server,
 * in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

function desktopContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
}

/** Refused steps (409) and refused input (400) may be part of the story: their failed loads are not page errors. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of 40[09]/.test(e));
}

type Ring = [number, number][];
interface Feature {
  properties: { id: number; name: string };
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

/** The mean of a polygon's outer ring (without the closing vertex): inside any convex shape. */
function centroid(feature: Feature): { longitude: number; latitude: number } {
  const ring = feature.geometry.type === "Polygon" ? feature.geometry.coordinates[0]! : feature.geometry.coordinates[0]![0]!;
  const points = ring.slice(0, -1);
  const sum = points.reduce((acc, [lon, lat]) => [acc[0] + lon, acc[1] + lat], [0, 0]);
  return { longitude: sum[0] / points.length, latitude: sum[1] / points.length };
}

/** A tiny real PNG (the server checks the bytes, not the name). */
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f2b1a40000000049454e44ae426082",
  "hex",
);

async function openEvent(page: Page, id: number): Promise<void> {
  await page.goto(`${baseUrl}/#/events/${id}`);
  await page.locator(`[data-testid="event-page"][data-event-id="${id}"]`).waitFor();
}

async function act(page: Page, action: string, fill?: (modal: ReturnType<Page["getByTestId"]>) => Promise<void>): Promise<void> {
  const before = await page.getByTestId("event-page").getAttribute("data-version");
  await page.getByTestId(`action-${action}`).click();
  // The dialog (antd's where the action picks from lists, the light one where it asks for words) is open once its confirm button shows.
  await page.getByTestId("action-confirm").waitFor();
  if (fill) await fill(page.getByTestId("action-modal"));
  await page.getByTestId("action-confirm").click();
  await page.locator(`[data-testid="event-page"]:not([data-version="${before}"])`).waitFor();
}

async function stageOf(page: Page): Promise<string | null> {
  return page.getByTestId("event-page").getAttribute("data-stage");
}

describe("events: report on a phone → register → dispatch → handle → close → the map", () => {
  let eventId = 0;
  let gridId = 0;
  let point = { longitude: 0, latitude: 0 };
  const description = `井盖破损，行人易绊倒 ${Date.now() % 100000}`;

  it("a grid worker reports from a 360 px phone with the device's location and a photo", async () => {
    // Where the worker stands: the first micro-grid of their grid (GET /api/grids.geojson?org=<grid>).
    const probe = await desktopContext();
    const probePage = await probe.newPage();
    await signIn(probePage, baseUrl, "grid.worker1", password);
    const me = (await (await probePage.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    gridId = me.roles[0]!.nodeId!;
    const shapes = (await (await probePage.request.get(`${baseUrl}/api/grids.geojson?org=${gridId}`)).json()) as { features: Feature[] };
    expect(shapes.features.length).toBeGreaterThan(0);
    point = centroid(shapes.features[0]!);
    // A type two departments' functions cover, so that registering leaves the dispatch to the cadre.
    const types = (await (await probePage.request.get(`${baseUrl}/api/event-types`)).json()) as { items: { name: string; retired: boolean; functions: unknown[] }[] };
    const shared = types.items.find((t) => !t.retired && t.functions.length >= 2);
    expect(shared).toBeDefined();
    const typeName = shared!.name;
    const storageState = await probe.storageState();
    await probe.close();

    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      storageState,
      geolocation: { ...point, accuracy: 15 },
      permissions: ["geolocation"],
    });
    const page = await phone.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/#/events/report`);
    await page.getByTestId("report-page").waitFor();
    await page.locator('[data-testid="report-location"][data-located="true"]').waitFor();

    await page.getByTestId("report-type").selectOption({ label: typeName });
    await page.getByTestId("report-urgency").getByText("紧急").click();
    await page.getByTestId("report-description").fill(description);
    await page.getByTestId("report-photo").setInputFiles({ name: "scene.png", mimeType: "image/png", buffer: png });
    await page.getByTestId("report-photo-preview").waitFor();
    // Nothing spills sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "e2e-events-report-phone");

    await page.getByTestId("report-submit").click();
    await page.getByTestId("report-accepted").waitFor();
    eventId = Number(await page.getByTestId("report-accepted").getAttribute("data-event-id"));
    expect(eventId).toBeGreaterThan(0);
    expect(await page.getByTestId("report-code").innerText()).toMatch(/SJ\d{8}\d{6}/);
    expect(await page.getByTestId("report-node").innerText()).toContain(shapes.features[0]!.properties.name);
    await screenshot(page, "e2e-events-report-done");

    // The case as the worker sees it: reported, with its photo and the registration timer.
    await page.getByTestId("report-open").click();
    await page.locator(`[data-testid="event-page"][data-event-id="${eventId}"]`).waitFor();
    expect(await stageOf(page)).toBe("reported");
    expect(await page.getByTestId("event-description").innerText()).toBe(description);
    await page.getByTestId("event-timer").waitFor();
    expect(await page.getByTestId("event-actions").locator("button").count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await phone.close();
  });

  it("the township cadre registers it and dispatches it to a suggested department", async () => {
    const context = await desktopContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    await openEvent(page, eventId);
    expect(await page.getByTestId("action-accept").count()).toBe(0);
    expect(await page.getByTestId("event-stage").first().innerText()).toBe("待受理");
    await act(page, "register");
    // Two departments' functions cover the type: registering leaves the choice to the cadre.
    expect(await stageOf(page)).toBe("dispatching");
    expect(await page.getByTestId("event-stage").first().innerText()).toBe("待派遣");
    await page.getByTestId("event-suggestions").waitFor();
    await act(page, "dispatch");
    expect(await stageOf(page)).toBe("dispatched");
    expect(await page.getByTestId("event-stage").first().innerText()).toBe("已派遣");
    expect(await page.getByTestId("event-step").count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "e2e-events-dispatched");

    // A second, stale attempt at the same step is refused by the server and said so plainly.
    const stale = await page.request.post(`${baseUrl}/api/events/${eventId}/register`, {
      data: { version: 1 },
      headers: { "x-csrf-token": await page.evaluate(async () => ((await (await fetch("/api/auth/me")).json()) as { csrfToken: string }).csrfToken) },
    });
    expect(stale.status()).toBe(409);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it("the department handler accepts it and feeds back", async () => {
    const context = await desktopContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "dept.handler", password);
    await openEvent(page, eventId);
    expect(await page.getByTestId("action-register").count()).toBe(0);
    await act(page, "accept");
    expect(await stageOf(page)).toBe("handling");
    await act(page, "feedback", async () => {
      await page.getByTestId("action-result").fill("已更换井盖，现场恢复通行");
    });
    expect(await stageOf(page)).toBe("checking");
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it("the cadre checks and closes it, and the map and the list show it", async () => {
    const context = await desktopContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    await openEvent(page, eventId);
    await act(page, "close");
    expect(await stageOf(page)).toBe("closed");
    const actions = await page.getByTestId("event-step").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-action")));
    expect(actions).toEqual(expect.arrayContaining(["accept", "feedback", "close"]));
    await screenshot(page, "e2e-events-closed");

    // The map of the worker's grid, closed cases: the new point is on it and listed under it.
    await page.goto(`${baseUrl}/#/events/map?org=${gridId}&stage=closed`);
    await page.locator('[data-testid="map-chart"][data-shapes]').waitFor();
    await page.locator(`[data-testid="map-point"][data-event-id="${eventId}"]`).waitFor();
    expect(Number(await page.getByTestId("map-chart").getAttribute("data-shapes"))).toBeGreaterThan(0);
    await page.locator('[data-testid="events-tile-map"] .zl-map-point, [data-testid="events-tile-map"] .marker-cluster').first().waitFor();
    await screenshot(page, "e2e-events-map");

    // The township's open cases on its villages; overdue ones are counted apart (in red).
    await page.goto(`${baseUrl}/#/events/map`);
    await page.getByTestId("map-count").waitFor();
    expect(Number(await page.getByTestId("map-count").getAttribute("data-count"))).toBeGreaterThan(0);
    await page.locator('[data-testid="events-tile-map"] .zl-map-point, [data-testid="events-tile-map"] .marker-cluster').first().waitFor();
    await screenshot(page, "e2e-events-map-township");

    // Figures: rates with too few cases read 样本过少; a count opens its list with the same total.
    await page.goto(`${baseUrl}/#/events/stats`);
    await page.getByTestId("stats-table").locator(".ant-table-row").first().waitFor();
    const open = page.getByTestId("stats-table").locator(".ant-table-row").first().getByTestId("stats-drill").nth(1);
    const openCount = Number((await open.innerText()).replace(/[^\d]/g, ""));
    await open.click();
    await page.getByTestId("events-table").locator(".ant-table-row").first().waitFor();
    expect(Number(await page.locator('[data-testid="list-total"][data-total]').getAttribute("data-total"))).toBe(openCount);
    await screenshot(page, "e2e-events-list");

    await page.goto(`${baseUrl}/#/events/departments`);
    await page.getByTestId("department-stats-table").locator(".ant-table-row").first().waitFor();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
