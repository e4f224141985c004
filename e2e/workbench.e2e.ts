import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * Each role's workbench (工作台) in the browser, on a desktop (1440×900) and a phone (360×740): the role
 * signs in and its home opens on its work; the count shown equals what the list API counts for the same
 * filter; it opens the first item and acts on it there; back home, the count has dropped by one.
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

interface RoleCase {
  role: string;
  username: string;
  key: string;
  /** The same work counted by the list APIs, in the role's own session. */
  expected(page: Page): Promise<number>;
  /** Makes sure there is work for both viewports to act on. */
  prepare?(page: Page): Promise<void>;
  /** Acts on the opened item, on its own page; absent for a role that only reads. */
  act?(page: Page, item: { entity: string; id: number }): Promise<void>;
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
    act: (page, item) => eventAct(page, item.id, "register"),
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
    key: "event.red",
    expected: (page) => total(page, "/api/events?light=red&pageSize=1"),
  },
  {
    role: "grid worker",
    username: "grid.worker1",
    key: "event.reported",
    expected: (page) => total(page, "/api/events?stage=reported&pageSize=1"),
    async prepare() {
      await reportEvents(1);
    },
  },
];

describe("each role's workbench", () => {
  for (const role of cases) {
    const story = role.act ? "opens an item and acts, and the count drops" : "opens an item, which it only reads, and the count stays";
    it(`${role.role}: sees its work with the right count, ${story}`, async () => {
      let prepared = false;
      for (const viewport of viewports) {
        const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: "zh-CN", timezoneId: "Asia/Shanghai", isMobile: viewport.name === "phone" });
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        await signIn(page, baseUrl, role.username, password);
        if (role.prepare && !prepared) await role.prepare(page);
        prepared = true;
        const before = await shownCount(page, role.key);
        expect(before).toBe(await role.expected(page));
        expect(before).toBeGreaterThan(0);
        await screenshot(page, `workbench-${role.username}-${viewport.name}`);
        if (viewport.name === "phone") {
          // Nothing wider than the phone: the work fits the screen.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        }
        const item = await openFirst(page, role.key);
        expect(page.url()).toContain(`/${item.entity === "report" ? "campaign/projects" : `${item.entity}s`}/`);
        if (role.act) {
          await role.act(page, item);
          expect(await shownCount(page, role.key)).toBe(before - 1);
        } else {
          expect(await shownCount(page, role.key)).toBe(before);
        }
        expect(errors).toEqual([]);
        await context.close();
      }
      // Two viewports and the setup: more than the default on a busy two-core machine.
    }, 360_000);
  }
});
