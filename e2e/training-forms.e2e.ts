import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";
import { answer } from "./paper";

/**
 * Training's own forms and lists in the browser, at a 1440×900 desk: the cadre of 清涧街道
 * (cadre.qingjian) sets up a branch classroom and a teacher through their forms and finds each by
 * search (and an empty state for a search that matches nothing); sets a test of two drawing rules,
 * the second asking the bank for more hard questions than it holds, which is marked on that row until
 * fixed; then sets a make-up of the township's open test for those who have not submitted, which the
 * village secretary (secretary.t02-v001) takes on a 360×740 phone, and the make-up's results show
 * the paper. Real server, in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

/** Each page waits up to a minute for what it shows: on the shared 2-core machine a page may take longer than Playwright's 30 s. */
const PAGE_TIMEOUT = 60_000;

const stamp = Date.now() % 100000;
/** A day in Beijing time, `days` from today. */
const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The input of a test id, whether the id sits on the input itself or on its wrapper. */
const inputOf = (page: Page, testId: string) => page.getByTestId(testId).locator("xpath=descendant-or-self::input").first();

async function chooseOption(page: Page, selector: string, label: string): Promise<void> {
  await page.locator(selector).click();
  // The list just opened, not one still fading out from the select before (it is visible, but leaves under the click).
  await page.locator('.ant-select-dropdown:visible:not([class*="-leave"]) .ant-select-item-option', { hasText: label }).first().click();
}

