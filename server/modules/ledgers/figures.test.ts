import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";

/**
 * Every ledger figure of a township against the count or sum made here from the records this file
 * enters (two villages, each through its own secretary), and each figure's drill-down answering the
 * same count or sum: contracts checked, found problematic and rectified; debt resolved; collective
 * income and its rise; enterprises and villages paired; branch-led cooperatives.
 */
let t: TestContext;
let city: SmallCity;
const s = {} as Record<"v1" | "v2" | "cadre" | "office", Session>;
const node = (code: string) => city.nodes.get(code)!.id;
let counter = 0;

interface FiguresAnswer {
  figures: Record<string, number>;
  items: { key: string; drill: { api: string | null } | null }[];
}
const township = async () => (await s.office.get(`/api/figures?org=${node("T1")}`)).json() as FiguresAnswer;
const drillOf = (answer: FiguresAnswer, key: string) => answer.items.find((item) => item.key === key)!.drill!.api!;
const sessionOf = (village: "T1V1" | "T1V2") => (village === "T1V1" ? s.v1 : s.v2);

/** A contract that trips no rule (the township benchmark is met, paid up, procedure and file recorded), changed by `faults`. */
function contract(village: "T1V1" | "T1V2", faults: Record<string, unknown> = {}) {
  counter++;
  return {
    nodeId: node(village),
    code: `HT-${counter}`,
    counterpartyKind: "enterprise",
    counterpartyName: `河津市第${counter}农业公司`,
    object: "land",
    objectName: `北滩地${counter}号`,
    area: "10",
    unit: "亩",
    startOn: "2024-01-01",
    endOn: "2033-12-31",
    annualPriceFen: 500_000,
    paymentSchedule: "annual",
    dueFen: 1_000_000,
    receivedFen: 1_000_000,
    letMethod: "public_tender",
    procedure: "representatives_resolution",
    procedureOn: "2023-12-01",
    fileRef: `HJ-${counter}`,
    ...faults,
  };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await fixtureAccount(t, { username: "secretary.v2", cityId: city.cityId, role: "village_secretary", nodeId: node("T1V2") });
  s.v1 = await t.login("village_secretary");
  s.v2 = await t.login("secretary.v2");
  s.cadre = await t.login("township_cadre");
  s.office = await t.login("campaign_admin");
  const benchmark = await s.cadre.request({ method: "PUT", url: "/api/ledger/benchmarks", payload: { nodeId: node("T1"), object: "land", unit: "亩", priceFen: 50_000, version: 0 } });
  expect(benchmark.statusCode).toBe(200);
});
afterAll(async () => t.close());

