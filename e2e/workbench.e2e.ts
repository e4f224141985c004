import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * Each role's workbench (工作台) in the browser, on a desktop (1440×900) and a phone (360×740): the role
 * signs in and its home opens on its work; the count shown equals what the list API counts for the same
 * filter; it opens the first item and acts on it there; back home, the count has dropped by one (a grid
 * worker completes a case returned to it, not accepted, and reports it again; then reports a new one
 * from the workbench's button).
 * Real server, in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";
const viewports = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 360, height: 740 },
] as const;

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

/** A JSON API call from inside the signed-in page (its cookie and CSRF token). */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const response = await fetch(path, { method, headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

async function total(page: Page, path: string): Promise<number> {
  return (await api<{ total: number }>(page, "GET", path)).total;
}

/** The count shown on the home page for one section of work. */
async function shownCount(page: Page, key: string): Promise<number> {
  await page.goto(`${baseUrl}/#/`);
  await page.reload();
  const section = page.locator(`[data-testid="work-section"][data-key="${key}"]`);
  await section.waitFor();
  return Number(await section.getAttribute("data-count"));
}

async function openFirst(page: Page, key: string): Promise<{ entity: string; id: number }> {
  const item = page.locator(`[data-testid="work-section"][data-key="${key}"] [data-testid="work-item"]`).first();
  await item.waitFor();
  const found = { entity: (await item.getAttribute("data-entity"))!, id: Number(await item.getAttribute("data-id")) };
  await item.locator("a").first().click();
  return found;
}

async function eventAct(page: Page, id: number, action: string): Promise<void> {
  await page.locator(`[data-testid="event-page"][data-event-id="${id}"]`).waitFor();
  const before = await page.getByTestId("event-page").getAttribute("data-version");
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId("action-confirm").click();
  await page.locator(`[data-testid="event-page"]:not([data-version="${before}"])`).waitFor();
}

async function problemStep(page: Page, action: string, note?: string): Promise<void> {
  const before = await page.getByTestId("problem-page").getAttribute("data-status");
  await page.getByTestId(`problem-action-${action}-button`).click();
  const modal = page.locator(".ant-modal").filter({ has: page.getByTestId("problem-action-confirm") });
  await modal.waitFor();
  if (note) await modal.locator("textarea").first().fill(note);
  await page.getByTestId("problem-action-confirm").click();
  await page.locator(`[data-testid="problem-page"]:not([data-status="${before}"])`).waitFor();
}

/** 立案 from the dialog, sent to another department than the catalogue's: the dialog says where it goes first. */
async function registerElsewhere(page: Page, id: number): Promise<void> {
  await page.locator(`[data-testid="event-page"][data-event-id="${id}"]`).waitFor();
  const before = await page.getByTestId("event-page").getAttribute("data-version");
  const detail = await api<{ suggestions: { departmentName: string; functionName: string }[] }>(page, "GET", `/api/events/${id}`);
  const suggested = detail.suggestions.map((s) => `${s.departmentName} · ${s.functionName}`);
  await page.getByTestId("action-register").click();
  const note = page.getByTestId("register-target-note");
  await note.waitFor();
  // One function covers the type: the dialog names it; several: it says the case waits for a dispatcher.
  if (suggested.length === 1) expect(await page.getByTestId("register-function").innerText()).toContain(suggested[0]);
  await page.getByTestId("register-function").click();
  const options = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await options.first().waitFor();
  let chosen = "";
  for (let n = 0; n < (await options.count()); n++) {
    const label = (await options.nth(n).getAttribute("title")) ?? (await options.nth(n).innerText());
    if (!suggested.includes(label)) {
      chosen = label;
      await options.nth(n).click();
      break;
    }
  }
  expect(chosen).not.toBe("");
  await expect.poll(() => note.innerText()).toContain("立案后即派遣到所选部门");
  // On a busy machine the list may stay open over the confirm button after the choice: a click on the note closes it.
  const openList = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");
  if (await openList.isVisible()) await note.click();
  await openList.waitFor({ state: "hidden" });
  await page.getByTestId("action-confirm").click();
  await page.locator(`[data-testid="event-page"]:not([data-version="${before}"])`).waitFor();
  const event = await api<{ stage: string; departmentName: string | null }>(page, "GET", `/api/events/${id}`);
  expect(event.stage).toBe("dispatched");
  expect(chosen.startsWith(`${event.departmentName} · `)).toBe(true);
}

/** A visit to the paired household from the visit page the workbench item opened. */
async function logVisit(page: Page): Promise<void> {
  await page.getByTestId("visit-page").waitFor();
  await page.getByTestId("visit-met").fill("户主本人");
  await page.getByTestId("visit-findings").fill("家中无困难，了解了村里道路情况");
  await page.getByTestId("visit-submit").click();
  await page.getByTestId("visit-saved").waitFor();
}

/** The mean of a polygon's outer ring: inside the convex micro-grids of the demo. */
type Ring = [number, number][];
function centroid(geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] }): { longitude: number; latitude: number } {
  const ring = geometry.type === "Polygon" ? geometry.coordinates[0]! : geometry.coordinates[0]![0]!;
  const points = ring.slice(0, -1);
  const sum = points.reduce((acc, [lon, lat]) => [acc[0] + lon, acc[1] + lat], [0, 0]);
  return { longitude: sum[0] / points.length, latitude: sum[1] / points.length };
}

