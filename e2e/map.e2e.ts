import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request as playwrightRequest, type Browser, type Page } from "playwright-core";
import { collectPageErrors, screenshot } from "./browser";
import { useDemo } from "./demo";

/**
 * The real map: the campaign office sets a tile address (here a tile server the test runs on another
 * port, answering every tile with a PNG it draws), and the pages fetch tiles from it, allowed by the
 * CSP, with the grid outlines, clustered events and a heat layer over them; an event page shows its
 * place on a mini-map; a tap on a report form's map moves the pin and the form's coordinates with it.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;
let tiles: Server;
let tileOrigin = "";
const tileRequests: string[] = [];

useDemo((demo) => ({ baseUrl, browser } = demo));

beforeAll(async () => {
  const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 214, g: 226, b: 205 } } }).png().toBuffer();
  tiles = createServer((request, response) => {
    tileRequests.push(request.url ?? "");
    response.writeHead(200, { "content-type": "image/png", "cache-control": "no-store" });
    response.end(png);
  });
  await new Promise<void>((resolve) => tiles.listen(0, "127.0.0.1", resolve));
  tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;

  const office = await playwrightRequest.newContext({ baseURL: baseUrl });
  const login = await office.post("/api/auth/login", { data: { username: "admin.office", password } });
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const current = (await (await office.get("/api/base-map")).json()) as { version: number };
  const saved = await office.patch("/api/base-map", {
    data: { version: current.version, tileUrl: `${tileOrigin}/{z}/{x}/{y}.png`, subdomains: "", attribution: "测试底图 <b>", maxZoom: 18 },
    headers: { "x-csrf-token": csrf },
  });
  expect(saved.status()).toBe(200);
  await office.dispose();
});

afterAll(async () => {
  await new Promise<void>((resolve) => tiles.close(() => resolve()));
});

/** A desk browser signed in through the API (the session cookie is the context's). */
async function deskAs(username: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  expect((await context.request.post(`${baseUrl}/api/auth/login`, { data: { username, password } })).status()).toBe(200);
  return context;
}

