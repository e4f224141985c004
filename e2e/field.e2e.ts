import { beforeAll, describe, expect, it } from "vitest";
import { request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * In the field, in the browser: a grid worker reports an event with two photos while the network is
 * cut, sees it waiting (“1 条待发送”), comes back online, and the event exists once with both photos;
 * then the connection drops after the server took the report but before the answer, and the retry does
 * not double it. A resident on a 360 × 740 phone reports with a photo and a pin on the map, follows
 * the event by its code, and rates it after a handler closed it with an after-photo. Real server, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;
let point = { longitude: 0, latitude: 0 };
let types: { id: number; name: string; retired: boolean; conflict: boolean; functions: { functionId: number; departmentName: string }[] }[] = [];

/** Two small real photos (a PNG the phone redraws as JPEG before it sends). */
const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f2b1a40000000049454e44ae426082", "hex");
const photoFiles = [
  { name: "before-1.png", mimeType: "image/png", buffer: png },
  { name: "before-2.png", mimeType: "image/png", buffer: png },
];

/** A signed-in API client (cookie and CSRF token), for the steps staff take off screen. */
async function api(username: string): Promise<{ get: (url: string) => Promise<unknown>; post: (url: string, data: unknown, status?: number) => Promise<{ id: number; version: number; stage: string }>; dispose: () => Promise<void> }> {
  const context: APIRequestContext = await playwrightRequest.newContext({ baseURL: baseUrl });
  const login = await context.post("/api/auth/login", { data: { username, password } });
  expect(login.status()).toBe(200);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  return {
    get: async (url) => (await context.get(url)).json(),
    post: async (url, data, status = 200) => {
      const response = await context.post(url, { data, headers: { "x-csrf-token": csrf } });
      expect([url, response.status()]).toEqual([url, status]);
      return (await response.json()) as { id: number; version: number; stage: string };
    },
    dispose: () => context.dispose(),
  };
}

type Ring = [number, number][];
function centroid(geometry: { type: string; coordinates: unknown }): { longitude: number; latitude: number } {
  const ring = (geometry.type === "Polygon" ? (geometry.coordinates as Ring[])[0] : (geometry.coordinates as Ring[][])[0]![0])!.slice(0, -1);
  const sum = ring.reduce((acc, [lon, lat]) => [acc[0] + lon, acc[1] + lat], [0, 0]);
  return { longitude: sum[0] / ring.length, latitude: sum[1] / ring.length };
}

useDemo((demo) => ({ baseUrl, browser } = demo));

beforeAll(async () => {
  const worker = await api("grid.worker1");
  const me = (await worker.get("/api/auth/me")) as { roles: { nodeId: number }[] };
  const shapes = (await worker.get(`/api/grids.geojson?org=${me.roles[0]!.nodeId}`)) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  point = centroid(shapes.features[0]!.geometry);
  types = ((await worker.get("/api/event-types")) as { items: typeof types }).items;
  await worker.dispose();
});

async function phone(username?: string, options: { serviceWorkers?: "allow" | "block" } = {}): Promise<BrowserContext> {
  let storageState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
  if (username) {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    await signIn(await desk.newPage(), baseUrl, username, password);
    storageState = await desk.storageState();
    await desk.close();
  }
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...(storageState ? { storageState } : {}),
    geolocation: { ...point, accuracy: 15 },
    permissions: ["geolocation"],
    ...options,
  });
}

/** The worker's events with this description, each with its photos, as the server holds them. */
async function eventsWith(description: string): Promise<{ id: number; photos: number }[]> {
  const admin = await api("cadre.qingjian");
  const list = (await admin.get(`/api/events?q=${encodeURIComponent(description)}&pageSize=50`)) as { items: { id: number; description: string }[] };
  const found = [];
  for (const item of list.items.filter((event) => event.description === description)) {
    const detail = (await admin.get(`/api/events/${item.id}`)) as { photos: unknown[] };
    found.push({ id: item.id, photos: detail.photos.length });
  }
  await admin.dispose();
  return found;
}