/** Where grid.worker1 stands: the middle of the first micro-grid of its grid. */
const workerPlace = { longitude: 0, latitude: 0 };

/** A report from the workbench's button, located by the device. */
async function reportFromWorkbench(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/#/`);
  await page.getByTestId("workbench-report").click();
  await page.getByTestId("report-page").waitFor();
  // The first type of the phone's own picker (the empty choice comes first).
  await page.getByTestId("report-type").selectOption({ index: 1 });
  await page.getByTestId("report-description").fill(`工作台上报：路灯不亮 ${Date.now() % 100000}`);
  await page.getByTestId("report-locate").click();
  await page.locator('[data-testid="report-location"][data-located="true"]').waitFor();
  await page.getByTestId("report-submit").click();
  await page.getByTestId("report-accepted").waitFor();
}

interface RoleCase {
  role: string;
  username: string;
  key: string;
  /** The same work counted by the list APIs, in the role's own session. */
  expected(page: Page): Promise<number>;
  /** Makes sure there is work for both viewports to act on. */
  prepare?(page: Page): Promise<void>;
  /** Acts on the opened item, on its own page. */
  act(page: Page, item: { entity: string; id: number }): Promise<void>;
  /** What the browser context needs beyond the viewport (the device's location). */
  context?: BrowserContextOptions;
}

const village = { id: 0 };

/** A page signed in as someone else, for setting up work through the API. */
async function as<T>(username: string, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, baseUrl, username, password);
    return await run(page);
  } finally {
    await context.close();
  }
}

/** Events reported by the grid worker in one of its micro-grids. */
async function reportEvents(count: number): Promise<number[]> {
  return as("grid.worker1", async (page) => {
    const me = await api<{ roles: { nodeId: number | null }[] }>(page, "GET", "/api/auth/me");
    const micro = (await api<{ items: { id: number; kind: string }[] }>(page, "GET", `/api/orgs/${me.roles[0]!.nodeId}/children`)).items.find((node) => node.kind === "micro_grid")!;
    const type = (await api<{ items: { id: number; conflict: boolean }[] }>(page, "GET", "/api/event-types")).items.find((row) => !row.conflict)!;
    const ids: number[] = [];
    for (let n = 0; n < count; n++) ids.push((await api<{ id: number }>(page, "POST", "/api/events", { typeId: type.id, description: `工作台测试：占道经营${n}`, nodeId: micro.id })).id);
    return ids;
  });
}

