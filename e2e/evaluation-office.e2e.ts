import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { pageApi, screenshot, signedIn } from "./browser";
import { useDemo } from "./demo";

/**
 * 考评的日常工作：组织部办公室把在用的乡镇指标体系复制为新体系，改一项权重，看到“权重合计不是 100”的拒绝，
 * 再改另一项后保存 → 督导组为清涧街道打人工评分（附依据），自己不能确认，办公室另一人确认 → 得分卡上画出历期得分趋势。
 * Real server, in-process, demo city, in Chinese.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

const as = (username: string) => signedIn(browser, baseUrl, username, password);

type CatalogueJson = { id: number; name: string; bodyKind: string; items: { label: string; weight: number; source: string }[] };

describe("evaluation office work: catalogue weights, manual scores confirmed by a second person, the trend", () => {
  it("copies a catalogue and is refused until the weights sum to 100; a supervisor scores, the office confirms; the scorecard draws the trend", async () => {
    const office = await as("admin.office");
    const before = (await pageApi<{ items: CatalogueJson[] }>(office.page, "GET", "/api/evaluation/catalogues")).json.items;
    const townships = before.find((c) => c.bodyKind === "township")!;

    // The township catalogue is in use by published quarters, so it is copied, not edited.
    await office.page.goto(`${baseUrl}/#/evaluation/catalogues`);
    await office.page.getByTestId(`catalogue-copy-${townships.id}`).click();
    const editor = office.page.getByTestId("catalogue-editor");
    await editor.waitFor();
    await office.page.getByLabel("权重 事件按时派遣率").fill("15");
    await office.page.locator(".ant-modal-footer .ant-btn-primary").click();
    await expect.poll(() => office.page.getByTestId("catalogue-weights-help").innerText()).toBe("权重合计 105，应为 100");
    await screenshot(office.page, "evaluation-catalogue-refused");
    await office.page.getByLabel("权重 事件结案率").fill("5");
    await office.page.locator(".ant-modal-footer .ant-btn-primary").click();
    await editor.waitFor({ state: "detached" });
    const after = (await pageApi<{ items: CatalogueJson[] }>(office.page, "GET", "/api/evaluation/catalogues")).json.items;
    const copy = after.find((c) => c.name === `${townships.name}（新）`)!;
    expect(copy.items.slice(0, 2).map((item) => item.weight)).toEqual([15, 5]);
    expect(copy.items.reduce((sum, item) => sum + item.weight, 0)).toBe(100);
    await office.page.getByTestId(`catalogue-${copy.id}`).waitFor();

    // A draft quarter of the new catalogue for the manual scores.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const month = Number(today.slice(5, 7));
    const startsOn = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, "0")}-01`;
    const created = await pageApi<{ id: number }>(office.page, "POST", "/api/evaluation/periods", { catalogueId: copy.id, label: "本季度（新体系）", startsOn, endsOn: today });
    expect(created.status).toBe(201);
    const periodId = created.json.id;

    // 督导组 scores 清涧街道 on the manual indicator, with evidence; it cannot confirm its own score.
    const supervisor = await as("supervisor.city");
    await supervisor.page.goto(`${baseUrl}/#/evaluation/assess?period=${periodId}`);
    const manual = supervisor.page.locator(".ant-card", { hasText: "人工评分" });
    await manual.locator("form .ant-select").nth(0).click();
    await supervisor.page.locator(".ant-select-item-option", { hasText: "组织部考核" }).click();
    await manual.locator("form .ant-select").nth(1).click();
    await supervisor.page.keyboard.type("清涧");
    await supervisor.page.locator(".ant-select-tree-node-content-wrapper", { hasText: "清涧街道" }).first().click();
    await manual.locator("form input.ant-input-number-input").fill("88");
    await manual.locator("form textarea").fill("班子述职评议及实地考核记录（第3季度）");
    await manual.locator("form button[type=submit]").click();
    await manual.locator(".ant-table-row", { hasText: "市委督导组" }).waitFor();
    await manual.locator(".ant-table-row").getByRole("button", { name: /^确\s*认$/ }).click();
    await supervisor.page.getByText("评分人不能确认自己的评分").waitFor();
    await screenshot(supervisor.page, "evaluation-assess");

    // The office, a second person, confirms it.
    await office.page.goto(`${baseUrl}/#/evaluation/assess?period=${periodId}`);
    const officeManual = office.page.locator(".ant-card", { hasText: "人工评分" });
    await officeManual.locator(".ant-table-row", { hasText: "市委督导组" }).getByRole("button", { name: /^确\s*认$/ }).click();
    await officeManual.locator(".ant-table-row").getByRole("button", { name: /^确\s*认$/ }).waitFor({ state: "detached" });
    const scores = await pageApi<{ items: { score: number; evidence: string; assessorName: string; confirmedByName: string | null }[] }>(office.page, "GET", `/api/evaluation/periods/${periodId}/manual-scores`);
    expect(scores.json.items).toEqual([expect.objectContaining({ score: 88, assessorName: "市委督导组", confirmedByName: expect.any(String) })]);
    expect(scores.json.items[0]!.confirmedByName).not.toBe("市委督导组");

    // 清涧街道's scorecard in the latest published quarter draws its four published quarters.
    const periods = (await pageApi<{ items: { id: number; bodyKind: string; status: string; catalogueId: number }[] }>(office.page, "GET", "/api/evaluation/periods")).json.items;
    const latest = periods.find((p) => p.catalogueId === townships.id && p.status === "published")!;
    const board = await pageApi<{ items: { bodyId: number; bodyName: string }[] }>(office.page, "GET", `/api/evaluation/periods/${latest.id}/board`);
    const qingjian = board.json.items.find((row) => row.bodyName === "清涧街道")!;
    await office.page.goto(`${baseUrl}/#/evaluation/scorecard?period=${latest.id}&kind=township&body=${qingjian.bodyId}`);
    // The scorecard is read with every item's drill-down: on a busy machine it may take longer than a click.
    await office.page.getByTestId("scorecard").waitFor({ timeout: 90_000 });
    const trend = office.page.getByTestId("scorecard-trend");
    await trend.locator("canvas").first().waitFor({ timeout: 60_000 });
    expect(await trend.getAttribute("data-points")).toBe("4");
    await screenshot(office.page, "evaluation-trend");

    // The refusals the story provokes (400 on the weights, 409 on confirming one's own score) are the only console errors.
    const refused = (status: number) => (error: string) => !error.includes(`status of ${status}`);
    expect(office.errors.filter(refused(400))).toEqual([]);
    expect(supervisor.errors.filter(refused(409))).toEqual([]);
    await office.context.close();
    await supervisor.context.close();
  }, 240_000);
});
