import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { collectPageErrors, pageApi, screenshot, signedIn } from "./browser";
import { useDemo } from "./demo";

/**
 * 考评：组织部办公室计算、提交审核并发布一期乡镇考评 → 清涧街道看到本街道的得分卡，打开一项得分背后的事件记录，
 * 提出申诉 → 群众在手机上的“晒一晒”页面看到这一期的公开排名。Real server, in-process, demo city, in Chinese.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

const as = (username: string, viewport?: { width: number; height: number }) => signedIn(browser, baseUrl, username, password, viewport);

/** The first day of the quarter running now, in Shanghai: the demo publishes only the complete quarters before it. */
function quarterStart(): { startsOn: string; endsOn: string; label: string } {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const startsOn = `${year}-${String(quarter * 3 + 1).padStart(2, "0")}-01`;
  return { startsOn, endsOn: today, label: `${year}年第${quarter + 1}季度（截至${today}）` };
}

describe("evaluation and rankings (比一比 晒一晒 看一看)", () => {
  it("the office publishes a quarter; a township reads its scorecard, opens a score's records and appeals; the public page shows the ranking", async () => {
    const office = await as("admin.office");
    const catalogues = await pageApi<{ items: { id: number; bodyKind: string }[] }>(office.page, "GET", "/api/evaluation/catalogues");
    const townships = catalogues.json.items.find((c) => c.bodyKind === "township")!;
    const quarter = quarterStart();
    const created = await pageApi<{ id: number }>(office.page, "POST", "/api/evaluation/periods", { catalogueId: townships.id, ...quarter });
    expect(created.status).toBe(201);
    const periodId = created.json.id;

    // The office computes the draft, sends it for review and publishes it, on the board page.
    await office.page.goto(`${baseUrl}/#/evaluation?period=${periodId}`);
    await office.page.getByTestId("evaluation-boards").waitFor();
    await office.page.getByTestId("period-compute").click();
    await office.page.getByTestId("board-table").getByText("清涧街道").waitFor();
    await office.page.getByTestId("period-submit").click();
    await office.page.getByTestId("period-publish").click();
    await office.page.getByTestId("period-publish").waitFor({ state: "detached" });
    expect(await office.page.getByTestId("period-select").innerText()).toContain("已发布");
    await screenshot(office.page, "evaluation-board");

    // 清涧街道 reads its own scorecard and opens the records behind an automatic score.
    const township = await as("cadre.qingjian");
    const me = await pageApi<{ roles: { nodeId: number | null }[] }>(township.page, "GET", "/api/auth/me");
    const ownId = me.json.roles.find((role) => role.nodeId !== null)!.nodeId!;
    await township.page.goto(`${baseUrl}/#/evaluation/scorecard?period=${periodId}&kind=township&body=${ownId}`);
    await township.page.getByTestId("scorecard").waitFor();
    expect(await township.page.getByTestId("scorecard").innerText()).toContain("清涧街道");
    const card = await pageApi<{ score: number; items: { itemId: number; source: string; denominator: number | null }[] }>(township.page, "GET", `/api/evaluation/periods/${periodId}/bodies/township/${ownId}`);
    expect(await township.page.getByTestId("scorecard-score").innerText()).toBe(String(card.json.score));
    const withRecords = card.json.items.find((item) => item.source === "auto" && (item.denominator ?? 0) > 0)!;
    await township.page.getByTestId(`drill-${withRecords.itemId}`).click();
    await township.page.getByTestId("drill-records").locator(".ant-list-item").first().waitFor();
    expect(await township.page.locator(".ant-modal-title").innerText()).toContain(`${withRecords.denominator} 条记录`);
    await screenshot(township.page, "evaluation-drill");
    await township.page.keyboard.press("Escape");

    // It appeals within the appeal days; the office sees the appeal.
    await township.page.getByTestId("appeal-open").click();
    await township.page.getByTestId("appeal-reason").fill("本季度两件事件已按期办结，系统统计有误，请核实");
    await township.page.locator(".ant-modal-footer .ant-btn-primary").click();
    await township.page.getByText("申诉已提交").waitFor();
    const appeals = await pageApi<{ items: { periodId: number; status: string }[] }>(office.page, "GET", "/api/evaluation/appeals");
    expect(appeals.json.items.filter((a) => a.periodId === periodId).map((a) => a.status)).toEqual(["pending"]);

    // Residents see the published ranking on a phone.
    const resident = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const phone = await resident.newPage();
    const phoneErrors = collectPageErrors(phone);
    await phone.goto(`${baseUrl}/#/public/hejin/rankings`);
    await phone.getByTestId("public-rankings").waitFor();
    const text = await phone.getByTestId("public-rankings").innerText();
    expect(text).toContain(quarter.label);
    expect(text).toContain("清涧街道");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(phone, "evaluation-public");

    expect(office.errors).toEqual([]);
    expect(township.errors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    await office.context.close();
    await township.context.close();
    await resident.close();
  }, 240_000);
});