const cases: RoleCase[] = [
  {
    role: "township cadre",
    username: "cadre.qingjian",
    key: "event.to_register",
    expected: (page) => total(page, "/api/events?stage=reported&pageSize=1"),
    async prepare() {
      // Other stories register the demo's reported events of 清涧街道; two of its own, one per viewport.
      await reportEvents(2);
    },
    act: (page, item) => registerElsewhere(page, item.id),
  },
  {
    role: "department handler",
    username: "dept.handler",
    key: "event.to_accept",
    expected: (page) => total(page, "/api/events?stage=dispatched&pageSize=1"),
    async prepare() {
      // Two events dispatched to the handler's department (市综合行政执法局, D03) by the office.
      const ids = await reportEvents(2);
      await as("admin.office", async (page) => {
        const d03 = (await api<{ items: { code: string; functions: { id: number }[] }[] }>(page, "GET", "/api/departments")).items.find((dept) => dept.code === "D03")!;
        for (const id of ids) {
          const registered = await api<{ stage: string; version: number; departmentId: number | null }>(page, "POST", `/api/events/${id}/register`, { version: 1 });
          await api(page, "POST", `/api/events/${id}/dispatch`, { version: registered.version, functionId: d03.functions[0]!.id });
        }
      });
    },
    act: (page, item) => eventAct(page, item.id, "accept"),
  },
  {
    role: "village secretary",
    username: "secretary.t02-v001",
    key: "problem.to_rectify",
    expected: async (page) => (await Promise.all(["assigned", "returned", "rectifying"].map((status) => total(page, `/api/problems?status=${status}&pageSize=1`)))).reduce((a, b) => a + b, 0),
    async prepare(page) {
      const me = await api<{ roles: { nodeId: number | null }[] }>(page, "GET", "/api/auth/me");
      village.id = me.roles[0]!.nodeId!;
      // Two problems handed to this village, so each viewport has one to hand in.
      const cadre = await browser.newContext();
      const cadrePage = await cadre.newPage();
      await signIn(cadrePage, baseUrl, "cadre.qingjian", password);
      for (const n of [1, 2]) {
        const created = await api<{ id: number; version: number }>(cadrePage, "POST", "/api/problems", { nodeId: village.id, channel: "household_visit", source: "residents", category: "infrastructure", title: `工作台测试问题${n}`, description: "村道坑洼" });
        await api(cadrePage, "POST", `/api/problems/${created.id}/assign`, { version: created.version, responsibleNodeId: village.id, responsiblePerson: "村支书", measure: "修补路面", deadlineDays: 1 + n });
      }
      await cadre.close();
    },
    async act(page) {
      await page.getByTestId("problem-page").waitFor();
      if ((await page.getByTestId("problem-page").getAttribute("data-status")) !== "rectifying") await problemStep(page, "start");
      await problemStep(page, "submit", "已修复路面");
    },
  },
  {
    role: "office",
    username: "admin.office",
    key: "report.to_review",
    async expected(page) {
      const campaigns = await api<{ items: { id: number }[] }>(page, "GET", "/api/campaign/campaigns");
      let sum = 0;
      for (const campaign of campaigns.items) sum += await total(page, `/api/campaign/reports?campaign=${campaign.id}&status=submitted&pageSize=1`);
      return sum;
    },
    async act(page, item) {
      const report = page.locator(`[data-testid="report"][data-report="${item.id}"]`);
      await report.getByTestId("report-accept").click();
      await page.getByTestId("report-accept-dialog-ok").click();
      await page.locator(`[data-testid="report"][data-report="${item.id}"][data-status="accepted"]`).waitFor();
    },
  },
  {
    role: "leader",
    username: "leader.city",
    key: "visit.due",
    // The leader's own paired households not visited this period (包村联户), as its own list counts them.
    expected: async (page) => (await api<{ items: { due: boolean }[] }>(page, "GET", "/api/pairing/mine")).items.filter((item) => item.due).length,
    async prepare(page) {
      // Its red lights are listed too, counted as the events list counts them.
      const red = page.locator('[data-testid="work-section"][data-key="event.red"]');
      await red.waitFor();
      expect(Number(await red.getAttribute("data-count"))).toBe(await total(page, "/api/events?light=red&pageSize=1"));
      // And the bodies graded D or E on the latest published boards, as the results list counts them.
      const low = page.locator('[data-testid="work-section"][data-key="evaluation.low"]');
      expect(Number(await low.getAttribute("data-count"))).toBe((await total(page, "/api/evaluation/results?grade=D")) + (await total(page, "/api/evaluation/results?grade=E")));
    },
    act: (page) => logVisit(page),
  },
  {
    role: "grid worker",
    username: "grid.worker1",
    key: "event.rejected",
    // Returned to me: cases of the grid not accepted in the last week, as the events list counts them.
    expected: (page) => total(page, `/api/events?stage=rejected&from=${encodeURIComponent(new Date(Date.now() - 7 * 86_400_000).toISOString())}&pageSize=1`),
    async prepare(page) {
      // Two of its reports not accepted by 清涧街道 (one per viewport): whatever other stories did, these are returned to it.
      const ids = await reportEvents(2);
      await as("cadre.qingjian", async (cadre) => {
        for (const id of ids) await api(cadre, "POST", `/api/events/${id}/reject`, { version: 1, reason: "invalid", note: "缺少现场照片，请补充" });
      });
      const me = await api<{ roles: { nodeId: number | null }[] }>(page, "GET", "/api/auth/me");
      const shapes = await api<{ features: { geometry: Parameters<typeof centroid>[0] }[] }>(page, "GET", `/api/grids.geojson?org=${me.roles[0]!.nodeId}`);
      Object.assign(workerPlace, centroid(shapes.features[0]!.geometry));
    },
    async act(page, item) {
      await page.locator(`[data-testid="event-page"][data-event-id="${item.id}"]`).waitFor();
      const before = await page.getByTestId("event-page").getAttribute("data-version");
      await page.getByTestId("action-resubmit").click();
      await page.getByTestId("action-note").fill("已补充现场照片和准确位置");
      await page.getByTestId("action-confirm").click();
      await page.locator(`[data-testid="event-page"]:not([data-version="${before}"])`).waitFor();
      expect((await api<{ stage: string }>(page, "GET", `/api/events/${item.id}`)).stage).toBe("reported");
      // The report button stays on the workbench: a new case from the device's location.
      await reportFromWorkbench(page);
    },
    get context() {
      return { geolocation: { ...workerPlace, accuracy: 15 }, permissions: ["geolocation"] };
    },
  },
];