describe("training's forms at the desk and the make-up test on the phone", () => {
  // Two forms and two lists in one story: on the shared machine it outlasts the default three minutes.
  it("adds a branch classroom and a teacher through their forms, and finds each in its list by search", async () => {
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    desk.setDefaultTimeout(PAGE_TIMEOUT);
    const page = await desk.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    const me = (await (await page.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    const township = me.roles[0]!.nodeId!;

    await page.goto(`${baseUrl}/#/training/classrooms?org=${township}`);
    await page.getByTestId("training-classrooms-page").waitFor();
    await page.getByTestId("classroom-new").click();
    // The form refuses an empty name on its field.
    await page.getByTestId("classroom-save").click();
    await page.getByTestId("classroom-form").locator(".ant-form-item-explain-error").first().waitFor();
    const room = `清涧街道第二分课堂${stamp}`;
    await page.locator("#classroom_name").fill(room);
    await page.locator("#classroom_address").fill("清涧街道党群服务中心三楼");
    await page.getByTestId("classroom-save").click();
    await page.getByTestId("classroom-form").waitFor({ state: "detached" });
    await inputOf(page, "classrooms-search").fill(room);
    await inputOf(page, "classrooms-search").press("Enter");
    const roomRow = page.getByTestId("training-classrooms").locator("tr", { hasText: room });
    await roomRow.waitFor();
    expect(await roomRow.innerText()).toContain("分课堂（乡镇）");
    await screenshot(page, "e2e-training-classrooms");
    await inputOf(page, "classrooms-search").fill(`无此课堂${stamp}`);
    await inputOf(page, "classrooms-search").press("Enter");
    await page.getByText("没有符合条件的课堂").waitFor();

    await page.goto(`${baseUrl}/#/training/teachers?org=${township}`);
    await page.getByTestId("teacher-new").click();
    const teacher = `刘春梅${stamp}`;
    await page.locator("#teacher_name").fill(teacher);
    await chooseOption(page, "#teacher_level", "乡镇级");
    await page.locator("#teacher_unit").fill("清涧街道党工委");
    await chooseOption(page, "#teacher_topics", "基层治理");
    await page.keyboard.press("Escape");
    await page.getByTestId("teacher-save").click();
    await page.getByTestId("teacher-form").waitFor({ state: "detached" });
    await inputOf(page, "teachers-search").fill(teacher);
    await inputOf(page, "teachers-search").press("Enter");
    const teacherRow = page.getByTestId("training-teachers").locator("tr", { hasText: teacher });
    await teacherRow.waitFor();
    expect(await teacherRow.innerText()).toMatch(/乡镇级[\s\S]*清涧街道党工委[\s\S]*基层治理/);
    await screenshot(page, "e2e-training-teachers");
    expect(errors).toEqual([]);
    await desk.close();
  }, 360_000);

  it("marks a drawing rule the bank cannot fill on its own row, and sets the test once the row is fixed", async () => {
    const secretary = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    secretary.setDefaultTimeout(PAGE_TIMEOUT);
    const secretaryPage = await secretary.newPage();
    await signIn(secretaryPage, baseUrl, "secretary.t02-v001", password);
    const candidate = ((await (await secretaryPage.request.get(`${baseUrl}/api/auth/me`)).json()) as { displayName: string }).displayName;
    await secretary.close();

    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });

    desk.setDefaultTimeout(PAGE_TIMEOUT);
    const page = await desk.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    await page.goto(`${baseUrl}/#/training/exams`);
    await page.getByTestId("exam-new").click();
    const title = `基层治理专题测试${stamp}`;
    await page.locator("#exam_title").fill(title);
    await chooseOption(page, "#exam_rules_0_topic", "基层治理");
    // A second rule: five hard questions of the topic, where the bank holds four.
    await page.getByTestId("rule-add").click();
    await page.locator("#exam_rules_1_topic").waitFor();
    await chooseOption(page, "#exam_rules_1_topic", "基层治理");
    await chooseOption(page, "#exam_rules_1_difficulty", "难");
    await page.locator("#exam_rules_1_count").fill("5");
    await page.locator("#exam_opensAt").fill(day(0));
    await page.locator("#exam_closesAt").fill(day(7));
    const picker = page.locator("#exam_candidatePersonIds");
    await picker.click();
    await picker.fill(candidate);
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: candidate }).first().click();
    await page.keyboard.press("Escape");
    const refused = page.waitForResponse((response) => response.url().endsWith("/api/exams") && response.request().method() === "POST");
    await page.getByTestId("exam-save").click();
    expect((await refused).status()).toBe(400);
    // The server's 400 names rules.1.count: the error sits on the second row's count, and nowhere else.
    const rows = page.getByTestId("exam-form").locator('[data-testid="exam-rule"]');
    await rows.nth(1).locator(".ant-form-item-explain-error").waitFor();
    expect(await rows.nth(0).locator(".ant-form-item-explain-error").count()).toBe(0);
    expect(await page.locator(".ant-form-item", { has: page.locator("#exam_rules_1_count") }).locator(".ant-form-item-explain-error").count()).toBe(1);
    await screenshot(page, "e2e-training-exam-rule-error");
    await page.locator("#exam_rules_1_count").fill("4");
    await page.getByTestId("exam-save").click();
    await page.getByTestId("exam-form").waitFor({ state: "detached" });
    const row = page.getByTestId("training-exams").locator("tr", { hasText: title });
    await row.waitFor();
    expect(await row.innerText()).toContain("1");
    // The refused test's failed load is part of the story, not a page error.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    await desk.close();
  });

  it("sets a make-up of the township's open test for those who have not submitted; the secretary takes it on the phone and the desk sees the paper", async () => {
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    desk.setDefaultTimeout(PAGE_TIMEOUT);
    const page = await desk.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "cadre.qingjian", password);
    await page.goto(`${baseUrl}/#/training/exams`);
    await page.getByRole("link", { name: "清涧街道村（社区）干部能力测试" }).click();
    await page.getByTestId("training-exam-results-page").waitFor();
    await page.getByTestId("makeup-new").click();
    // Nobody has submitted in this copy of the demo: the make-up is for every candidate of the test.
    await page.getByTestId("makeup-count").waitFor();
    expect(await page.getByTestId("makeup-count").innerText()).toMatch(/将为 \d+ 名未通过或未交卷的人员安排补考/);
    await page.locator("#makeup_opensAt").fill(day(0));
    await page.locator("#makeup_closesAt").fill(day(14));
    await page.getByTestId("makeup-save").click();
    await page.getByTestId("makeup-original").waitFor();
    expect(await page.locator("body").innerText()).toContain("清涧街道村（社区）干部能力测试（补考）");
    const makeupPath = new URL(page.url()).hash;
    await screenshot(page, "e2e-training-makeup-set");

    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });

    phone.setDefaultTimeout(PAGE_TIMEOUT);
    const mobile = await phone.newPage();
    const phoneErrors = collectPageErrors(mobile);
    await signIn(mobile, baseUrl, "secretary.t02-v001", password);
    const me = (await mobile.evaluate(() => fetch("/api/auth/me").then((response) => response.json()))) as { displayName: string };
    await mobile.goto(`${baseUrl}/#/my-training`);
    const makeup = mobile.getByTestId("my-exam").filter({ hasText: "（补考）" });
    await makeup.getByRole("button", { name: "开始答题" }).click();
    await mobile.getByTestId("exam-paper").waitFor();
    await expect.poll(() => mobile.getByTestId("paper-question").textContent()).toContain("第 1 / 20 题");
    for (let n = 0; n < 20; n++) {
      await answer(mobile);
      if (n < 19) await mobile.getByTestId("paper-next").click();
    }
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await mobile.getByTestId("paper-submit").click();
    await mobile.getByRole("dialog").getByRole("button", { name: /交\s*卷/ }).click();
    await mobile.getByTestId("attempt-result").waitFor();
    await screenshot(mobile, "e2e-training-makeup-phone");
    expect(phoneErrors).toEqual([]);
    await phone.close();

    // The desk still shows the make-up as it was before the paper came in: read it again.
    await page.goto(`${baseUrl}/${makeupPath}`);
    await page.reload();
    const row = page.getByTestId("training-exam-results").locator("tr").filter({ hasText: me.displayName });
    await row.waitFor();
    // Each candidate's draw differs: a paper with a short answer waits for its grader, one without is scored at once.
    expect(await row.textContent()).toMatch(/待阅卷|已评分/);
    expect(errors).toEqual([]);
    await desk.close();
  });
});
