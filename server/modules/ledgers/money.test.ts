import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** Debts, income, pairing, cooperatives and disclosure: sums exact to the fen, scope, and nothing personal on the public side. */
let t: TestContext;
let city: SmallCity;
let secretary: Session;
let cadre: Session;
let office: Session;

const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
  office = await t.login("campaign_admin");
});
afterAll(async () => t.close());

async function movementsRows(): Promise<number> {
  const result = (await t.db.execute(sql`SELECT count(*)::int AS n FROM ledger_debt_movements`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

describe("debts (化债务)", () => {
  it("adds payments and write-offs to the fen, keeps the plan within what is outstanding, and refuses overpaying", async () => {
    const created = await secretary.post("/api/ledger/debts", {
      nodeId: node("T1V1"),
      creditor: "河津市农村信用社",
      creditorKind: "bank",
      amountFen: 123_456_789,
      origin: "村道硬化工程借款",
      incurredOn: "2019-03-15",
      evidence: "借款合同",
    });
    expect(created.statusCode).toBe(201);
    let debt = created.json();
    const plan = await secretary.request({ method: "PUT", url: `/api/ledger/debts/${debt.id}/plan`, payload: { version: debt.version, instalments: [{ dueOn: "2026-12-31", amountFen: 60_000_000 }, { dueOn: "2027-12-31", amountFen: 63_456_789 }] } });
    expect(plan.statusCode).toBe(200);
    debt = plan.json();
    expect(debt.plan.map((item: { amountFen: number }) => item.amountFen)).toEqual([60_000_000, 63_456_789]);
    const tooMuch = await secretary.request({ method: "PUT", url: `/api/ledger/debts/${debt.id}/plan`, payload: { version: debt.version, instalments: [{ dueOn: "2026-12-31", amountFen: 123_456_790 }] } });
    expect([tooMuch.statusCode, tooMuch.json().error.fields]).toEqual([400, [{ field: "instalments", message: "计划合计 1,234,567.90 元，超过未偿金额 1,234,567.89 元 (the instalments add up to 1,234,567.90 yuan, more than the 1,234,567.89 yuan outstanding)" }]]);

    for (const [kind, amountFen, on] of [["payment", 10_000_001, "2025-06-30"], ["write_off", 3_333_333, "2025-12-31"], ["payment", 1, "2026-05-01"]] as const) {
      const response = await secretary.post(`/api/ledger/debts/${debt.id}/movements`, { version: debt.version, kind, amountFen, on });
      expect(response.statusCode, response.body).toBe(200);
      debt = response.json();
    }
    expect([debt.resolvedFen, debt.outstandingFen]).toEqual([13_333_335, 110_123_454]);
    expect(debt.movements.map((item: { kind: string }) => item.kind)).toEqual(["payment", "write_off", "payment"]);

    const before = await movementsRows();
    const over = await secretary.post(`/api/ledger/debts/${debt.id}/movements`, { version: debt.version, kind: "payment", amountFen: 110_123_455, on: "2026-05-02" });
    // The refusal names the amount in yuan, as typed, in both languages (the web shows the half in the user's).
    expect([over.statusCode, over.json().error.fields]).toEqual([400, [{ field: "amountFen", message: "超过未偿金额 1,101,234.54 元 (more than the 1,101,234.54 yuan outstanding)" }]]);
    const early = await secretary.post(`/api/ledger/debts/${debt.id}/movements`, { version: debt.version, kind: "payment", amountFen: 1, on: "2019-03-14" });
    expect([early.statusCode, early.json().error.fields]).toEqual([400, [{ field: "on", message: "早于债务发生日期 2019-03-15 (before the debt was incurred on 2019-03-15)" }]]);
    const stale = await secretary.post(`/api/ledger/debts/${debt.id}/movements`, { version: debt.version - 1, kind: "payment", amountFen: 1, on: "2026-05-02" });
    expect(stale.statusCode).toBe(409);
    expect(await movementsRows()).toBe(before);

    const listed = (await cadre.get(`/api/ledger/debt-movements?org=${node("T1")}`)).json();
    expect([listed.total, listed.sumFen]).toEqual([3, 13_333_335]);
    const figures = (await office.get(`/api/figures?org=${node("T1")}`)).json().figures;
    expect(figures["ledger.debtResolved"]).toBe(133_333.35);
    const debts = (await cadre.get(`/api/ledger/debts?org=${node("T1")}`)).json();
    expect([debts.amountFen, debts.resolvedFen]).toEqual([123_456_789, 13_333_335]);
    expect((await cadre.post(`/api/ledger/debts/${debt.id}/movements`, { version: debt.version, kind: "payment", amountFen: 1, on: "2026-05-02" })).statusCode).toBe(403);
  });

  it("refuses a negative or fractional amount and an unknown village with the field", async () => {
    const body = { nodeId: node("T1V1"), creditor: "某公司", creditorKind: "enterprise", amountFen: 100, origin: "欠款", incurredOn: "2020-01-01", evidence: "欠条" };
    for (const [change, field] of [[{ amountFen: -100 }, "amountFen"], [{ amountFen: 0.5 }, "amountFen"], [{ nodeId: 999_999 }, "nodeId"]] as const) {
      const response = await secretary.post("/api/ledger/debts", { ...body, ...change });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields[0].field).toBe(field);
    }
  });
});

describe("income (促增收), the ranking and the bands", () => {
  it("totals the latest year, raises it against the year before, and bands the villages", async () => {
    const add = (nodeId: number, year: number, source: string, amountFen: number) => secretary.post("/api/ledger/incomes", { nodeId, year, source, amountFen });
    for (const [year, source, amount] of [[2024, "contracting", 3_000_000], [2024, "subsidies", 1_500_001], [2025, "contracting", 4_000_000], [2025, "dividends", 2_500_002], [2025, "subsidies", 1_000_000]] as const) {
      expect((await add(node("T1V1"), year, source, amount)).statusCode).toBe(201);
    }
    expect((await add(node("T1V1"), 2025, "subsidies", 1)).statusCode).toBe(409);
    const figures = (await office.get(`/api/figures?org=${node("T1")}`)).json().figures;
    expect(figures["ledger.collectiveIncome"]).toBe(75_000.02);
    expect(figures["ledger.incomeRaised"]).toBe(30_000.01);
    const drill = (await office.get(`/api/ledger/incomes?org=${node("T1")}&figure=ledger.collectiveIncome`)).json();
    expect([drill.year, drill.total, drill.sumFen]).toEqual([2025, 3, 7_500_002]);
    const ranking = (await cadre.get(`/api/ledger/ranking?org=${node("T1")}&sort=income`)).json();
    expect(ranking.items[0]).toMatchObject({ nodeId: node("T1V1"), incomeFen: 7_500_002, previousIncomeFen: 4_500_001, raisedFen: 3_000_001, band: 1 });
    expect(ranking.bandsFen).toEqual([5_000_000, 10_000_000]);
  });
});

describe("pairing and cooperatives", () => {
  it("counts enterprises and villages once each, and only branch-led cooperatives", async () => {
    for (const [village, enterprise] of [["T1V1", "河津市龙门铝业有限公司"], ["T1V2", "河津市龙门铝业有限公司"], ["T2V1", "河津市汾河果业有限公司"]] as const) {
      const session = village === "T1V1" ? secretary : office;
      const response = await session.post("/api/ledger/pairings", { nodeId: node(village), enterprise, agreementOn: "2025-04-01", project: "订单农业", investedFen: 50_000_000, jobs: 12 });
      expect(response.statusCode).toBe(village === "T1V1" ? 201 : 403);
    }
    const pairings = (await cadre.get(`/api/ledger/pairings?org=${node("T1")}`)).json();
    expect([pairings.total, pairings.enterprises, pairings.villages, pairings.investedFen]).toEqual([1, 1, 1, 50_000_000]);
    await secretary.post("/api/ledger/cooperatives", { nodeId: node("T1V1"), name: "第1镇1村果蔬合作社", ledByBranch: true, members: 45, capitalFen: 20_000_000, dividendsFen: 1_200_000 });
    await secretary.post("/api/ledger/cooperatives", { nodeId: node("T1V1"), name: "第1镇1村农机合作社", ledByBranch: false, members: 12, capitalFen: 5_000_000, dividendsFen: 0 });
    const figures = (await office.get(`/api/figures?org=${node("T1")}`)).json().figures;
    expect([figures["ledger.pairedEnterprises"], figures["ledger.pairedVillages"], figures["ledger.cooperatives"]]).toEqual([1, 1, 1]);
    expect((await cadre.get(`/api/ledger/cooperatives?org=${node("T1")}&ledByBranch=true`)).json().total).toBe(1);
  });
});

describe("disclosure (村务公开)", () => {
  it("shows residents a published village's contracts and income, never a person's data", async () => {
    await secretary.post("/api/ledger/contracts", {
      nodeId: node("T1V1"),
      code: "GK-1",
      counterpartyKind: "person",
      counterpartyName: "李秀英",
      counterpartyIdNumber: "140882197502023456",
      counterpartyPhone: "13800001111",
      object: "pond",
      objectName: "村前涝池",
      area: "3.5",
      unit: "亩",
      startOn: "2025-01-01",
      endOn: "2029-12-31",
      annualPriceFen: 210_000,
      paymentSchedule: "annual",
      letMethod: "auction",
      procedure: "members_meeting",
      procedureOn: "2024-12-01",
      fileRef: "HJ-GK-1",
    });
    const anonymous = (url: string) => t.app.inject({ method: "GET", url });
    expect((await anonymous(`/api/public/ledgers/${node("T1V1")}`)).statusCode).toBe(404);
    expect((await cadre.get(`/api/ledger/disclosures?org=${node("T1V1")}`)).json()).toMatchObject({ published: false, version: 0 });
    const published = await secretary.request({ method: "PUT", url: "/api/ledger/disclosures", payload: { nodeId: node("T1V1"), published: true, version: 0 } });
    expect(published.statusCode).toBe(200);
    expect((await anonymous("/api/public/ledgers?city=testcity")).json().items.map((item: { nodeId: number }) => item.nodeId)).toEqual([node("T1V1")]);
    const shown = await anonymous(`/api/public/ledgers/${node("T1V1")}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().contracts).toContainEqual({ object: "pond", area: "3.50", unit: "亩", startOn: "2025-01-01", endOn: "2029-12-31", annualPriceFen: 210_000, counterpartyKind: "person", letMethod: "auction" });
    expect(shown.json().income).toMatchObject({ year: 2025, totalFen: 7_500_002 });
    for (const secret of ["李秀英", "李", "140882197502023456", "13800001111", "GK-1"]) expect(shown.body).not.toContain(secret);
    const withdrawn = await secretary.request({ method: "PUT", url: "/api/ledger/disclosures", payload: { nodeId: node("T1V1"), published: false, version: published.json().version } });
    expect(withdrawn.statusCode).toBe(200);
    expect((await anonymous(`/api/public/ledgers/${node("T1V1")}`)).statusCode).toBe(404);
  });
});