describe("each role's workbench", () => {
  for (const role of cases) {
    const story = "opens an item and acts, and the count drops";
    it(`${role.role}: sees its work with the right count, ${story}`, async () => {
      let prepared = false;
      for (const viewport of viewports) {
        if (role.prepare && !prepared) {
          await as(role.username, async (page) => {
            await page.goto(`${baseUrl}/#/`);
            await role.prepare!(page);
          });
        }
        prepared = true;
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          locale: "zh-CN",
          timezoneId: "Asia/Shanghai",
          isMobile: viewport.name === "phone",
          ...role.context,
        });
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        await signIn(page, baseUrl, role.username, password);
        const before = await shownCount(page, role.key);
        expect(before).toBe(await role.expected(page));
        expect(before).toBeGreaterThan(0);
        await screenshot(page, `workbench-${role.username}-${viewport.name}`);
        if (viewport.name === "phone") {
          // Nothing wider than the phone: the work fits the screen.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        }
        const item = await openFirst(page, role.key);
        const opened = { report: "/campaign/projects/", visit: "/pairing/visit" }[item.entity] ?? `/${item.entity}s/`;
        expect(page.url()).toContain(opened);
        await role.act(page, item);
        expect(await shownCount(page, role.key)).toBe(before - 1);
        expect(errors).toEqual([]);
        await context.close();
      }
      // Two viewports and the setup: more than the default on a busy two-core machine.
    }, 360_000);
  }
});

describe("exports and notification choices", () => {
  it("the projects, people and tree pages each download an .xlsx of what they list", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "admin.office", password);
    // One township: the whole city's people and tree are large files for a busy test machine.
    const me = await api<{ roles: { nodeId: number | null }[] }>(page, "GET", "/api/auth/me");
    const township = (await api<{ items: { id: number }[] }>(page, "GET", `/api/orgs/${me.roles[0]!.nodeId}/children`)).items[0]!.id;
    const people = await total(page, `/api/persons?org=${township}&post=grid_worker&pageSize=1`);
    const pages: { path: string; button: string; first: string; rows?: number }[] = [
      { path: "/campaign/projects", button: "projects-export-xlsx", first: "项目名称" },
      { path: `/people?org=${township}&post=grid_worker`, button: "people-export-xlsx", first: "姓名", rows: people },
      { path: `/orgs/${township}`, button: "tree-export-xlsx", first: "名称" },
    ];
    for (const target of pages) {
      await page.goto(`${baseUrl}/#${target.path}`);
      const button = page.getByTestId(target.button);
      await button.waitFor();
      const download = page.waitForEvent("download", { timeout: 90_000 });
      await button.click({ timeout: 90_000 });
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.rowCount).toBeGreaterThan(1);
      expect(sheet.getRow(1).values).toContain(target.first);
      // The file holds what the list holds: one row each under the heading.
      if (target.rows !== undefined) expect(sheet.actualRowCount - 1).toBe(target.rows);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("each person chooses the kinds it hears of (from the user menu); only the office sees the robot's outbox", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "dept.handler", password);
    await page.goto(`${baseUrl}/#/notifications`);
    const box = page.locator('[data-testid^="notify-kind-"]').first();
    await box.waitFor();
    const kind = (await box.getAttribute("data-testid"))!.replace("notify-kind-", "");
    const enabled = async () => (await api<{ kinds: { kind: string; enabled: boolean }[] }>(page, "GET", "/api/notifications/preferences")).kinds.find((row) => row.kind === kind)!.enabled;
    expect(await enabled()).toBe(true);
    await box.click();
    await page.getByTestId("notify-kinds-save").click();
    await expect.poll(enabled, { timeout: 10_000 }).toBe(false);
    await page.reload();
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await page.getByTestId("notify-outbox").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
    await context.close();

    const office = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const officePage = await office.newPage();
    await signIn(officePage, baseUrl, "admin.office", password);
    await officePage.getByTestId("user-menu").click();
    await officePage.getByTestId("user-menu-notifications").click();
    await officePage.getByTestId("notify-outbox").waitFor();
    await officePage.getByTestId("notify-kinds").waitFor();
    await office.close();
  }, 180_000);
});
