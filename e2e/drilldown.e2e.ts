import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { idNumberCheckChar } from "../shared/mask";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * Figures that open their records, people added, edited and deleted, CSV exports, and the tree
 * with thousands of nodes (times are printed, never asserted). Real server, in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

function desktopContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true });
}

function phoneContext(storageState: Awaited<ReturnType<BrowserContext["storageState"]>>): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    storageState,
  });
}

function treeRow(page: Page, name: string): Locator {
  return page
    .locator('[data-testid="org-tree"] .ant-tree-treenode')
    .filter({ has: page.locator("[data-node-id] > span", { hasText: new RegExp(`^${name}$`) }) });
}

/** "3,590" → 3590 */
async function figureValue(page: Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`figure-${key}`).locator('[data-testid="figure-value"], .ant-statistic-content-value').innerText()).replace(/[^\d]/g, "");
  return Number(text);
}

/** The total the list says it has, once it has loaded. */
async function listTotal(page: Page): Promise<number> {
  const total = page.locator('[data-testid="list-total"][data-total]');
  await total.first().waitFor();
  return Number(await total.first().getAttribute("data-total"));
}

async function ms(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return Math.round(performance.now() - start);
}

function validId(first17: string): string {
  return `${first17}${idNumberCheckChar(first17)}`;
}

