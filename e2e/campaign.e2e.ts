import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { collectPageErrors, screenshot, shotsDir, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * The campaign (专项行动) in the browser: the office publishes topics; a unit (unit.zzb, 市委组织部)
 * takes one with a plan and a leader (leader.city) claims one (揭榜领题); the office approves; the
 * unit reports progress with evidence; the office accepts, and the battle map (挂图作战) shows the
 * new project and its progress; a returned report rings the unit's bell. Then the map on a phone
 * and on an A3 sheet. Real server, in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

function desktopContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
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

/** Refused steps (409) and refused input (400) are part of the story: their failed loads are not page errors. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of 40[09]/.test(e));
}

/** A day in the city, counted from today ("YYYY-MM-DD"). */
function cityDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function pickDate(input: Locator, day: string): Promise<void> {
  await input.click();
  await input.fill(day);
  await input.press("Enter");
}

async function listTotal(page: Page): Promise<number> {
  const total = page.locator('[data-testid="list-total"][data-total]');
  await total.first().waitFor();
  return Number(await total.first().getAttribute("data-total"));
}

const stamp = Date.now() % 100000;
const unitTopic = `社区微治理创新${stamp}`;
const leaderTopic = `乡村振兴示范带${stamp}`;
const planProject = `居民议事厅建设${stamp}`;

/** A dialog by its test id (antd puts the id on the modal's root, which has no box of its own). */
function dialogOf(page: Page, testId: string): Locator {
  return page.getByTestId(testId).locator(".ant-modal").first();
}

function topicCard(page: Page, title: string): Locator {
  return page.getByTestId("topic-card").filter({ has: page.getByTestId("topic-title").filter({ hasText: title }) });
}

/** A tiny real PNG (the server checks the bytes, not the name). */
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f2b1a40000000049454e44ae426082",
  "hex",
);

