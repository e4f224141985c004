import { describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { figureKeys, figureRegistry, type FigureKey } from "../shared/figures";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * The foundation, as a township cadre clicks through it, in Chinese first:
 * sign in, the tree shows only their own street, open it, open a village; switch to English;
 * and on a 360 px phone the menu is a drawer. Runs against the real server, in-process, on an
 * copy of the demo city (e2e/browser.ts startDemoServer). Set E2E_BASE_URL to run it against a server already up.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

/** The names of the nodes at the top level of the tree (those with no indent). */
async function topLevelNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="org-tree"] .ant-tree-treenode').evaluateAll((rows) =>
    rows
      .filter((row) => row.querySelectorAll(".ant-tree-indent-unit").length === 0)
      .map((row) => row.querySelector("[data-node-id] > span")?.textContent ?? ""),
  );
}

function treeRow(page: Page, name: string) {
  return page.locator('[data-testid="org-tree"] .ant-tree-treenode').filter({ has: page.locator("[data-node-id] > span", { hasText: new RegExp(`^${name}$`) }) });
}

describe("foundation: a township cadre in the browser", () => {
  let desktop: BrowserContext;
  let page: Page;
  let errors: string[];

  it("signs in, in Chinese", async () => {
    desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await desktop.newPage();
    errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/`);
    await page.getByRole("heading", { name: "登录" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");

    // A wrong password first: the page says so, in Chinese.
    await page.getByTestId("login-username").fill("cadre.qingjian");
    await page.getByTestId("login-password").fill("not-the-password");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").textContent()).toContain("用户名或密码错误");

    await page.getByTestId("login-password").fill(password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("user-menu").waitFor();
    const menu = await page.getByTestId("nav-menu").innerText();
    expect(menu).toContain("组织架构");
    expect(menu).toContain("人员");
    expect(menu).not.toContain("账号管理");
    expect(menu).not.toContain("审计日志");
  });

  it("opens the tree and sees only 清涧街道", async () => {
    await page.getByTestId("nav-orgs").click();
    await treeRow(page, "清涧街道").waitFor();
    const tops = await topLevelNames(page);
    expect(tops).toEqual(["清涧街道"]);
    const treeText = await page.getByTestId("org-tree").innerText();
    expect(treeText).not.toContain("城区街道");
    expect(treeText).not.toContain("樊村镇");
    expect(treeText).not.toContain("河津市");
  });

  it("expands 清涧街道 and opens a village", async () => {
    const street = treeRow(page, "清涧街道");
    if (!(await street.getAttribute("class"))?.includes("ant-tree-treenode-switcher-open")) {
      await street.locator(".ant-tree-switcher").click();
    }
    // Its children load lazily: wait for the first village (a row tagged 村).
    const village = page.locator('[data-testid="org-tree"] .ant-tree-treenode').filter({ has: page.locator(".ant-tag", { hasText: /^村$/ }) }).first();
    await village.waitFor();
    const villageName = (await village.locator("[data-node-id] > span").first().textContent()) ?? "";
    expect(villageName).not.toBe("");
    await village.locator(".ant-tree-node-content-wrapper").click();

    await expect.poll(() => page.getByTestId("org-node-title").textContent()).toBe(villageName);
    expect(page.url()).toMatch(/#\/orgs\/\d+$/);
    const crumbs = await page.getByTestId("org-breadcrumb").innerText();
    expect(crumbs).toContain("清涧街道");
    expect(crumbs).toContain(villageName);
    // A cadre of the street manages what lies below it: the village can be edited.
    await page.getByTestId("org-action-rename").waitFor();
    await page.getByTestId("figures").waitFor();
    await screenshot(page, "e2e-orgs-zh");
  });

  it("shows the people of the village with masked phone numbers", async () => {
    await page.getByRole("tab", { name: "人员" }).click();
    const table = page.getByTestId("people-table");
    await table.locator(".ant-table-row").first().waitFor();
    const firstValue = table.getByTestId("masked-value").first();
    expect(await firstValue.textContent()).toMatch(/\*/);
    // A township cadre may see the full number (an audited call): the eye button shows it.
    await table.getByTestId("reveal-button").first().click();
    await expect.poll(() => firstValue.textContent()).toMatch(/^1\d{10}$/);
  });

  it("switches to English and the menu reads in English", async () => {
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByTestId("nav-menu").innerText()).toContain("Organisation");
    const menu = await page.getByTestId("nav-menu").innerText();
    expect(menu).toContain("People");
    expect(menu).not.toContain("组织架构");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.evaluate(() => window.localStorage.getItem("zhili.locale"))).toBe("en");
    await screenshot(page, "e2e-orgs-en");
    // Back to Chinese for the phone.
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByTestId("nav-menu").innerText()).toContain("组织架构");
  });

  it("at 360×740 the menu opens as a drawer", async () => {
    const state = await desktop.storageState();
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      storageState: state,
    });
    const mobile = await phone.newPage();
    const mobileErrors = collectPageErrors(mobile);
    await mobile.goto(`${baseUrl}/#/orgs`);
    await mobile.getByTestId("menu-toggle").waitFor();
    // No side menu on a phone: the menu is hidden until the toggle opens the drawer.
    expect(await mobile.locator(".ant-layout-sider").count()).toBe(0);
    await treeRow(mobile, "清涧街道").waitFor();
    // Nothing is wider than the screen.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(mobile, "e2e-phone-tree");

    await mobile.getByTestId("menu-toggle").click();
    const drawer = mobile.locator(".ant-drawer-open");
    await drawer.waitFor();
    const drawerMenu = await drawer.getByTestId("nav-menu").innerText();
    expect(drawerMenu).toContain("组织架构");
    expect(drawerMenu).toContain("人员");
    await mobile.waitForTimeout(400); // let the slide-in finish for the picture
    await screenshot(mobile, "e2e-phone-drawer");

    await drawer.getByTestId("nav-people").click();
    await mobile.locator(".ant-drawer-open").waitFor({ state: "detached" }).catch(() => undefined);
    await expect.poll(() => mobile.locator(".ant-drawer-open").count()).toBe(0);
    await mobile.getByTestId("people-table").waitFor();
    expect(mobile.url()).toContain("#/people");
    await screenshot(mobile, "e2e-phone-people");
    expect(mobileErrors).toEqual([]);
    await phone.close();
  });

  it("signs out", async () => {
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "退出登录" }).click();
    await page.getByTestId("login-notice").waitFor();
    expect(await page.getByTestId("login-notice").innerText()).toContain("您已安全退出");
    expect(errors).toEqual([]);
    await desktop.close();
  });
});