describe("drill-down and people, as the cadre of 清涧街道", () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  it("clicks 专职网格员 on 清涧街道's page and lands on the people list with the same total", async () => {
    context = await desktopContext();
    page = await context.newPage();
    errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    await page.getByTestId("nav-orgs").click();
    await treeRow(page, "清涧街道").locator(".ant-tree-node-content-wrapper").click();
    await expect.poll(() => page.getByTestId("org-node-title").textContent()).toBe("清涧街道");
    await page.getByTestId("figure-grid.workers").waitFor();
    const workers = await figureValue(page, "grid.workers");
    expect(workers).toBeGreaterThan(0);
    await screenshot(page, "e2e-drill-node-figures");

    await page.getByTestId("figure-grid.workers").click();
    await page.getByTestId("people-table").waitFor();
    expect(page.url()).toMatch(/#\/people\?org=3&post=grid_worker$/);
    expect(await listTotal(page)).toBe(workers);
    const tags = await page.getByTestId("filter-tags").innerText();
    expect(tags).toContain("所属组织：清涧街道");
    expect(tags).toContain("职务：专职网格员");
    await screenshot(page, "e2e-drill-people");

    // Removing the post tag widens the list to everyone of the street.
    await page.getByTestId("filter-tag-post").getByRole("button").click();
    await expect.poll(() => page.url()).toMatch(/#\/people\?org=3$/);
    await expect.poll(() => listTotal(page)).toBeGreaterThan(workers);
  });

  it("micro-grids and households open their lists with the same totals", async () => {
    await page.goto(`${baseUrl}/#/orgs/3`);
    await page.getByTestId("figure-grid.microGrids").waitFor();
    const microGrids = await figureValue(page, "grid.microGrids");
    const households = await figureValue(page, "people.households");

    await page.getByTestId("figure-grid.microGrids").click();
    await page.getByTestId("nodes-table").waitFor();
    expect(await listTotal(page)).toBe(microGrids);
    expect(await page.getByTestId("filter-tags").innerText()).toContain("类型：微网格");

    await page.goBack();
    await page.getByTestId("figure-people.households").click();
    await page.getByTestId("households-table").waitFor();
    expect(await listTotal(page)).toBe(households);
    await page.getByTestId("household-open").first().click();
    const drawer = page.getByTestId("household-drawer");
    await drawer.getByTestId("household-member").first().waitFor();
    expect(await drawer.innerText()).toContain("户主");
    // A masked address and names only: no phone or ID number in the drawer.
    expect(await drawer.innerText()).toMatch(/\*{4}/);
    await screenshot(page, "e2e-drill-household");
    await page.keyboard.press("Escape");
  });

  const name = `测试${Date.now() % 100000}`;

  it("adds a person: a wrong ID number is refused under the field, in Chinese; a right one saves", async () => {
    await page.goto(`${baseUrl}/#/people?org=3`);
    await page.getByTestId("person-create").click();
    const form = page.locator(".ant-modal").filter({ has: page.locator("#person_name") });
    await form.waitFor();
    await page.locator("#person_name").fill(name);
    await page.locator("#person_phone").fill("13912345678");
    const first17 = "14088219900101123";
    const good = validId(first17);
    const bad = `${first17}${good.endsWith("1") ? "2" : "1"}`;
    await page.locator("#person_idNumber").fill(bad);
    await page.getByTestId("person-save").click();
    const idItem = form.locator(".ant-form-item").filter({ has: page.locator("#person_idNumber") });
    await expect.poll(() => idItem.locator(".ant-form-item-explain-error").innerText()).toContain("身份证号校验位不正确");
    await screenshot(page, "e2e-person-bad-id");

    await page.locator("#person_idNumber").fill(good);
    const created = page.waitForResponse((r) => r.url().endsWith("/api/persons") && r.request().method() === "POST");
    await page.getByTestId("person-save").click();
    expect((await created).status()).toBe(201);
    await form.waitFor({ state: "detached" });

    await page.goto(`${baseUrl}/#/people?org=3&q=${encodeURIComponent(name)}`);
    await expect.poll(() => listTotal(page)).toBe(1);
    const row = page.getByTestId("people-table").locator(".ant-table-row", { hasText: name });
    // Masked as everywhere: the ID number as 1408**********, the phone as 139****5678.
    expect(await row.innerText()).toContain("139****5678");
    expect(await row.innerText()).toContain(`${good.slice(0, 4)}**********${good.slice(-4)}`);
  });

  it("edits the person, then deletes it with a reason", async () => {
    const row = page.getByTestId("people-table").locator(".ant-table-row", { hasText: name });
    await row.getByTestId("person-edit").click();
    await page.locator("#person_address").waitFor();
    await page.locator("#person_address").fill("山西省河津市清涧街道测试路1号");
    const saved = page.waitForResponse((r) => /\/api\/persons\/\d+$/.test(r.url()) && r.request().method() === "PATCH");
    await page.getByTestId("person-save").click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => row.innerText()).toContain("山西省河津市清涧街****");

    await row.getByTestId("person-delete-button").click();
    await page.getByTestId("person-delete-confirm").click();
    // No reason, no delete.
    await page.getByText("请填写删除原因").waitFor();
    await page.locator("#personDelete_reason").fill("测试数据，已核实删除");
    const deleted = page.waitForResponse((r) => /\/api\/persons\/\d+$/.test(r.url()) && r.request().method() === "DELETE");
    await page.getByTestId("person-delete-confirm").click();
    expect((await deleted).status()).toBe(200);
    await expect.poll(() => listTotal(page)).toBe(0);
    await page.locator(".ant-empty-description", { hasText: "没有符合条件的人员" }).waitFor();
  });

  it("exports the filtered people as CSV (masked, UTF-8 with BOM)", async () => {
    await page.goto(`${baseUrl}/#/people?org=3&post=grid_worker`);
    const total = await listTotal(page);
    const download = page.waitForEvent("download");
    await page.getByTestId("people-export").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^人员_\d{8}-\d{4}\.csv$/);
    const text = readFileSync((await file.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("姓名,性别,所属组织,手机号,身份证号,住址,政治面貌,职务");
    expect(lines).toHaveLength(total + 1);
    // No full phone or ID number leaves in an export.
    expect(text).not.toMatch(/1\d{10}/);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    await page.getByTestId("export-done").waitFor();
  });

  it("on a 360 px phone the new lists fit the screen", async () => {
    const phone = await phoneContext(await context.storageState());
    const mobile = await phone.newPage();
    const mobileErrors = collectPageErrors(mobile);
    // Households are cards on a phone (the field lists); the others stay tables that fit.
    for (const [route, ready, shot] of [
      ["/people?org=3&post=grid_worker", "people-table", "e2e-phone-drill-people"],
      ["/nodes?org=3&kind=micro_grid", "nodes-table", "e2e-phone-nodes"],
      ["/households?org=3", "household-card", "e2e-phone-households"],
      ["/party-orgs?org=3", "party-orgs-table", "e2e-phone-party-orgs"],
      ["/departments?inGrid=true", "departments-table", "e2e-phone-departments"],
      ["/units", "units-table", "e2e-phone-units"],
    ] as const) {
      await mobile.goto(`${baseUrl}/#${route}`);
      const list = mobile.getByTestId(ready);
      await (ready.endsWith("-card") ? list.first() : list.locator(".ant-table-row").first()).waitFor();
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(mobile, shot);
    }
    await mobile.goto(`${baseUrl}/#/households?org=3&open=917`);
    await mobile.getByTestId("household-member").first().waitFor();
    await mobile.waitForTimeout(400);
    await screenshot(mobile, "e2e-phone-household-drawer");
    expect(mobileErrors).toEqual([]);
    await phone.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a city-wide view, as the campaign office (admin.office)", () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  it("the tree stays fluid: expand the city, a township, a village and a grid (times printed)", async () => {
    context = await desktopContext();
    page = await context.newPage();
    errors = collectPageErrors(page);
    await signIn(page, baseUrl, "admin.office", password);

    const timings: Record<string, number> = {};
    // The city is the only root: it opens by itself.
    timings["open 组织架构, city's 9 children shown"] = await ms(async () => {
      await page.getByTestId("nav-orgs").click();
      await treeRow(page, "阳村乡").waitFor();
    });
    const expand = async (label: string, parent: string, child: string) => {
      const row = treeRow(page, parent);
      timings[label] = await ms(async () => {
        await row.locator(".ant-tree-switcher").click();
        await treeRow(page, child).waitFor();
      });
    };
    await expand("expand 樊村镇 (22 villages)", "樊村镇", "程家窑村");
    await expand("expand 程家窑村 (3 grids)", "程家窑村", "程家窑村第1网格");
    await expand("expand 程家窑村第1网格 (micro-grids)", "程家窑村第1网格", "程家窑村第1网格第1微网格");
    await expand("expand 清涧街道 (27 communities and villages)", "清涧街道", "清涧社区");

    // The tree is virtual (antd Tree with height): fewer rows are in the page than are open.
    const holder = page.locator('[data-testid="org-tree"] .ant-tree-list-holder');
    expect(await holder.count()).toBe(1);
    const inPage = await page.locator('[data-testid="org-tree"] .ant-tree-treenode').count();
    const open = 1 + 9 + 22 + 3 + 5 + 27;
    console.log(`[tree] ${open} rows open, ${inPage} rendered in the page`);
    expect(inPage).toBeLessThan(open);

    // Scrolling the virtual list to the bottom brings the last rows in.
    timings["scroll the tree to its end"] = await ms(async () => {
      await holder.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await treeRow(page, "阳村乡").waitFor();
    });

    // The search over the city: "网格" matches thousands of nodes; the first page of them shows.
    const search = page.getByTestId("org-search").locator("input");
    let found = 0;
    let rendered = 0;
    timings["search 网格 (results shown)"] = await ms(async () => {
      const answer = page.waitForResponse((r) => r.url().includes("/api/orgs/search"));
      await search.fill("网格");
      found = ((await (await answer).json()) as { total: number }).total;
      const options = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
      await options.first().waitFor();
      rendered = await options.count();
    });
    console.log(`[tree] search 网格: ${found} results, ${rendered} options rendered (the drop-down is virtual too)`);
    // Pick one: the tree opens down to it.
    timings["pick a search result, tree opened to it"] = await ms(async () => {
      await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").first().click();
      await expect.poll(() => page.url()).toMatch(/#\/orgs\/\d+$/);
      await page.getByTestId("org-node-title").waitFor();
    });
    await screenshot(page, "e2e-tree-admin");
    for (const [label, value] of Object.entries(timings)) console.log(`[tree] ${label}: ${value} ms`);
  });

  it("with about a thousand rows open the tree still scrolls and opens quickly (times printed)", async () => {
    await page.getByTestId("nav-orgs").click();
    const holder = page.locator('[data-testid="org-tree"] .ant-tree-list-holder');
    await holder.waitFor();
    const rowsOpen = () => holder.evaluate((el) => Math.round(el.scrollHeight / 28));
    /** Opens every closed row of the given kinds, scrolling down the virtual list as it goes (bounded). */
    const expandAll = async (kinds: RegExp, cap: number): Promise<number> => {
      let clicks = 0;
      await holder.evaluate((el) => el.scrollTo({ top: 0 }));
      for (let guard = 0; guard < 2000 && clicks < cap; guard++) {
        const closed = page
          .locator('[data-testid="org-tree"] .ant-tree-treenode')
          .filter({ has: page.locator(".ant-tree-switcher_close") })
          .filter({ has: page.locator(".ant-tag", { hasText: kinds }) });
        if ((await closed.count()) > 0) {
          await closed.first().locator(".ant-tree-switcher").click();
          await page.locator('[data-testid="org-tree"] .ant-tree-treenode-loading').first().waitFor({ state: "detached" }).catch(() => undefined);
          clicks++;
          continue;
        }
        const atEnd = await holder.evaluate((el) => {
          const before = el.scrollTop;
          el.scrollTop = before + el.clientHeight - 56;
          return el.scrollTop === before;
        });
        if (atEnd) break;
        await page.waitForTimeout(30);
      }
      return clicks;
    };
    const started = performance.now();
    const places = await expandAll(/^(社区|村)$/, 50);
    const grids = await expandAll(/^网格$/, 200);
    const total = await rowsOpen();
    console.log(`[tree] opened ${places} villages/communities and ${grids} grids in ${Math.round(performance.now() - started)} ms: ${total} rows open`);
    expect(total).toBeGreaterThan(500);
    const inPage = await page.locator('[data-testid="org-tree"] .ant-tree-treenode').count();
    console.log(`[tree] ${total} rows open, ${inPage} rendered in the page`);
    expect(inPage).toBeLessThan(100);

    const toEnd = await ms(async () => {
      await holder.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await treeRow(page, "阳村乡").waitFor();
    });
    const toTop = await ms(async () => {
      await holder.evaluate((el) => el.scrollTo({ top: 0 }));
      await treeRow(page, "河津市").waitFor();
    });
    // Scroll page by page down to a township below all that is open, then open it too.
    let pages = 0;
    const find = await ms(async () => {
      for (; pages < 400 && (await treeRow(page, "僧楼镇").count()) === 0; pages++) {
        await holder.evaluate((el) => {
          el.scrollTop += el.clientHeight - 56;
        });
        await page.waitForTimeout(10);
      }
      await treeRow(page, "僧楼镇").waitFor();
    });
    const more = await ms(async () => {
      await treeRow(page, "僧楼镇").locator(".ant-tree-switcher").click();
      await expect.poll(rowsOpen).toBeGreaterThan(total);
    });
    // Selecting a node re-renders the tree with its selection.
    const select = await ms(async () => {
      await treeRow(page, "僧楼镇").locator(".ant-tree-node-content-wrapper").click();
      await expect.poll(() => page.getByTestId("org-node-title").textContent()).toBe("僧楼镇");
    });
    console.log(
      `[tree] with ${total} rows open: scroll to end ${toEnd} ms, back to top ${toTop} ms, page down ${pages} screens to 僧楼镇 ${find} ms, open it ${more} ms, select it ${select} ms`,
    );
    await screenshot(page, "e2e-tree-thousand");
  });

  it("opens the city's 3,590 micro-grids from its figure and pages through them", async () => {
    await page.getByTestId("nav-home").click();
    await page.getByTestId("figure-grid.microGrids").waitFor();
    const microGrids = await figureValue(page, "grid.microGrids");
    expect(microGrids).toBe(3590);
    await page.getByTestId("figure-grid.microGrids").click();
    await page.getByTestId("nodes-table").locator(".ant-table-row").first().waitFor();
    expect(page.url()).toMatch(/#\/nodes\?org=1&kind=micro_grid$/);
    expect(await listTotal(page)).toBe(microGrids);

    const firstName = async () => (await page.getByTestId("nodes-table").locator(".ant-table-row").first().innerText()).split("\t")[0];
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = await firstName();
      timings.push(
        await ms(async () => {
          await page.locator(".ant-pagination-next").click();
          await expect.poll(firstName).not.toBe(before);
        }),
      );
    }
    console.log(`[descendants] next page ×3: ${timings.join(", ")} ms`);
    expect(page.url()).toContain("page=4");
    const lastPage = Math.ceil(microGrids / 20);
    const toLast = await ms(async () => {
      await page.locator(`.ant-pagination-item[title="${lastPage}"]`).click();
      await expect.poll(() => page.getByTestId("nodes-table").locator(".ant-table-row").count()).toBe(microGrids - (lastPage - 1) * 20);
    });
    console.log(`[descendants] jump to page ${lastPage}: ${toLast} ms`);
    await screenshot(page, "e2e-descendants-last-page");
  });

  it("other figures of the city match their lists: party organisations of organs, departments, functions", async () => {
    await page.getByTestId("nav-home").click();
    await page.getByTestId("figure-service.organPartyOrgs").waitFor();
    const organs = await figureValue(page, "service.organPartyOrgs");
    const departments = await figureValue(page, "grid.departments");
    const functions = await figureValue(page, "grid.functions");

    await page.getByTestId("figure-service.organPartyOrgs").click();
    await page.getByTestId("party-orgs-table").locator(".ant-table-row").first().waitFor();
    expect(await listTotal(page)).toBe(organs);
    await screenshot(page, "e2e-party-orgs");

    await page.goBack();
    await page.getByTestId("figure-grid.departments").click();
    await page.getByTestId("departments-table").locator(".ant-table-row").first().waitFor();
    expect(await listTotal(page)).toBe(departments);
    await screenshot(page, "e2e-departments");

    await page.goBack();
    await page.getByTestId("figure-grid.functions").click();
    await page.getByTestId("functions-table").locator(".ant-table-row").first().waitFor();
    expect(await listTotal(page)).toBe(functions);

    await page.getByTestId("nav-units").click();
    await page.getByTestId("units-table").locator(".ant-table-row").first().waitFor();
    await screenshot(page, "e2e-units");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the audit log as CSV, as the audit administrator", () => {
  it("exports the filtered entries, newest first, with a BOM", async () => {
    const context = await desktopContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "auditadmin", password);
    await page.getByTestId("nav-audit").click();
    await page.locator(".ant-table-row").first().waitFor();
    const download = page.waitForEvent("download");
    await page.getByTestId("audit-export").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^审计日志_\d{8}-\d{4}\.csv$/);
    const text = readFileSync((await file.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]?.startsWith("#,时间,操作人,操作,action,")).toBe(true);
    expect(lines.length).toBeGreaterThan(2);
    // Person records were added and deleted above: they are in the trail, with masked values only.
    expect(text).toContain("person.delete");
    const ids = lines.slice(1).map((line) => Number(line.split(",")[0]));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(errors).toEqual([]);
    await context.close();
  });
});