describe("a grid worker's report survives the network", () => {
  it("queues a report with two photos while offline and sends it once when back online", async () => {
    const context = await phone("grid.worker1");
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const description = `离线上报：路面坑洼 ${Date.now() % 100000}`;
    await page.goto(`${baseUrl}/#/events/report`);
    await page.locator('[data-testid="report-location"][data-located="true"]').waitFor();
    // A phone role gets the bottom tab bar, the report tab marked as the page it is on.
    await page.getByTestId("phone-tab-bar").waitFor();
    expect(await page.getByTestId("phone-tab-/events/report").getAttribute("aria-current")).toBe("page");
    const type = types.find((candidate) => !candidate.retired && !candidate.conflict)!;
    await page.getByTestId("report-type").selectOption({ label: type.name });
    await page.getByTestId("report-description").fill(description);
    await page.getByTestId("report-photo").setInputFiles(photoFiles);
    await expect.poll(() => page.getByTestId("report-photo-preview").count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await context.setOffline(true);
    await page.getByTestId("report-submit").click();
    await page.getByTestId("report-queued").waitFor();
    await page.locator('[data-testid="outbox-count"][data-pending="1"]').waitFor();
    expect(await page.getByTestId("outbox-count").innerText()).toContain("1 条待发送");
    await screenshot(page, "e2e-field-offline-queued");
    expect(await eventsWith(description)).toEqual([]);

    await context.setOffline(false);
    await page.getByTestId("outbox-count").waitFor({ state: "detached", timeout: 30_000 });
    const found = await eventsWith(description);
    expect(found.map((event) => event.photos)).toEqual([2]);
    // On the phone the list is cards: stage, light and deadline, nothing to scroll sideways.
    await page.goto(`${baseUrl}/#/events`);
    await page.locator(`[data-testid="event-card"][data-event-id="${found[0]!.id}"]`).waitFor();
    await page.locator(`[data-testid="event-card"][data-event-id="${found[0]!.id}"] [data-testid="event-card-due"]`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "e2e-field-list-cards");
    expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(error))).toEqual([]);
    await context.close();
  });

  it("does not double a report whose answer was lost after the server took it", async () => {
    // Requests a service worker answers bypass page.route: this one cuts the page's own connection.
    const context = await phone("grid.worker1", { serviceWorkers: "block" });
    const page = await context.newPage();
    const description = `断线重试：路灯不亮 ${Date.now() % 100000}`;
    const answers: { status: number; replayed: string | null }[] = [];
    let dropped = false;
    await page.route("**/api/events", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      if (!dropped) {
        dropped = true;
        // The server receives and finishes the report; the phone never hears back.
        const response = await route.fetch();
        answers.push({ status: response.status(), replayed: response.headers()["idempotent-replayed"] ?? null });
        return route.abort("connectionreset");
      }
      const response = await route.fetch();
      answers.push({ status: response.status(), replayed: response.headers()["idempotent-replayed"] ?? null });
      return route.fulfill({ response });
    });
    await page.goto(`${baseUrl}/#/events/report`);
    await page.locator('[data-testid="report-location"][data-located="true"]').waitFor();
    const type = types.find((candidate) => !candidate.retired && !candidate.conflict)!;
    await page.getByTestId("report-type").selectOption({ label: type.name });
    await page.getByTestId("report-description").fill(description);
    await page.getByTestId("report-photo").setInputFiles(photoFiles);
    await expect.poll(() => page.getByTestId("report-photo-preview").count()).toBe(2);
    await page.getByTestId("report-submit").click();
    // The outbox tries again by itself (at once, or from its timer) and the server answers the retry
    // with the first result: the phone shows the report accepted, or waiting until the retry lands.
    await page.locator('[data-testid="report-accepted"], [data-testid="report-queued"]').waitFor();
    await expect.poll(() => page.getByTestId("outbox-count").count(), { timeout: 30_000 }).toBe(0);
    expect(answers).toEqual([
      { status: 201, replayed: null },
      { status: 201, replayed: "true" },
    ]);
    const found = await eventsWith(description);
    expect(found.map((event) => event.photos)).toEqual([2]);
    await context.close();
  });
});

describe("a handler's feedback made offline", () => {
  it("shows a conflict, not an overwrite, when the event changed on the server meanwhile", async () => {
    const type = types.find((candidate) => !candidate.retired && !candidate.conflict && candidate.functions.some((fn) => fn.departmentName === "市综合行政执法局"))!;
    const worker = await api("grid.worker1");
    const cadre = await api("cadre.qingjian");
    const handler = await api("dept.handler");
    const made = await worker.post("/api/events", { typeId: type.id, description: `冲突测试：占道经营 ${Date.now() % 100000}`, lon: point.longitude, lat: point.latitude }, 201);
    let step = await cadre.post(`/api/events/${made.id}/register`, { version: 1 });
    if (step.stage === "dispatching") step = await cadre.post(`/api/events/${made.id}/dispatch`, { version: step.version, functionId: type.functions.find((fn) => fn.departmentName === "市综合行政执法局")!.functionId });
    step = await handler.post(`/api/events/${made.id}/accept`, { version: step.version });

    const context = await phone("dept.handler");
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/events/${made.id}`);
    await page.locator(`[data-testid="event-page"][data-stage="handling"]`).waitFor();
    await context.setOffline(true);
    await page.getByTestId("action-feedback").click();
    await page.getByTestId("action-result").fill("已劝离占道摊点（手机离线时填写）");
    await page.getByTestId("action-photos").setInputFiles([photoFiles[0]!]);
    await page.getByTestId("action-photos-preview").waitFor();
    await page.getByTestId("action-confirm").click();
    await page.locator('[data-testid="outbox-count"][data-pending="1"]').waitFor();

    // Meanwhile the same case is fed back from another device.
    await handler.post(`/api/events/${made.id}/feedback`, { version: step.version, result: "已处理（另一台设备）" });
    await context.setOffline(false);
    await page.locator('[data-testid="outbox-count"][data-pending="0"][data-conflicts="1"]').waitFor({ timeout: 30_000 });
    await page.getByTestId("outbox-count").click();
    await page.locator('[data-testid="outbox-item"][data-state="conflict"]').waitFor();
    await screenshot(page, "e2e-field-outbox-conflict");
    const detail = (await cadre.get(`/api/events/${made.id}`)) as { stage: string; photos: unknown[]; steps: { action: string; note: string | null }[] };
    expect(detail.stage).toBe("checking");
    expect(detail.steps.filter((s) => s.action === "feedback").map((s) => s.note)).toEqual(["已处理（另一台设备）"]);
    expect(detail.photos).toEqual([]);
    await Promise.all([worker.dispose(), cadre.dispose(), handler.dispose()]);
    await context.close();
  });
});

describe("the installable app", () => {
  it("opens from its service worker's cache with the network cut", async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/public/hejin/report`);
    await page.getByTestId("public-app").waitFor();
    const manifest = (await (await page.request.get(`${baseUrl}/manifest.webmanifest`)).json()) as { name: string; display: string };
    expect(manifest).toMatchObject({ name: "党建引领基层治理平台", display: "standalone" });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("public-app").waitFor();
    await page.getByTestId("public-report").waitFor();
    await screenshot(page, "e2e-field-offline-shell");
    await context.close();
  });
});

