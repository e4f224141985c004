import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";
import { answer } from "./paper";

/**
 * The competency test in the browser: a village secretary of 清涧街道 (secretary.t02-v001) sits the
 * open test on a 360×740 phone, one question a screen with the time left, reloads half-way and finds
 * the answers kept, submits; the township's cadre (cadre.qingjian) then sees the result. Real server,
 * in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

describe("the competency test on a phone", () => {
  it("is sat one question a screen, survives a reload, is submitted, and the township sees the result", async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await phone.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "secretary.t02-v001", password);
    const me = (await page.evaluate(() => fetch("/api/auth/me").then((response) => response.json()))) as { displayName: string };

    await page.goto(`${baseUrl}/#/my-training`);
    const exam = page.getByTestId("my-exam").filter({ hasText: "清涧街道" });
    await exam.getByRole("button", { name: "开始答题" }).click();
    await page.getByTestId("exam-paper").waitFor();
    await expect.poll(() => page.getByTestId("paper-time-left").textContent()).toMatch(/剩余时间 4[45]:\d\d/);
    await expect.poll(() => page.getByTestId("paper-question").textContent()).toContain("第 1 / 20 题");

    for (let n = 0; n < 8; n++) {
      await answer(page);
      await page.getByTestId("paper-next").click();
    }
    await screenshot(page, "training-phone-paper");
    // The phone reloads half-way: every answer given is still there, on the question where it stood.
    await page.reload();
    await page.getByTestId("exam-paper").waitFor();
    await expect.poll(() => page.getByTestId("paper-question").textContent()).toContain("第 9 / 20 题");
    for (let n = 8; n > 0; n--) {
      await page.getByTestId("paper-previous").click();
      await page.getByTestId("paper-question").getByText("已保存").waitFor();
    }
    // No page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    for (let n = 0; n < 20; n++) {
      await answer(page);
      if (n < 19) await page.getByTestId("paper-next").click();
    }
    await page.getByTestId("paper-submit").click();
    // The confirmation's own button: the paper's "交卷" stays behind the dialog.
    await page.getByRole("dialog").getByRole("button", { name: /交\s*卷/ }).click();
    await page.getByTestId("attempt-result").waitFor();
    // Short answers wait for a second person, so the paper is being graded.
    await page.getByText("简答题待第二人评阅").waitFor();
    await screenshot(page, "training-phone-result");
    expect(errors).toEqual([]);
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const township = await desk.newPage();
    await signIn(township, baseUrl, "cadre.qingjian", password);
    await township.goto(`${baseUrl}/#/training/exams`);
    await township.getByRole("link", { name: "清涧街道村（社区）干部能力测试" }).click();
    const row = township.getByTestId("training-exam-results").locator("tr").filter({ hasText: me.displayName });
    await row.waitFor();
    expect(await row.textContent()).toContain("待阅卷");
    await screenshot(township, "training-township-results");
    await desk.close();
  });

  it("the organisation department adds a yearly plan and records a rotation through the forms, and finds each in its list", async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await desk.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "admin.office", password);
    const me = (await (await page.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    const city = me.roles[0]!.nodeId!;
    const stamp = Date.now() % 100000;

    // A plan through its form on the plans list, then chosen in the session form's list of plans.
    await page.goto(`${baseUrl}/#/training/plans?org=${city}`);
    await page.getByTestId("plan-new").click();
    await page.getByTestId("plan-save").click();
    await page.getByTestId("plan-form").locator(".ant-form-item-explain-error").first().waitFor();
    const title = `浏览器测试年度计划${stamp}`;
    await page.locator("#plan_title").fill(title);
    // One plan a node a year: the demo city has this year's, so next year's.
    await page.locator("#plan_year").fill(String(new Date().getFullYear() + 1));
    await page.getByTestId("plan-save").click();
    await page.getByTestId("plan-form").waitFor({ state: "detached" });
    await page.getByTestId("training-plans").locator("tr", { hasText: title }).waitFor();
    await page.goto(`${baseUrl}/#/training/sessions?org=${city}`);
    await page.getByTestId("session-new").click();
    await page.locator(".ant-modal-wrap:visible #planId").click();
    await page.locator(".ant-select-item-option", { hasText: title }).first().waitFor();
    await page.keyboard.press("Escape");
    await page.locator(".ant-modal-wrap:visible .ant-modal-close").click();

    // A rotation through its form: the person found by name, and the move in the list.
    await page.goto(`${baseUrl}/#/cadres/moves`);
    await page.getByTestId("move-new").click();
    const picker = page.locator("#move_personId");
    await picker.click();
    await picker.fill("王");
    const option = page.locator(".ant-select-item-option").first();
    await option.waitFor();
    const person = ((await option.textContent()) ?? "").split("（")[0]!;
    await option.click();
    const toPost = `浏览器测试新岗位${stamp}`;
    await page.locator("#move_fromPost").fill("乡镇办公室主任");
    await page.locator("#move_toPost").fill(toPost);
    await page.locator("#move_movedOn").fill("2026-11-30");
    await page.getByTestId("move-save").click();
    const row = page.getByTestId("moves").locator("tr", { hasText: toPost });
    await row.waitFor();
    expect(await row.innerText()).toContain(person);
    await screenshot(page, "e2e-cadres-move-form");
    expect(errors).toEqual([]);
    await desk.close();
  }, 120_000);
});