const loadedTiles = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] img.leaflet-tile-loaded`).count();

describe("the event map on the city's base map", () => {
  it("draws tiles from the configured server, allowed by the CSP, with outlines, clustered events and a heat layer", async () => {
    const context = await deskAs("cadre.qingjian");
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const before = tileRequests.length;
    const document = await page.goto(`${baseUrl}/#/events/map`);
    expect(document!.headers()["content-security-policy"]).toContain(`img-src 'self' data: blob: ${tileOrigin}`);
    // The township's village outlines come first; on a busy machine that takes a while.
    await page.locator('[data-testid="events-tile-map"][data-tiles="on"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => loadedTiles(page, "events-tile-map")).toBeGreaterThan(0);
    expect(tileRequests.length).toBeGreaterThan(before);
    expect(tileRequests.slice(before).every((path) => /^\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);
    // The attribution is text: the markup typed into it is shown, not obeyed.
    expect(await page.locator(".leaflet-control-attribution").innerText()).toContain("测试底图 <b>");
    // Outlines over the tiles, and the open events, many of them gathered in clusters.
    expect(await page.locator('[data-testid="events-tile-map"] path.leaflet-interactive').count()).toBeGreaterThan(0);
    const count = Number(await page.getByTestId("map-count").getAttribute("data-count"));
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="events-tile-map"] .marker-cluster, [data-testid="events-tile-map"] .zl-map-point').count()).toBeGreaterThan(0);
    const clustered = await page.locator('[data-testid="events-tile-map"] .marker-cluster span').allInnerTexts();
    const single = await page.locator('[data-testid="events-tile-map"] .zl-map-point').count();
    expect(clustered.reduce((sum, text) => sum + Number(text), 0) + single).toBe(count);
    // The heat layer is one switch away.
    expect(await page.locator('[data-testid="events-tile-map"] canvas.leaflet-heatmap-layer').count()).toBe(0);
    await page.locator(".leaflet-control-layers-overlays label").filter({ hasText: "热力图" }).locator("input").check();
    await page.locator('[data-testid="events-tile-map"] canvas.leaflet-heatmap-layer').waitFor();
    await screenshot(page, "e2e-map-events");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows an event's place on a mini-map on the event page", async () => {
    const context = await deskAs("cadre.qingjian");
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const points = (await (await page.request.get(`${baseUrl}/api/events/map?open=true`)).json()) as { items: { id: number; lon: number; lat: number }[] };
    const event = points.items[0]!;
    await page.goto(`${baseUrl}/#/events/${event.id}`);
    const mini = page.locator('[data-testid="event-mini-map"][data-tiles="on"]');
    await mini.waitFor();
    expect(await mini.getAttribute("data-pin")).toBe(`${event.lon.toFixed(6)},${event.lat.toFixed(6)}`);
    await page.locator('[data-testid="event-mini-map"] .zl-map-pin').waitFor();
    await expect.poll(() => loadedTiles(page, "event-mini-map")).toBeGreaterThan(0);
    await screenshot(page, "e2e-map-event-mini");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a pin on the report forms", () => {
  it("moves the grid worker's reported place to where the map is tapped, and the report carries it", async () => {
    const desk = await deskAs("grid.worker1");
    const storageState = await desk.storageState();
    const worker = desk.request;
    const me = (await (await worker.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number }[] };
    const shapes = (await (await worker.get(`${baseUrl}/api/grids.geojson?org=${me.roles[0]!.nodeId}&kind=micro_grid`)).json()) as { features: { geometry: { coordinates: [number, number][][] } }[] };
    const ring = shapes.features[0]!.geometry.coordinates[0]!.slice(0, -1);
    const inside = { longitude: ring.reduce((sum, [lon]) => sum + lon, 0) / ring.length, latitude: ring.reduce((sum, [, lat]) => sum + lat, 0) / ring.length };
    await desk.close();

    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN", storageState, geolocation: { ...inside, accuracy: 15 }, permissions: ["geolocation"] });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/#/events/report`);
    await page.locator('[data-testid="report-location"][data-located="true"]').waitFor();
    const located = (await page.getByTestId("report-location").getAttribute("data-place"))!;
    const map = page.locator('[data-testid="report-map"][data-tiles="on"]');
    await map.waitFor();
    await page.locator('[data-testid="report-map"] .zl-map-pin').waitFor();
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    // A few pixels off the device's position: still inside the worker's micro-grid at this zoom.
    await map.click({ position: { x: box.width / 2 + 8, y: box.height / 2 + 6 } });
    await expect.poll(() => page.getByTestId("report-location").getAttribute("data-place")).not.toBe(located);
    const [lon, lat] = (await page.getByTestId("report-location").getAttribute("data-place"))!.split(",").map(Number) as [number, number];
    expect(await map.getAttribute("data-pin")).toBe(`${lon.toFixed(6)},${lat.toFixed(6)}`);
    expect(await page.getByTestId("report-location").innerText()).toContain("已选位置");
    expect(Math.abs(lon - inside.longitude)).toBeLessThan(0.01);
    expect(Math.abs(lat - inside.latitude)).toBeLessThan(0.01);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const type = ((await (await page.request.get(`${baseUrl}/api/event-types`)).json()) as { items: { id: number; name: string; retired: boolean; conflict: boolean }[] }).items.find((candidate) => !candidate.retired && !candidate.conflict)!;
    await page.getByTestId("report-type").selectOption({ label: type.name });
    const description = `地图选点上报 ${Date.now() % 100000}`;
    await page.getByTestId("report-description").fill(description);
    await page.getByTestId("report-submit").click();
    await page.getByTestId("report-accepted").waitFor();
    const list = (await (await page.request.get(`${baseUrl}/api/events?q=${encodeURIComponent(description)}`)).json()) as { items: { id: number }[] };
    const detail = (await (await page.request.get(`${baseUrl}/api/events/${list.items[0]!.id}`)).json()) as { lon: number; lat: number };
    expect([detail.lon, detail.lat]).toEqual([lon, lat]);
    await screenshot(page, "e2e-map-report-pin");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets a resident place the 随手拍 by tapping the map, on a 360 px phone", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/#/public/hejin/report`);
    await page.getByTestId("public-report").waitFor();
    const map = page.locator('[data-testid="public-report-map"][data-tiles="on"]');
    await map.waitFor();
    expect(await page.getByTestId("public-report-place").count()).toBe(0);
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.getByTestId("public-report-place").waitFor();
    const [lon, lat] = (await page.getByTestId("public-report-place").getAttribute("data-place"))!.split(",").map(Number) as [number, number];
    expect(await map.getAttribute("data-pin")).toBe(`${lon.toFixed(6)},${lat.toFixed(6)}`);
    await page.locator('[data-testid="public-report-map"] .zl-map-pin').waitFor();
    await expect.poll(() => loadedTiles(page, "public-report-map")).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "e2e-map-public-pin");
    expect(errors).toEqual([]);
    await context.close();
  });
});