describe("the ledger figures of a township, counted by hand", () => {
  it("contracts checked, problematic and rectified", async () => {
    const noProcedure = { procedure: "none", procedureOn: undefined };
    const noFile = { fileRef: undefined };
    const plan: { village: "T1V1" | "T1V2"; faults: Record<string, unknown> }[] = [
      ...Array.from({ length: 5 }, () => ({ village: "T1V1" as const, faults: {} })),
      ...Array.from({ length: 3 }, () => ({ village: "T1V2" as const, faults: {} })),
      { village: "T1V1", faults: noProcedure },
      { village: "T1V1", faults: noFile },
      { village: "T1V2", faults: { ...noProcedure, ...noFile } },
      { village: "T1V2", faults: noProcedure },
    ];
    const made: { id: number; faulty: boolean; flags: { id: number; version: number }[] }[] = [];
    for (const { village, faults } of plan) {
      const response = await sessionOf(village).post("/api/ledger/contracts", contract(village, faults));
      expect(response.statusCode, response.body).toBe(201);
      made.push({ id: response.json().id, faulty: Object.keys(faults).length > 0, flags: response.json().flags });
    }
    // Two of the faulty ones are raised as problems and rectified through the problem lists' flow.
    const rectify = made.filter((item) => item.faulty).slice(0, 2);
    for (const item of rectify) {
      const flag = item.flags[0]!;
      const raised = (await s.v1.post(`/api/ledger/flags/${flag.id}/raise`, { version: flag.version })).json();
      let problem = (await s.v1.get(`/api/problems/${raised.problemId}`)).json();
      for (const [session, action, body] of [
        [s.v1, "assign", { responsibleNodeId: node("T1V1"), responsiblePerson: "村主任", measure: "补办手续", deadlineDays: 10 }],
        [s.v1, "start", {}],
        [s.v1, "submit", { note: "已补办" }],
        [s.cadre, "approve", {}],
      ] as const) {
        const response = await session.post(`/api/problems/${problem.id}/${action}`, { version: problem.version, ...body });
        expect(response.statusCode, response.body).toBe(200);
        problem = response.json();
      }
    }

    const answer = await township();
    const expected = { "ledger.contracts": made.length, "ledger.problemContracts": made.filter((item) => item.faulty).length, "ledger.rectifiedContracts": rectify.length };
    for (const [key, value] of Object.entries(expected)) {
      expect([key, answer.figures[key]]).toEqual([key, value]);
      expect([key, (await s.office.get(drillOf(answer, key))).json().total]).toEqual([key, value]);
    }
  });

  it("debt resolved: the payments and write-offs of two villages, to the fen", async () => {
    const movements: { village: "T1V1" | "T1V2"; kind: "payment" | "write_off"; amountFen: number }[] = [
      { village: "T1V1", kind: "payment", amountFen: 1_234_567 },
      { village: "T1V1", kind: "write_off", amountFen: 99 },
      { village: "T1V2", kind: "payment", amountFen: 3_000_001 },
      { village: "T1V2", kind: "payment", amountFen: 7 },
    ];
    const debts = new Map<string, { id: number; version: number }>();
    for (const village of ["T1V1", "T1V2"] as const) {
      const created = await sessionOf(village).post("/api/ledger/debts", { nodeId: node(village), creditor: "河津市建筑公司", creditorKind: "enterprise", amountFen: 10_000_000, origin: "工程欠款", incurredOn: "2018-05-01", evidence: "结算单" });
      debts.set(village, created.json());
    }
    for (const [index, item] of movements.entries()) {
      const debt = debts.get(item.village)!;
      const response = await sessionOf(item.village).post(`/api/ledger/debts/${debt.id}/movements`, { version: debt.version, kind: item.kind, amountFen: item.amountFen, on: `2025-0${index + 1}-15` });
      expect(response.statusCode, response.body).toBe(200);
      debts.set(item.village, response.json());
    }
    const resolvedFen = movements.reduce((sum, item) => sum + item.amountFen, 0);
    const answer = await township();
    expect(answer.figures["ledger.debtResolved"]).toBe(resolvedFen / 100);
    const drill = (await s.office.get(drillOf(answer, "ledger.debtResolved"))).json();
    expect([drill.total, drill.sumFen]).toEqual([movements.length, resolvedFen]);
  });

  it("collective income of the latest year and its rise over the year before, across two villages", async () => {
    const incomes: { village: "T1V1" | "T1V2"; year: number; source: string; amountFen: number }[] = [
      { village: "T1V1", year: 2024, source: "contracting", amountFen: 2_000_003 },
      { village: "T1V1", year: 2025, source: "contracting", amountFen: 2_500_000 },
      { village: "T1V1", year: 2025, source: "services", amountFen: 333_333 },
      { village: "T1V2", year: 2024, source: "assets", amountFen: 4_100_000 },
      { village: "T1V2", year: 2024, source: "subsidies", amountFen: 1 },
      { village: "T1V2", year: 2025, source: "assets", amountFen: 3_900_500 },
    ];
    for (const item of incomes) {
      const response = await sessionOf(item.village).post("/api/ledger/incomes", { nodeId: node(item.village), year: item.year, source: item.source, amountFen: item.amountFen });
      expect(response.statusCode, response.body).toBe(201);
    }
    const ofYear = (year: number) => incomes.filter((item) => item.year === year).reduce((sum, item) => sum + item.amountFen, 0);
    const answer = await township();
    expect(answer.figures["ledger.collectiveIncome"]).toBe(ofYear(2025) / 100);
    expect(answer.figures["ledger.incomeRaised"]).toBe((ofYear(2025) - ofYear(2024)) / 100);
    const drill = (await s.office.get(drillOf(answer, "ledger.collectiveIncome"))).json();
    expect([drill.year, drill.total, drill.sumFen]).toEqual([2025, incomes.filter((item) => item.year === 2025).length, ofYear(2025)]);
  });

  it("enterprises and villages paired, each counted once, and the branch-led cooperatives", async () => {
    const pairings: { village: "T1V1" | "T1V2"; enterprise: string }[] = [
      { village: "T1V1", enterprise: "河津市龙门铝业有限公司" },
      { village: "T1V2", enterprise: "河津市龙门铝业有限公司" },
      { village: "T1V1", enterprise: "河津市汾河果业有限公司" },
    ];
    for (const item of pairings) {
      const response = await sessionOf(item.village).post("/api/ledger/pairings", { nodeId: node(item.village), enterprise: item.enterprise, agreementOn: "2025-04-01", project: "订单农业", investedFen: 1_000_000, jobs: 5 });
      expect(response.statusCode, response.body).toBe(201);
    }
    const cooperatives: { village: "T1V1" | "T1V2"; ledByBranch: boolean }[] = [
      { village: "T1V1", ledByBranch: true },
      { village: "T1V2", ledByBranch: true },
      { village: "T1V2", ledByBranch: false },
    ];
    for (const [index, item] of cooperatives.entries()) {
      const response = await sessionOf(item.village).post("/api/ledger/cooperatives", { nodeId: node(item.village), name: `合作社${index}`, ledByBranch: item.ledByBranch, members: 20, capitalFen: 1_000_000, dividendsFen: 0 });
      expect(response.statusCode, response.body).toBe(201);
    }
    const answer = await township();
    expect(answer.figures["ledger.pairedEnterprises"]).toBe(new Set(pairings.map((item) => item.enterprise)).size);
    expect(answer.figures["ledger.pairedVillages"]).toBe(new Set(pairings.map((item) => item.village)).size);
    expect(answer.figures["ledger.cooperatives"]).toBe(cooperatives.filter((item) => item.ledByBranch).length);
    const drill = (await s.office.get(drillOf(answer, "ledger.pairedEnterprises"))).json();
    expect([drill.total, drill.enterprises, drill.villages]).toEqual([pairings.length, answer.figures["ledger.pairedEnterprises"], answer.figures["ledger.pairedVillages"]]);
    expect((await s.office.get(drillOf(answer, "ledger.cooperatives"))).json().total).toBe(answer.figures["ledger.cooperatives"]);
  });
});
