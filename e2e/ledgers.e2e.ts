import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { collectPageErrors, screenshot, signedIn } from "./browser";
import { useDemo } from "./demo";

/**
 * 清合同：村书记上传本村合同台账 → 预览列出无效行，一行有误则不导入 → 修正后导入 → 规则标出问题合同 →
 * 从标记转为问题清单中的问题；镇街干部在村级排名上看到该村的合同数和问题合同数随之变化。
 * Real server, in-process, demo city, in Chinese.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";
const work = mkdtempSync(join(tmpdir(), "zhili-e2e-ledgers-"));

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const as = (username: string) => signedIn(browser, baseUrl, username, password);

/** A village's ledger as its secretary would keep it; `bad` adds a row whose term ends before it starts. */
async function ledgerFile(name: string, bad: boolean): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("合同台账");
  sheet.addRow(["合同编号", "承包方类型", "承包方", "标的类型", "标的名称", "面积", "单位", "起始日期", "终止日期", "年承包费(元)", "支付方式", "应收(元)", "实收(元)", "发包方式", "民主程序", "决议日期", "合同档案号"]);
  sheet.addRow(["E2E-001", "企业", "河津市龙门农业有限公司", "土地", "浏览器测试地1号", 20, "亩", "2025-01-01", "2034-12-31", 30000, "按年支付", 30000, 30000, "公开招标", "村民代表会议决议", "2024-12-01", "E2E-F1"]);
  sheet.addRow(["E2E-002", "个人", "王建国", "房屋建筑", "浏览器测试库房", 300, "平方米", "2025-01-01", "2030-12-31", 24000, "按年支付", 24000, 0, "协商议价", "未履行", "", ""]);
  if (bad) sheet.addRow(["E2E-003", "个人", "李明", "土地", "浏览器测试地2号", 5, "亩", "2026-01-01", "2025-01-01", 2000, "按年支付", 0, 0, "公开招标", "村民会议决议", "2025-12-01", "E2E-F3"]);
  const file = join(work, name);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

/** The village's row on the township's ranking: contracts and problem contracts. */
async function villageCounts(page: Page, villageId: number): Promise<{ contracts: number; flagged: number }> {
  await page.goto(`${baseUrl}/#/ledgers`);
  // A second visit to the same page is only a hash change: reload so the ranking is asked again.
  await page.reload();
  const row = page.getByTestId("ranking-table").locator(`tr[data-row-key="${villageId}"]`);
  await row.waitFor();
  const cells = row.locator("td");
  return { contracts: Number(await cells.nth(1).innerText()), flagged: Number(await cells.nth(2).innerText()) };
}

