import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config";
import { freshDatabase } from "../test/database";
import { createTestContext, type Session, type TestContext } from "../test/harness";
import { loadDemoCity } from "./generate";
import { loadDemoLedgers } from "./ledgers";
import { loadDemoProblems } from "./problems";

/** The demo city's village collective economy (DOMAIN.md mechanism 8), computed from its records and opened by its drill-downs. */
const now = new Date("2026-06-01T09:00:00+08:00");
let t: TestContext;
let office: Session;

beforeAll(async () => {
  const database = await freshDatabase();
  const { cityId } = await loadDemoCity(database.db, { password: DEFAULT_DEMO_PASSWORD, now });
  await loadDemoProblems(database.db, { cityId, now });
  await loadDemoLedgers(database.db, { cityId, now });
  t = await createTestContext({}, database);
  t.clock.set(now);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t.close());

interface FigureItem {
  key: string;
  value: number;
  drill: { page: string; api: string | null } | null;
}

describe("the demo city's ledgers", () => {
  it("reproduce the article's figures for the city, each equal to its drill-down", async () => {
    const response = (await office.get("/api/figures")).json();
    expect(response.figures).toMatchObject({
      "ledger.contracts": 3805,
      "ledger.problemContracts": 801,
      "ledger.rectifiedContracts": 211,
      "ledger.collectiveIncome": 89_030_000,
      "ledger.pairedEnterprises": 116,
      "ledger.pairedVillages": 125,
      "ledger.cooperatives": 25,
    });
    const item = (key: string) => (response.items as FigureItem[]).find((candidate) => candidate.key === key)!;
    const drill = async (key: string) => (await office.get(`${item(key).drill!.api}&pageSize=1`)).json();
    for (const key of ["ledger.contracts", "ledger.problemContracts", "ledger.rectifiedContracts", "ledger.cooperatives"]) expect((await drill(key)).total, key).toBe(item(key).value);
    expect((await drill("ledger.collectiveIncome")).sumFen).toBe(item("ledger.collectiveIncome").value * 100);
    expect((await drill("ledger.debtResolved")).sumFen).toBe(item("ledger.debtResolved").value * 100);
    const pairings = await drill("ledger.pairedEnterprises");
    expect([pairings.enterprises, pairings.villages]).toEqual([116, 125]);
    expect((await office.get(item("ledger.incomeRaised").drill!.api!)).json().totals.raisedFen).toBe(item("ledger.incomeRaised").value * 100);
  });

  it("give 清涧街道 its resolved debt and raised income, to the fen, on its ranking page", async () => {
    const qingjian = (await office.get(`/api/orgs/search?q=${encodeURIComponent("清涧街道")}`)).json().items[0];
    const figures = (await office.get(`/api/figures?org=${qingjian.id}`)).json().figures;
    expect(figures["ledger.debtResolved"]).toBe(4_960_000);
    expect(figures["ledger.incomeRaised"]).toBe(596_000);
    const ranking = (await office.get(`/api/ledger/ranking?org=${qingjian.id}`)).json();
    expect(ranking.totals.debtResolvedFen).toBe(496_000_000);
    expect(ranking.totals.raisedFen).toBe(59_600_000);
    expect(ranking.items.length).toBe(21);
    const flagged = ranking.items.map((row: { flagged: number }) => row.flagged);
    expect(flagged).toEqual([...flagged].sort((a, b) => b - a));
  });

  it("class the villages into the city's income bands, weak and strong alike", async () => {
    const ranking = (await office.get("/api/ledger/ranking?sort=income")).json();
    const bands = new Set(ranking.items.map((row: { band: number }) => row.band));
    expect([...bands].sort()).toEqual([0, 1, 2]);
    expect(ranking.totals.incomeFen).toBe(8_903_000_000);
  });

  it("flag every problematic contract by the rules, each flag with its rule and facts", async () => {
    const flags = (await office.get("/api/ledger/flags?pageSize=200")).json();
    expect(flags.total).toBeGreaterThanOrEqual(801);
    const rules = new Set(flags.items.map((flag: { rule: string }) => flag.rule));
    expect(rules.size).toBeGreaterThanOrEqual(5);
    expect(Object.keys(flags.items[0].facts).length).toBeGreaterThan(0);
  });
});
