import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { collectPageErrors, screenshot, signIn } from "./browser";
import { useDemo } from "./demo";

/**
 * A debt's repayment plan (还款计划) through its form: the village secretary of secretary.t02-v001,
 * at a 1440×900 desk, plans two instalments for one of the village's debts; a plan above what is
 * outstanding is refused and said so on the form, and saves once it fits; the plan reads back from
 * the debt. Real server, in-process, demo city.
 */
const password = process.env.DEMO_PASSWORD || "Zhili@2026";

let baseUrl = "";
let browser: Browser;

useDemo((demo) => ({ baseUrl, browser } = demo));

/** Each page waits up to a minute for what it shows: on the shared 2-core machine a page may take longer than Playwright's 30 s. */
const PAGE_TIMEOUT = 60_000;

const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

describe("a debt's repayment plan", () => {
  it("plans two instalments through the form, refusing a plan above the outstanding amount on the form", async () => {
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    desk.setDefaultTimeout(PAGE_TIMEOUT);
    const page = await desk.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, baseUrl, "secretary.t02-v001", password);
    const me = (await (await page.request.get(`${baseUrl}/api/auth/me`)).json()) as { roles: { nodeId: number | null }[] };
    const village = me.roles[0]!.nodeId!;
    const debts = (await (await page.request.get(`${baseUrl}/api/ledger/debts?org=${village}&pageSize=100`)).json()) as {
      items: { id: number; creditor: string; outstandingFen: number; abilities: { update: boolean } }[];
    };
    const debt = debts.items.find((item) => item.abilities.update && item.outstandingFen >= 200)!;
    expect(debt).toBeDefined();

    await page.goto(`${baseUrl}/#/ledgers/debts?org=${village}&q=${encodeURIComponent(debt.creditor)}`);
    await page.getByTestId(`plan-${debt.id}-open`).click();
    const form = page.getByTestId(`plan-${debt.id}-form`);
    await form.waitFor();
    // Clear any plan the demo made, then two instalments that together exceed the outstanding amount by a fen.
    while (await form.getByTestId("plan-remove").count()) await form.getByTestId("plan-remove").first().click();
    const first = Math.floor(debt.outstandingFen / 2);
    const rest = debt.outstandingFen - first;
    for (const [dueOn, fen] of [["2027-06-30", first], ["2027-12-31", rest + 1]] as const) {
      await form.getByTestId("plan-add").click();
      await form.locator('[data-testid="plan-due"]').locator("xpath=descendant-or-self::input").last().fill(dueOn);
      await form.locator('[data-testid="plan-amount"]').locator("xpath=descendant-or-self::input").last().fill(yuanText(fen));
    }
    const refused = page.waitForResponse((response) => response.url().endsWith(`/api/ledger/debts/${debt.id}/plan`));
    await page.getByTestId(`plan-${debt.id}-save`).click();
    expect((await refused).status()).toBe(400);
    await expect.poll(() => page.getByTestId(`plan-${debt.id}-errors`).innerText()).toContain("超过未偿金额");
    await screenshot(page, "e2e-ledgers-debt-plan-refused");

    await form.locator('[data-testid="plan-amount"]').locator("xpath=descendant-or-self::input").last().fill(yuanText(rest));
    await page.getByTestId(`plan-${debt.id}-save`).click();
    await form.waitFor({ state: "detached" });
    const saved = (await (await page.request.get(`${baseUrl}/api/ledger/debts/${debt.id}`)).json()) as { plan: { dueOn: string; amountFen: number }[] };
    expect(saved.plan.map(({ dueOn, amountFen }) => ({ dueOn, amountFen }))).toEqual([
      { dueOn: "2027-06-30", amountFen: first },
      { dueOn: "2027-12-31", amountFen: rest },
    ]);

    // Opened again, the form shows the plan saved.
    await page.getByTestId(`plan-${debt.id}-open`).click();
    await expect.poll(() => page.getByTestId(`plan-${debt.id}-form`).locator('[data-testid="plan-due"]').locator("xpath=descendant-or-self::input").count()).toBe(2);
    // The rows appear before their amounts are filled in: the sum is read once it has caught up.
    await expect.poll(() => page.getByTestId(`plan-${debt.id}-sum`).innerText()).toContain(`计划合计 ${yuanText(debt.outstandingFen).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`);
    await screenshot(page, "e2e-ledgers-debt-plan");
    // The refused plan's failed load is part of the story, not a page error.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    await desk.close();
  });
});