describe("campaign: claim → approve → report → the battle map", () => {
  let office: BrowserContext;
  let officePage: Page;
  let officeErrors: string[];
  let unit: BrowserContext;
  let unitPage: Page;
  let unitErrors: string[];
  let projectId = 0;

  it("the office sees the campaign's figures, and each opens the list of exactly what it counts", async () => {
    office = await desktopContext();
    officePage = await office.newPage();
    officeErrors = collectPageErrors(officePage);
    await signIn(officePage, baseUrl, "admin.office", password);
    // From the city's overview: the campaign figure opens the list the campaign API names for it.
    const home = officePage.getByTestId("figure-campaign.topicProjects");
    await home.waitFor();
    const homeValue = Number((await home.locator('[data-testid="figure-value"], .ant-statistic-content-value').innerText()).replace(/[^\d]/g, ""));
    await home.click();
    await officePage.getByTestId("projects-table").locator(".ant-table-row").first().waitFor();
    expect(officePage.url()).toMatch(/#\/campaign\/projects\?campaign=\d+&level=topic$/);
    expect(await listTotal(officePage)).toBe(homeValue);
    await officePage.getByTestId("nav-campaign").click();
    await officePage.getByTestId("campaign-figures").waitFor();
    const value = async (key: string) => Number((await officePage.getByTestId(`figure-${key}`).locator('[data-testid="figure-value"], .ant-statistic-content-value').innerText()).replace(/[^\d]/g, ""));
    expect(await value("campaign.measures")).toBe(108);
    // The demo's 75 (more when the run reuses a server where units have taken topics since).
    const topicProjects = await value("campaign.topicProjects");
    expect(topicProjects).toBeGreaterThanOrEqual(75);
    const requiredActions = await value("campaign.requiredActions");
    await officePage.getByTestId("decomposition-table").locator(".ant-table-row").first().waitFor();
    await screenshot(officePage, "e2e-campaign-overview");

    await officePage.getByTestId("figure-campaign.topicProjects").click();
    await officePage.getByTestId("projects-table").locator(".ant-table-row").first().waitFor();
    expect(officePage.url()).toMatch(/#\/campaign\/projects\?campaign=\d+&level=topic$/);
    expect(await listTotal(officePage)).toBe(topicProjects);
    await officePage.goBack();
    await officePage.getByTestId("figure-campaign.requiredActions").click();
    await officePage.getByTestId("topics-table").locator(".ant-table-row").first().waitFor();
    expect(await listTotal(officePage)).toBe(requiredActions);
    await officePage.goBack();
    await officePage.getByTestId("figure-campaign.taskForces").click();
    await officePage.getByTestId("task-force").first().waitFor();
    expect(await listTotal(officePage)).toBe(6);
    expect(await officePage.getByTestId("task-force-members").first().innerText()).toContain("组长");

    // The rates: each count opens its projects, as many as it says.
    await officePage.getByTestId("campaign-tab-rates").click();
    const onTime = officePage.getByTestId("rate-on-time").first();
    await onTime.waitFor();
    const count = Number(await onTime.getAttribute("data-count"));
    await onTime.click();
    await officePage.getByTestId("projects-table").waitFor();
    expect(officePage.url()).toContain("outcome=on_time");
    expect(await listTotal(officePage)).toBe(count);
  });

  it("the office publishes a topic for units and one for leaders", async () => {
    await officePage.getByTestId("campaign-tab-board").click();
    await officePage.getByTestId("board-open").waitFor();
    for (const [title, audience] of [
      [unitTopic, "单位领题"],
      [leaderTopic, "领导揭榜"],
    ] as const) {
      await officePage.getByTestId("topic-create").click();
      const form = dialogOf(officePage, "topic-form");
      await form.waitFor();
      await form.getByText(audience, { exact: true }).click();
      await officePage.locator("#topic_title").fill(title);
      await officePage.locator("#topic_description").fill("围绕社区微治理，探索居民议事新机制。");
      await officePage.locator("#topic_expectedResults").fill("形成可复制的议事规则。");
      await pickDate(officePage.locator("#topic_claimDeadline"), cityDay(20));
      const published = officePage.waitForResponse((r) => /\/api\/campaign\/topics\/\d+\/publish$/.test(r.url()));
      await officePage.getByTestId("topic-save").click();
      expect((await published).status()).toBe(200);
      await form.waitFor({ state: "detached" });
      await topicCard(officePage, title).waitFor();
    }
    const card = topicCard(officePage, unitTopic);
    expect(await card.getAttribute("data-status")).toBe("open");
    expect(await card.getByTestId("topic-deadline").innerText()).toContain("还剩 20 天");
    // The office manages topics but does not claim them.
    expect(await card.getByTestId("topic-claim").count()).toBe(0);
    expect(await card.getByTestId("topic-close").count()).toBe(1);
    await screenshot(officePage, "e2e-campaign-board-office");
  });

  it("the unit takes the topic with a plan: a project with a deadline and milestones in two stages", async () => {
    unit = await desktopContext();
    unitPage = await unit.newPage();
    unitErrors = collectPageErrors(unitPage);
    await signIn(unitPage, baseUrl, "unit.zzb", password);
    await unitPage.goto(`${baseUrl}/#/campaign/board`);
    const card = topicCard(unitPage, unitTopic);
    await card.waitFor();
    // A unit takes topics for units; the leaders' list is not for it.
    expect(await topicCard(unitPage, leaderTopic).getByTestId("topic-claim").count()).toBe(0);
    await card.getByTestId("topic-claim").click();
    const form = dialogOf(unitPage, "claim-form");
    await form.waitFor();
    expect(await form.locator(".ant-select").first().innerText()).toContain("市委组织部");
    await unitPage.locator("#claim_summary").fill("本单位牵头，在三个社区试点居民议事厅。");
    await unitPage.locator("#claim_projects_0_name").fill(planProject);
    await pickDate(unitPage.locator("#claim_projects_0_deadline"), cityDay(60));
    await unitPage.locator("#claim_projects_0_milestones_0_name").fill("制定议事规则");
    await pickDate(unitPage.locator("#claim_projects_0_milestones_0_dueOn"), cityDay(20));
    await form.getByTestId("plan-add-milestone").click();
    await unitPage.locator("#claim_projects_0_milestones_1_name").fill("议事厅投入使用");
    // A milestone after the project's deadline is caught before sending.
    await pickDate(unitPage.locator("#claim_projects_0_milestones_1_dueOn"), cityDay(90));
    await unitPage.locator("#claim_projects_0_milestones_1_stage").fill("2");
    await unitPage.getByTestId("claim-submit").click();
    await form.getByText("节点时限晚于项目完成时限").waitFor();
    await screenshot(unitPage, "e2e-campaign-claim-form");
    await pickDate(unitPage.locator("#claim_projects_0_milestones_1_dueOn"), cityDay(55));
    const created = unitPage.waitForResponse((r) => r.url().endsWith("/api/campaign/claims") && r.request().method() === "POST");
    await unitPage.getByTestId("claim-submit").click();
    const response = await created;
    expect(response.status()).toBe(201);
    const claim = (await response.json()) as { status: string; unit: { name: string }; projects: { milestones: { stage?: number }[] }[] };
    expect(claim).toMatchObject({ status: "submitted", unit: { name: "市委组织部" } });
    expect(claim.projects[0]!.milestones.map((m) => m.stage)).toEqual([1, 2]);
    await form.waitFor({ state: "detached" });
    await expect.poll(() => card.getByTestId("topic-my-claim").innerText()).toContain("待审核");
  });

  let leader: BrowserContext;
  let leaderPage: Page;

  it("a leader claims (揭榜) the leaders' topic in person", async () => {
    leader = await desktopContext();
    leaderPage = await leader.newPage();
    await signIn(leaderPage, baseUrl, "leader.city", password);
    await leaderPage.goto(`${baseUrl}/#/campaign/board?audience=leader`);
    const card = topicCard(leaderPage, leaderTopic);
    await card.getByTestId("topic-claim").click();
    await dialogOf(leaderPage, "claim-form").waitFor();
    await leaderPage.locator("#claim_summary").fill("我来揭榜，下乡调研、选准路径。");
    const created = leaderPage.waitForResponse((r) => r.url().endsWith("/api/campaign/claims") && r.request().method() === "POST");
    await leaderPage.getByTestId("claim-submit").click();
    expect((await created).status()).toBe(201);
    await expect.poll(() => card.getByTestId("topic-my-claim").innerText()).toContain("待审核");
  });

  it("the office returns the unit's claim with a note; the unit revises its plan and resubmits", async () => {
    await officePage.reload();
    const unitRow = officePage.getByTestId("claims-table").locator(".ant-table-row", { hasText: unitTopic });
    await unitRow.getByTestId("claim-return").click();
    const dialog = dialogOf(officePage, "claim-return-dialog");
    await dialog.waitFor();
    await officePage.locator("#claim-return-dialog_note").fill("请明确试点社区和完成标准。");
    const returned = officePage.waitForResponse((r) => /\/api\/campaign\/claims\/\d+\/return$/.test(r.url()));
    await officePage.getByTestId("claim-return-dialog-ok").click();
    expect((await returned).status()).toBe(200);
    await dialog.waitFor({ state: "detached" });

    // The unit's board marks the topic 已退回; its claim page says why, and the plan comes back as it was.
    await unitPage.reload();
    const mine = topicCard(unitPage, unitTopic).getByTestId("topic-my-claim");
    await expect.poll(() => mine.innerText()).toContain("已退回");
    await mine.click();
    await unitPage.getByTestId("claim-page").waitFor();
    expect(await unitPage.getByTestId("claim-review-note").innerText()).toContain("请明确试点社区");
    await unitPage.getByTestId("claim-resubmit").click();
    const form = dialogOf(unitPage, "claim-form");
    await form.waitFor();
    expect(await unitPage.locator("#claim_projects_0_name").inputValue()).toBe(planProject);
    expect(await unitPage.locator("#claim_projects_0_milestones_1_name").inputValue()).toBe("议事厅投入使用");
    await unitPage.locator("#claim_summary").fill("本单位牵头，在清涧、城区、樊村三个社区试点居民议事厅，年底前投入使用。");
    const resubmitted = unitPage.waitForResponse((r) => /\/resubmit$/.test(r.url()));
    await unitPage.getByTestId("claim-submit").click();
    expect((await resubmitted).status()).toBe(200);
    await form.waitFor({ state: "detached" });
    await expect.poll(() => unitPage.getByTestId("claim-page").getAttribute("data-status")).toBe("submitted");
    await screenshot(unitPage, "e2e-campaign-claim-resubmitted");
  });

  it("the office approves the unit's claim; a claim withdrawn meanwhile is refused clearly (409)", async () => {
    await officePage.reload();
    const claims = officePage.getByTestId("claims-table");
    const unitRow = claims.locator(".ant-table-row", { hasText: unitTopic });
    const leaderRow = claims.locator(".ant-table-row", { hasText: leaderTopic });
    await unitRow.waitFor();
    await leaderRow.waitFor();
    await screenshot(officePage, "e2e-campaign-claims-pending");

    await unitRow.getByTestId("claim-approve").click();
    await dialogOf(officePage, "claim-approve-dialog").waitFor();
    const approved = officePage.waitForResponse((r) => /\/api\/campaign\/claims\/\d+\/approve$/.test(r.url()));
    await officePage.getByTestId("claim-approve-dialog-ok").click();
    const approval = await approved;
    expect(approval.status()).toBe(200);
    const result = (await approval.json()) as { status: string; createdProjectIds: number[] };
    expect(result.status).toBe("approved");
    expect(result.createdProjectIds).toHaveLength(1);
    projectId = result.createdProjectIds[0]!;
    await officePage.getByText("已批准，已生成 1 个项目").waitFor();

    // The leader withdraws while the office still has the claim on screen.
    await topicCard(leaderPage, leaderTopic).getByTestId("topic-my-claim").click();
    await leaderPage.getByTestId("claim-page").waitFor();
    await leaderPage.getByTestId("claim-withdraw").click();
    const withdrawn = leaderPage.waitForResponse((r) => /\/withdraw$/.test(r.url()));
    await leaderPage.locator(".ant-popconfirm").getByRole("button", { name: /撤\s*回/ }).click();
    expect((await withdrawn).status()).toBe(200);
    await expect.poll(() => leaderPage.getByTestId("claim-page").getAttribute("data-status")).toBe("withdrawn");
    await leader.close();

    await leaderRow.getByTestId("claim-approve").click();
    const dialog = dialogOf(officePage, "claim-approve-dialog");
    await dialog.waitFor();
    const refused = officePage.waitForResponse((r) => /\/approve$/.test(r.url()));
    await officePage.getByTestId("claim-approve-dialog-ok").click();
    expect((await refused).status()).toBe(409);
    const alert = dialog.getByRole("alert");
    await expect.poll(() => alert.innerText()).toContain("当前状态不允许此操作");
    expect(await alert.innerText()).toContain("withdrawn");
    await screenshot(officePage, "e2e-campaign-conflict");
    // Reload: the claim is withdrawn, nothing is left to approve (its row, and the dialog with it, go).
    await alert.getByRole("button", { name: "刷新数据" }).click();
    await expect.poll(() => leaderRow.count()).toBe(0);
    if ((await dialog.count()) > 0) await dialog.getByRole("button", { name: /取\s*消/ }).click();
  });

  it("the unit finds its new project first on the battle map, and reports progress with evidence", async () => {
    await unitPage.getByTestId("campaign-tab-map").click();
    const row = unitPage.locator(`[data-testid="gantt-row"][data-project="${projectId}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-own")).toBe("true");
    // Own work first: every row above the first other one is the unit's.
    const owns = await unitPage.getByTestId("gantt-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-own")));
    expect(owns.indexOf("false") === -1 || owns.slice(owns.indexOf("false")).every((o) => o === "false")).toBe(true);
    expect(await row.getByTestId("gantt-bar").getAttribute("aria-label")).toContain("进度 0%");
    await screenshot(unitPage, "e2e-campaign-map-unit");

    await row.getByTestId("gantt-bar").click();
    await unitPage.getByTestId("project-page").waitFor();
    expect(unitPage.url()).toContain(`#/campaign/projects/${projectId}`);
    expect(await unitPage.getByTestId("project-name").innerText()).toBe(planProject);
    expect(await unitPage.getByTestId("project-stages").innerText()).toContain("第2阶段");

    await unitPage.getByTestId("report-new").click();
    const form = dialogOf(unitPage, "report-form");
    await form.waitFor();
    // The current stage's milestone is offered; the second stage waits (压茬推进).
    expect(await form.getByTestId("report-milestone").innerText()).toContain("制定议事规则");
    await form.locator(".ant-input-number input").fill("100");
    await unitPage.locator("#report_text").fill("议事规则已经居民代表会议通过，现场照片见附件。");
    const picker = form.getByTestId("evidence-picker").locator('input[type="file"]');
    // Wrong type and too large are named before anything is sent.
    await picker.setInputFiles([
      { name: "资料.zip", mimeType: "application/zip", buffer: Buffer.from("PK\u0003\u0004") },
      { name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) },
    ]);
    const problems = form.getByTestId("evidence-errors");
    await expect.poll(() => problems.innerText()).toContain("类型不支持");
    expect(await problems.innerText()).toContain("超过 10 MB");
    await screenshot(unitPage, "e2e-campaign-report-refused-files");
    await picker.setInputFiles([{ name: "现场照片.png", mimeType: "image/png", buffer: png }]);
    await form.getByText("现场照片.png").waitFor();
    await unitPage.waitForTimeout(400); // let the file list settle for the picture
    await screenshot(unitPage, "e2e-campaign-report-form");
    const uploaded = unitPage.waitForResponse((r) => /\/api\/campaign\/reports\/\d+\/attachments$/.test(r.url()));
    await unitPage.getByTestId("report-submit").click();
    expect((await uploaded).status()).toBe(201);
    await form.waitFor({ state: "detached" });
    const report = unitPage.getByTestId("report").first();
    await expect.poll(() => report.getAttribute("data-status")).toBe("submitted");
    expect(await report.getByTestId("report-attachments").innerText()).toContain("现场照片.png");
    await screenshot(unitPage, "e2e-campaign-project-unit");
  });

  it("the office accepts the report: the project's progress rolls up, and the battle map shows it", async () => {
    await officePage.goto(`${baseUrl}/#/campaign/projects/${projectId}`);
    const report = officePage.getByTestId("report").first();
    await report.getByTestId("report-accept").click();
    await dialogOf(officePage, "report-accept-dialog").waitFor();
    const accepted = officePage.waitForResponse((r) => /\/accept$/.test(r.url()));
    await officePage.getByTestId("report-accept-dialog-ok").click();
    expect((await accepted).status()).toBe(200);
    // One of two milestones complete, unweighted: 50%; the project is under way.
    await expect.poll(() => officePage.getByTestId("project-page").getAttribute("data-progress")).toBe("50");
    expect(await officePage.getByTestId("project-page").getAttribute("data-status")).toBe("in_progress");
    await officePage.waitForTimeout(600); // progress bars animate
    await screenshot(officePage, "e2e-campaign-project-office");

    await unitPage.goto(`${baseUrl}/#/campaign/map`);
    const bar = unitPage.locator(`[data-testid="gantt-row"][data-project="${projectId}"]`).getByTestId("gantt-bar");
    await expect.poll(() => bar.getAttribute("aria-label")).toContain("进度 50%");
    const light = await unitPage.locator(`[data-testid="gantt-row"][data-project="${projectId}"]`).getAttribute("data-light");
    expect(["green", "yellow", "red"]).toContain(light);
    // On the board by status it sits under 推进中.
    await unitPage.getByTestId("map-view").getByText("看板").click();
    await unitPage.getByTestId("map-board-in_progress").locator(`[data-project="${projectId}"]`).waitFor();
    await screenshot(unitPage, "e2e-campaign-map-board");
  });

  it("a returned report rings the unit's bell, and the notification opens the project", async () => {
    await unitPage.goto(`${baseUrl}/#/campaign/projects/${projectId}`);
    await unitPage.getByTestId("report-new").click();
    const form = dialogOf(unitPage, "report-form");
    await form.waitFor();
    expect(await form.getByTestId("report-milestone").innerText()).toContain("议事厅投入使用");
    await form.locator(".ant-input-number input").fill("40");
    await unitPage.locator("#report_text").fill("议事厅装修过半。");
    const created = unitPage.waitForResponse((r) => r.url().endsWith("/api/campaign/reports") && r.request().method() === "POST");
    await unitPage.getByTestId("report-submit").click();
    expect((await created).status()).toBe(201);
    await form.waitFor({ state: "detached" });

    await officePage.reload();
    const pending = officePage.locator('[data-testid="report"][data-status="submitted"]');
    await pending.getByTestId("report-return").click();
    const dialog = dialogOf(officePage, "report-return-dialog");
    await dialog.waitFor();
    // A return needs a note.
    await officePage.getByTestId("report-return-dialog-ok").click();
    await dialog.getByText("请填写退回意见").waitFor();
    await officePage.locator("#report-return-dialog_note").fill("佐证材料不足，请补充现场照片。");
    const returned = officePage.waitForResponse((r) => /\/return$/.test(r.url()));
    await officePage.getByTestId("report-return-dialog-ok").click();
    expect((await returned).status()).toBe(200);

    // The bell asks again when the window regains focus (and every minute).
    await unitPage.goto(`${baseUrl}/#/campaign/map`);
    await unitPage.evaluate(() => window.dispatchEvent(new Event("focus")));
    const bell = unitPage.getByTestId("bell");
    await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBeGreaterThan(0);
    await bell.click();
    const panel = unitPage.getByTestId("notifications-panel");
    const note = panel.locator('[data-testid="notification"][data-kind="report_returned"]').first();
    await note.waitFor();
    expect(await note.innerText()).toContain(planProject);
    expect(await note.innerText()).toContain("佐证材料不足");
    expect(await note.getAttribute("data-read")).toBe("false");
    await unitPage.waitForTimeout(400);
    await screenshot(unitPage, "e2e-campaign-bell");
    const before = Number(await bell.getAttribute("data-unread"));
    await note.click();
    await unitPage.getByTestId("project-page").waitFor();
    expect(unitPage.url()).toContain(`#/campaign/projects/${projectId}`);
    await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBe(before - 1);
    await unitPage.locator('[data-testid="report"][data-status="returned"]').getByTestId("report-review-note").waitFor();
    expect(unexpected(unitErrors)).toEqual([]);
  });

  it("on a 360 px phone the timeline scrolls inside its card, the board stacks, and the bell fits", async () => {
    const phone = await phoneContext(await unit.storageState());
    const mobile = await phone.newPage();
    const mobileErrors = collectPageErrors(mobile);
    await mobile.goto(`${baseUrl}/#/campaign/map`);
    const scroller = mobile.getByTestId("gantt-scroll");
    await mobile.getByTestId("gantt-row").first().waitFor();
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const { inner, outer } = await scroller.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }));
    expect(inner).toBeGreaterThan(outer);
    await screenshot(mobile, "e2e-campaign-phone-map");
    await scroller.scrollIntoViewIfNeeded();
    await screenshot(mobile, "e2e-campaign-phone-gantt");
    await scroller.evaluate((el) => el.scrollTo({ left: 400 }));
    await mobile.waitForTimeout(200);
    await screenshot(mobile, "e2e-campaign-phone-map-scrolled");

    await mobile.goto(`${baseUrl}/#/campaign/map?view=board`);
    await mobile.getByTestId("map-board").scrollIntoViewIfNeeded();
    const columns = mobile.getByTestId("map-board").locator("section");
    await columns.first().waitFor();
    const boxes = await columns.evaluateAll((sections) => sections.map((s) => s.getBoundingClientRect().left));
    expect(new Set(boxes.map((left) => Math.round(left))).size).toBe(1);
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(mobile, "e2e-campaign-phone-board");

    for (const [route, ready, shot] of [
      ["/campaign/board", "board-open", "e2e-campaign-phone-claim-board"],
      [`/campaign/projects/${projectId}`, "project-page", "e2e-campaign-phone-project"],
      ["/campaign", "campaign-figures", "e2e-campaign-phone-overview"],
      ["/campaign/rates", "rates-table", "e2e-campaign-phone-rates"],
    ] as const) {
      await mobile.goto(`${baseUrl}/#${route}`);
      await mobile.getByTestId(ready).waitFor();
      await mobile.waitForTimeout(300);
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(mobile, shot);
    }
    await mobile.getByTestId("bell").click();
    await mobile.getByTestId("notifications-panel").locator('[data-testid="notification"]').first().waitFor();
    await mobile.waitForTimeout(300);
    await screenshot(mobile, "e2e-campaign-phone-bell");
    expect(unexpected(mobileErrors)).toEqual([]);
    await phone.close();
    await unit.close();
  });

  it("prints the battle map on A3 landscape for the wall, without the app's frame", async () => {
    await officePage.goto(`${baseUrl}/#/campaign/map`);
    await officePage.getByTestId("gantt-row").first().waitFor();
    await officePage.emulateMedia({ media: "print" });
    expect(await officePage.getByTestId("map-print-title").isVisible()).toBe(true);
    expect(await officePage.getByTestId("map-print-title").innerText()).toContain("挂图作战");
    expect(await officePage.locator(".ant-layout-sider").isVisible()).toBe(false);
    expect(await officePage.locator(".ant-layout-header").isVisible()).toBe(false);
    // page.pdf prints with the print media, as the browser's own print would.
    await officePage.emulateMedia({ media: null });
    const pdf = join(shotsDir, "e2e-campaign-map-a3.pdf");
    await officePage.pdf({ path: pdf, format: "A3", landscape: true, printBackground: true });
    expect(existsSync(pdf)).toBe(true);
    // The first sheet as a picture, to look at (poppler-utils; skipped where it is not installed).
    const converted = spawnSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(shotsDir, "e2e-campaign-map-a3")]);
    if (converted.error) console.log("[campaign] pdftoppm not available: the PDF is in .tmp/");
    else expect(converted.status).toBe(0);
    expect(unexpected(officeErrors)).toEqual([]);
    await office.close();
  });
});
