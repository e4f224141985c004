import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * 三员分立 in the browser, under the platform's Content-Security-Policy: the system administrator asks
 * to reset the audit administrator's password, the security administrator approves it on the security
 * page, and the audit administrator, signing in with the new password, must choose their own and is
 * told who reset it. Any CSP violation on the way fails the test (collectPageErrors).
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";
const resetTo = "Reset#Audit2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

async function pageAs(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, baseUrl, username, password);
  return { page, errors };
}

describe("a guarded password reset, asked by one administrator and approved by another", () => {
  it("serves the app with a strict CSP that forbids framing", async () => {
    const response = await fetch(`${baseUrl}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("the system administrator can only ask for the reset", async () => {
    const { page, errors } = await pageAs("sysadmin");
    await page.goto(`${baseUrl}/#/accounts`);
    await page.getByPlaceholder("用户名或姓名").fill("auditadmin");
    await page.getByPlaceholder("用户名或姓名").press("Enter");
    const row = page.locator(".ant-table-row", { hasText: "auditadmin" });
    await row.waitFor();
    expect(await row.getByRole("button", { name: "重置密码", exact: true }).count()).toBe(0);
    await row.getByRole("button", { name: "申请重置密码" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("须经安全管理员批准").waitFor();
    await dialog.getByLabel("新密码").fill(resetTo);
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("重置申请已提交，待安全管理员批准").waitFor();
    await page.goto(`${baseUrl}/#/security`);
    const pending = page.getByTestId("password-resets").locator(".ant-table-row", { hasText: "auditadmin" });
    await pending.waitFor();
    expect(await pending.getByRole("button", { name: "批准" }).count()).toBe(0);
    expect(await page.getByTestId("login-attempts").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("the security administrator approves it and sees the sign-in attempts", async () => {
    const { page, errors } = await pageAs("secadmin");
    await page.goto(`${baseUrl}/#/security`);
    const pending = page.getByTestId("password-resets").locator(".ant-table-row", { hasText: "auditadmin" });
    await pending.getByRole("button", { name: "批准" }).click();
    await page.getByRole("dialog").getByRole("button", { name: /确\s*定/ }).click();
    await page.getByText("已批准，密码已重置").waitFor();
    await page.getByTestId("login-attempts").locator(".ant-table-row", { hasText: "sysadmin" }).first().waitFor();
    await screenshot(page, "e2e-security-page");
    expect(errors).toEqual([]);
  });

  it("the audit administrator must choose a new password and is told who reset it", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/`);
    await page.getByTestId("login-username").fill("auditadmin");
    await page.getByTestId("login-password").fill(resetTo);
    await page.getByTestId("login-submit").click();
    const notice = page.getByTestId("password-reset-notice");
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/sysadmin[\s\S]*secadmin/);
    await screenshot(page, "e2e-reset-notice-phone");
    expect(errors).toEqual([]);
  });
});