describe("village collective contracts (清合同)", () => {
  it("a secretary imports the ledger, sees the flags and raises a problem; the township sees the village's counts change", async () => {
    const secretary = await as("secretary.t02-v001");
    const me = (await (await secretary.context.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    const villageId = me.roles[0]!.nodeId!;

    const township = await as("cadre.qingjian");
    const before = await villageCounts(township.page, villageId);

    // A ledger with a bad row: the preview names the row and the column, and nothing can be imported.
    const page = secretary.page;
    await page.goto(`${baseUrl}/#/ledgers/import?org=${villageId}`);
    await page.getByTestId("ledger-import").waitFor();
    await page.getByTestId("ledger-import").locator('input[type="file"]').setInputFiles(await ledgerFile("bad.xlsx", true));
    await page.getByTestId("ledger-invalid").waitFor();
    expect(await page.getByTestId("ledger-invalid").innerText()).toContain("终止日期");
    expect(await page.getByTestId("ledger-commit").count()).toBe(0);

    // Fixed: the preview is clean, the import runs the rules, and one contract comes out flagged.
    await page.getByTestId("ledger-import").locator('input[type="file"]').setInputFiles(await ledgerFile("good.xlsx", false));
    await page.getByTestId("ledger-commit").click();
    await page.getByText("已导入 2 份合同，其中 1 份触发规则").first().waitFor();
    await page.getByTestId("ledger-imported-open").click();
    await page.getByTestId("contracts-table").getByText("E2E-002").waitFor();
    await page.getByTestId("contracts-table").getByText("E2E-002").click();
    await page.getByTestId("flags-table").waitFor();
    const flags = await page.getByTestId("flags-table").innerText();
    for (const rule of ["拖欠承包费", "未履行民主程序", "缺少合同文本"]) expect(flags).toContain(rule);
    await screenshot(page, "ledgers-flags");

    // One flag becomes a problem of the problem lists, and the flag links to it.
    await page.getByTestId("flag-raise").first().click();
    await page.getByTestId("flag-problem").first().waitFor();
    const code = (await page.getByTestId("flag-problem").first().innerText()).trim();
    expect(code).toMatch(/^WT\d{6}$/);
    await page.getByTestId("flag-problem").first().click();
    await page.getByTestId("problem-page").waitFor();
    expect(await page.getByTestId("problem-code").innerText()).toContain(code);

    const after = await villageCounts(township.page, villageId);
    expect(after).toEqual({ contracts: before.contracts + 2, flagged: before.flagged + 1 });
    await screenshot(township.page, "ledgers-ranking");
    expect(secretary.errors).toEqual([]);
    expect(township.errors).toEqual([]);
    await secretary.context.close();
    await township.context.close();
  }, 180_000);

  it("a secretary enters a debt and a payment through the forms and publishes the ledger; residents read it on a 360 phone across the four tabs", async () => {
    const secretary = await as("secretary.t02-v001");
    const me = (await (await secretary.context.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    const villageId = me.roles[0]!.nodeId!;
    const page = secretary.page;
    const creditor = `河津市浏览器测试建材公司${Date.now() % 100000}`;

    // A debt through the form: the list (searched by the creditor) shows it with what is outstanding.
    await page.goto(`${baseUrl}/#/ledgers/debts?org=${villageId}&q=${encodeURIComponent(creditor)}`);
    await page.getByTestId("debt-new").click();
    const form = page.getByTestId("debt-form");
    await form.locator("#debt_creditor").fill(creditor);
    await form.locator("#debt_amountFen").fill("-5");
    await form.locator("#debt_origin").fill("村委会办公楼建设欠款");
    await form.locator("#debt_incurredOn").fill("2020-05-01");
    await form.locator("#debt_evidence").fill("工程结算单");
    await page.getByTestId("debt-save").click();
    // The form's own check mirrors the server's: a negative amount is refused on its field.
    await form.locator(".ant-form-item-explain-error").first().waitFor();
    await form.locator("#debt_amountFen").fill("12345.67");
    await page.getByTestId("debt-save").click();
    const row = page.getByTestId("debts-table").locator("tr", { hasText: creditor });
    await row.waitFor();
    expect(await row.innerText()).toContain("12,345.67");

    // A payment through the row's form: what is outstanding falls by it, to the fen.
    await row.locator('[data-testid^="movement-"][data-testid$="-new"]').click();
    const movement = page.locator(".ant-modal-wrap:visible form");
    await movement.locator('input[id$="_amountFen"]').fill("1000.01");
    await movement.locator('input[id$="_on"]').fill("2025-06-30");
    await page.locator('.ant-modal-wrap:visible [data-testid$="-save"]').click();
    await expect.poll(async () => row.innerText()).toContain("11,345.66");
    await screenshot(page, "e2e-ledgers-debt-form");

    // The village publishes its ledger (村务公开).
    await page.goto(`${baseUrl}/#/ledgers/contracts?org=${villageId}`);
    const disclosure = page.getByTestId("ledger-disclosure");
    await disclosure.waitFor();
    if ((await disclosure.getAttribute("aria-checked")) !== "true") await disclosure.click();
    await expect.poll(async () => disclosure.getAttribute("aria-checked")).toBe("true");
    expect(secretary.errors).toEqual([]);
    await secretary.context.close();

    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const resident = await phone.newPage();
    const errors = collectPageErrors(resident);
    await resident.goto(`${baseUrl}/#/public/hejin`);
    for (const tab of ["home", "submit", "track", "ledgers"]) {
      await resident.getByTestId(`public-nav-${tab}`).click();
      await expect.poll(async () => resident.getByTestId(`public-nav-${tab}`).getAttribute("aria-current")).toBe("page");
      await resident.waitForLoadState("networkidle");
      expect([tab, await resident.evaluate(() => document.documentElement.scrollWidth)]).toEqual([tab, 360]);
      await screenshot(resident, `e2e-public-tab-${tab}-phone`);
    }
    await resident.getByTestId("public-ledgers").waitFor();
    await resident.locator(`a[href$="/ledgers/${villageId}"]`).click();
    await resident.getByTestId("public-ledger").waitFor();
    await resident.getByTestId("public-ledger").locator(".ant-table-row").first().waitFor();
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Object, term and price, never a person's data: the import's counterparty 王建国 is nowhere.
    expect(await resident.locator("body").innerText()).not.toContain("王建国");
    await screenshot(resident, "e2e-public-ledger-phone");
    expect(errors).toEqual([]);
    await phone.close();
  }, 180_000);
});