describe("a resident's 随手拍 on a phone", () => {
  it("reports with a photo and the device's place, follows it by code, and rates it after the handler closes it with an after-photo", async () => {
    const type = types.find((candidate) => !candidate.retired && !candidate.conflict && candidate.functions.some((fn) => fn.departmentName === "市综合行政执法局"))!;
    expect(type).toBeDefined();
    const context = await phone();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/#/public/hejin/report`);
    await page.getByTestId("public-report").waitFor();
    await page.getByTestId("public-report-type").selectOption({ label: type.name });
    await page.getByTestId("public-report-photo").setInputFiles([photoFiles[0]!]);
    await page.getByTestId("public-report-photo-preview").waitFor();
    await page.getByTestId("public-report-locate").click();
    await page.getByTestId("public-report-place").waitFor();
    // The device's place puts the pin; a tap on the map a few metres off moves it, and the report goes from there.
    const located = await page.getByTestId("public-report-place").getAttribute("data-place");
    const map = page.getByTestId("public-report-map");
    await page.locator('[data-testid="public-report-map"] .zl-map-pin').waitFor();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2 + 6, y: box.height / 2 + 4 } });
    await expect.poll(() => page.getByTestId("public-report-place").getAttribute("data-place")).not.toBe(located);
    const pinned = (await page.getByTestId("public-report-place").getAttribute("data-place"))!;
    await page.getByTestId("public-report-description").fill("小区门口垃圾堆放多日无人清运");
    await screenshot(page, "e2e-field-public-report");
    await page.getByTestId("public-report-submit").click();
    await page.getByTestId("public-report-done").waitFor();
    const code = (await page.getByTestId("public-report-code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await page.getByTestId("public-report-track").click();
    await page.locator('[data-testid="event-track"][data-stage="reported"]').waitFor();
    await page.getByTestId("event-photos-before").locator("img").first().waitFor();
    expect(await page.getByTestId("event-rate").count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    // Staff take it through: register, dispatch to the enforcement bureau, accept, feedback with an after-photo, close.
    const cadre = await api("cadre.qingjian");
    const handler = await api("dept.handler");
    const list = (await cadre.get(`/api/events?source=public&pageSize=5`)) as { items: { id: number; trackingCode?: string }[] };
    const id = await (async () => {
      for (const item of list.items) if (((await cadre.get(`/api/events/${item.id}`)) as { trackingCode: string }).trackingCode === code) return item.id;
      throw new Error("the resident's event is not in the cadre's list");
    })();
    const reported = (await cadre.get(`/api/events/${id}`)) as { version: number; lon: number; lat: number };
    expect(`${reported.lon},${reported.lat}`).toBe(pinned);
    let step = await cadre.post(`/api/events/${id}/register`, { version: reported.version });
    if (step.stage === "dispatching") {
      const fn = type.functions.find((candidate) => candidate.departmentName === "市综合行政执法局")!;
      step = await cadre.post(`/api/events/${id}/dispatch`, { version: step.version, functionId: fn.functionId });
    }
    step = await handler.post(`/api/events/${id}/accept`, { version: step.version });
    step = await handler.post(`/api/events/${id}/feedback`, { version: step.version, result: "已清运，并设置分类垃圾桶", photos: [`data:image/png;base64,${png.toString("base64")}`] });
    await cadre.post(`/api/events/${id}/close`, { version: step.version, note: "现场核查已清理" });
    await cadre.dispose();
    await handler.dispose();

    await page.reload();
    await page.locator('[data-testid="event-track"][data-stage="closed"]').waitFor();
    await page.getByTestId("event-photos-after").locator("img").first().waitFor();
    await page.getByTestId("event-rate").waitFor();
    await screenshot(page, "e2e-field-public-closed");
    await page.getByTestId("event-rate-submit").click();
    await page.locator('[data-testid="event-track"][data-stage="evaluated"]').waitFor();
    expect(await page.getByTestId("event-rated").innerText()).toContain("满意");
    expect(errors).toEqual([]);
    await context.close();
  });
});