describe("foundation: sign-in problems", () => {
  it("a locked account is told when it unlocks, and a security administrator can unlock it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    let text = "";
    for (let attempt = 0; attempt < 10 && !text.includes("锁定"); attempt++) {
      await page.getByTestId("login-username").fill("unit.zzb");
      await page.getByTestId("login-password").fill(`wrong-${attempt}`);
      const answered = page.waitForResponse((response) => response.url().endsWith("/api/auth/login"));
      await page.getByTestId("login-submit").click();
      await answered;
      await page.locator('[data-testid="login-submit"]:not(.ant-btn-loading)').waitFor();
      text = (await page.getByTestId("login-error").innerText()).trim();
    }
    // "账号因多次密码错误已被锁定，将于 2026/03/01 10:15:00 自动解锁…"
    expect(text).toMatch(/锁定.*将于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} 自动解锁/);
    await screenshot(page, "e2e-login-locked");

    await page.getByTestId("login-username").fill("secadmin");
    await page.getByTestId("login-password").fill(password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("nav-accounts").click();
    const row = page.locator(".ant-table-row", { hasText: "unit.zzb" });
    await row.getByText("已锁定").waitFor();
    await row.getByRole("button", { name: "解锁" }).click();
    await row.getByText("正常").waitFor();
    expect(await row.getByText("已锁定").count()).toBe(0);
    await context.close();
  });

  it("a signed-in page whose session is gone goes back to sign-in", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, "cadre.fancun", password);
    // The session ends elsewhere (sign-out everywhere from another tab): the next call gets 401.
    await page.evaluate(async () => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      await fetch("/api/auth/logout-all", { method: "POST", headers: { "x-csrf-token": me.csrfToken } });
    });
    // The next page asks the server; a background poll may get there first: either way, back to sign-in.
    await page.evaluate(() => {
      window.location.hash = "#/orgs";
    });
    await page.getByTestId("login-submit").waitFor();
    expect(await page.getByTestId("login-notice").innerText()).toMatch(/重新登录|未操作/);
    await context.close();
  });

  it("the home page names every figure by its label, in Chinese and in English, never by its key", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin.office", password);
    await page.goto(`${baseUrl}/#/`);
    await page.getByTestId("figures").waitFor();
    const shown = (await page.locator('[data-testid^="figure-"]:not([data-testid="figure-value"])').evaluateAll((cards) => cards.map((card) => card.getAttribute("data-testid")!.slice("figure-".length)))) as FigureKey[];
    expect(shown.length).toBeGreaterThan(10);
    for (const locale of ["zh", "en"] as const) {
      const text = await page.getByTestId("figures").innerText();
      for (const key of figureKeys) expect([locale, key, text.includes(key)]).toEqual([locale, key, false]);
      for (const key of shown) expect([locale, key, text.includes(figureRegistry[key].label[locale])]).toEqual([locale, key, true]);
      if (locale === "zh") {
        await page.getByTestId("lang-switch").click();
        await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      }
    }
    await screenshot(page, "e2e-home-figures-en");
    await context.close();
  });
});
