import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** Contracts (清合同) on the real HTTP API: validation, versions, soft deletes, every rule tripped and not, a flag raised and rectified. */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let secretary: Session;
let cadre: Session;
let office: Session;
let village: number;
let counter = 0;

const node = (code: string) => city.nodes.get(code)!.id;

/** A contract that trips no rule: a 10-亩 plot at exactly the township benchmark, paid up, with its procedure and file. */
function clean(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    nodeId: village,
    code: `HT-${counter}`,
    counterpartyKind: "person",
    counterpartyName: "王建国",
    counterpartyIdNumber: "140882198001011234",
    counterpartyPhone: "13912345678",
    object: "land",
    objectName: `东滩地${counter}号`,
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
    ...overrides,
  };
}

interface Detail {
  id: number;
  version: number;
  checkState: string;
  counterpartyName: string;
  counterpartyIdNumber: string | null;
  flags: { id: number; rule: string; state: string; version: number; facts: Record<string, unknown>; problemId: number | null }[];
}

async function create(body: Record<string, unknown>): Promise<Detail> {
  const response = await secretary.post("/api/ledger/contracts", body);
  if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json();
}

const openRules = (detail: Detail) => detail.flags.filter((flag) => flag.state === "open").map((flag) => flag.rule).sort();

async function countRows(table: string, where = "true"): Promise<number> {
  const result = (await t.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
  office = await t.login("campaign_admin");
  village = node("T1V1");
  const benchmark = await cadre.request({ method: "PUT", url: "/api/ledger/benchmarks", payload: { nodeId: node("T1"), object: "land", unit: "亩", priceFen: 50_000, version: 0 } });
  expect(benchmark.statusCode).toBe(200);
});
afterAll(async () => t.close());

describe("each rule on a contract that trips it and one that does not", () => {
  it("finds nothing on a clean contract", async () => {
    const detail = await create(clean());
    expect([detail.checkState, detail.flags]).toEqual(["clean", []]);
  });

  it.each([
    ["term_limit", { endOn: "2054-01-02" }, { endOn: "2054-01-01" }],
    ["below_benchmark", { annualPriceFen: 349_999 }, { annualPriceFen: 350_000 }],
    ["no_procedure", { procedure: "none", procedureOn: undefined }, { procedure: "members_meeting" }],
    ["arrears", { receivedFen: 999_999 }, { receivedFen: 1_000_000 }],
    ["expired_occupied", { startOn: "2020-01-01", endOn: "2026-05-31" }, { startOn: "2020-01-01", endOn: "2026-05-31", status: "recovered" }],
    ["no_file", { fileRef: undefined }, { fileRef: "HJ-存档" }],
  ])("%s", async (rule, tripping, passing) => {
    const tripped = await create(clean(tripping));
    expect(tripped.checkState).toBe("flagged");
    expect(openRules(tripped)).toEqual([rule]);
    expect(Object.keys(tripped.flags[0]!.facts).length).toBeGreaterThan(0);
    expect(openRules(await create(clean(passing)))).toEqual([]);
  });

  it("below_benchmark shows the unit price against the township's benchmark", async () => {
    const tripped = await create(clean({ annualPriceFen: 300_000 }));
    expect(tripped.flags[0]!.facts).toEqual({ unitPriceFen: 30_000, benchmarkFen: 50_000, unit: "亩", belowPercent: 40, allowedPercent: 30 });
  });

  it("double_let: the same object let twice over overlapping terms flags both; one after the other flags neither", async () => {
    const first = await create(clean({ objectName: "西坡地1号" }));
    const second = await create(clean({ objectName: "西坡地 1号", startOn: "2030-01-01", endOn: "2035-12-31" }));
    expect(openRules(second)).toEqual(["double_let"]);
    expect(second.flags[0]!.facts).toMatchObject({ otherContractId: first.id, overlapFrom: "2030-01-01", overlapTo: "2033-12-31" });
    expect(openRules((await secretary.get(`/api/ledger/contracts/${first.id}`)).json())).toEqual(["double_let"]);
    const later = await create(clean({ objectName: "北沟地9号", startOn: "2034-01-01", endOn: "2040-12-31" }));
    await create(clean({ objectName: "北沟地9号" }));
    expect(openRules((await secretary.get(`/api/ledger/contracts/${later.id}`)).json())).toEqual([]);
  });

  it("clears a flag when the contract is corrected, and the city's settings change what trips", async () => {
    const unpaid = await create(clean({ receivedFen: 0 }));
    const corrected = (await secretary.patch(`/api/ledger/contracts/${unpaid.id}`, { version: unpaid.version, receivedFen: 1_000_000 })).json();
    expect([corrected.checkState, corrected.flags[0].state]).toEqual(["rectified", "cleared"]);

    const long = await create(clean({ endOn: "2050-12-31" }));
    expect(openRules(long)).toEqual([]);
    const settings = (await office.get("/api/ledger/settings")).json();
    const rules = { ...settings.rules, termLimitYears: { ...settings.rules.termLimitYears, land: 20 } };
    expect((await office.request({ method: "PUT", url: "/api/ledger/settings", payload: { rules, version: settings.version } })).statusCode).toBe(200);
    expect(openRules((await secretary.get(`/api/ledger/contracts/${long.id}`)).json())).toEqual(["term_limit"]);
    // The same version again is stale.
    expect((await office.request({ method: "PUT", url: "/api/ledger/settings", payload: { rules, version: settings.version } })).statusCode).toBe(409);
    const restored = { ...rules, termLimitYears: settings.rules.termLimitYears };
    expect((await office.request({ method: "PUT", url: "/api/ledger/settings", payload: { rules: restored, version: settings.version + 1 } })).statusCode).toBe(200);
    expect(openRules((await secretary.get(`/api/ledger/contracts/${long.id}`)).json())).toEqual([]);
  });
});

describe("a flag raised as a problem", () => {
  it("becomes a self-found problem at the village, and when the problem closes the contract shows rectified", async () => {
    const contract = await create(clean({ procedure: "none", procedureOn: undefined }));
    const flag = contract.flags[0]!;
    const raised = await secretary.post(`/api/ledger/flags/${flag.id}/raise`, { version: flag.version });
    expect(raised.statusCode).toBe(200);
    const { problemId, problemCode } = raised.json();
    expect(problemCode).toMatch(/^WT\d{6}$/);
    const problem = (await secretary.get(`/api/problems/${problemId}`)).json();
    expect(problem).toMatchObject({ nodeId: village, source: "self", channel: "ledger_check", category: "collective_economy", status: "registered" });
    expect(problem.description).toContain("未履行民主程序");
    // Raising twice is refused, and the same version is stale.
    expect((await secretary.post(`/api/ledger/flags/${flag.id}/raise`, { version: flag.version })).statusCode).toBe(409);
    expect((await secretary.get(`/api/ledger/contracts/${contract.id}`)).json()).toMatchObject({ checkState: "flagged", flags: [{ state: "raised", problemId }] });

    // Rectified through the problem lists' own flow: assigned, worked, submitted by the village, checked by the township.
    let current = problem;
    const step = async (session: Session, action: string, body: Record<string, unknown>) => {
      const response = await session.post(`/api/problems/${problemId}/${action}`, { version: current.version, ...body });
      expect(response.statusCode, response.body).toBe(200);
      current = response.json();
    };
    await step(secretary, "assign", { responsibleNodeId: village, responsiblePerson: "村主任", measure: "召开村民代表会议补办决议", deadlineDays: 10 });
    await step(secretary, "start", {});
    await step(secretary, "submit", { note: "已补办决议并公示" });
    const before = (await office.get(`/api/figures?org=${village}`)).json().figures;
    await step(cadre, "approve", {});
    const after = (await secretary.get(`/api/ledger/contracts/${contract.id}`)).json();
    expect(after).toMatchObject({ checkState: "rectified", flags: [{ state: "rectified", problemId }] });
    const figures = (await office.get(`/api/figures?org=${village}`)).json().figures;
    expect(figures["ledger.rectifiedContracts"]).toBe(before["ledger.rectifiedContracts"] + 1);
    const drill = (await office.get(`/api/ledger/contracts?org=${village}&figure=ledger.rectifiedContracts&pageSize=200`)).json();
    expect(drill.total).toBe(figures["ledger.rectifiedContracts"]);
    expect(drill.items.map((item: { id: number }) => item.id)).toContain(contract.id);
  });

  it("is refused to a township that may only read, and is 404 outside the caller's reach", async () => {
    const contract = await create(clean({ fileRef: undefined }));
    const flag = contract.flags[0]!;
    expect((await cadre.post(`/api/ledger/flags/${flag.id}/raise`, { version: flag.version })).statusCode).toBe(403);
    const neighbour = await t.login("grid_worker");
    expect((await neighbour.post(`/api/ledger/flags/${flag.id}/raise`, { version: flag.version })).statusCode).toBe(404);
  });
});

describe("bad input changes nothing", () => {
  it.each([
    ["an end before its start", () => ({ startOn: "2025-01-01", endOn: "2024-12-31" }), "endOn"],
    ["a negative amount", () => ({ annualPriceFen: -1 }), "annualPriceFen"],
    ["an amount in yuan with decimals", () => ({ dueFen: 12.5 }), "dueFen"],
    ["an unknown village", () => ({ nodeId: 987_654 }), "nodeId"],
    ["a node that is no village", () => ({ nodeId: node("T1V1G1") }), "nodeId"],
    ["an area with three decimals", () => ({ area: "1.234" }), "area"],
  ])("%s is 400 with the field", async (_name, overrides, field) => {
    const body = clean(overrides());
    const before = await countRows("ledger_contracts");
    const response = await secretary.post("/api/ledger/contracts", body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((entry: { field: string }) => entry.field)).toContain(field);
    expect(await countRows("ledger_contracts")).toBe(before);
  });

  it("is 404 for a village outside the caller's reach and 403 for a township that only reads", async () => {
    expect((await secretary.post("/api/ledger/contracts", clean({ nodeId: node("T1V2") }))).statusCode).toBe(404);
    expect((await secretary.post("/api/ledger/contracts", clean({ nodeId: other.nodes.get("OT1V1")!.id }))).statusCode).toBe(404);
    expect((await cadre.post("/api/ledger/contracts", clean())).statusCode).toBe(403);
  });

  it("answers a second edit from the same version with 409, and keeps the first", async () => {
    const contract = await create(clean());
    const first = await secretary.patch(`/api/ledger/contracts/${contract.id}`, { version: contract.version, annualPriceFen: 520_000 });
    const second = await secretary.patch(`/api/ledger/contracts/${contract.id}`, { version: contract.version, annualPriceFen: 100 });
    expect([first.statusCode, second.statusCode]).toEqual([200, 409]);
    expect((await secretary.get(`/api/ledger/contracts/${contract.id}`)).json().annualPriceFen).toBe(520_000);
    const backwards = await secretary.patch(`/api/ledger/contracts/${contract.id}`, { version: first.json().version, endOn: "2023-01-01" });
    expect(backwards.statusCode).toBe(400);
  });
});

describe("the ledger as people see it", () => {
  it("masks a person's data and shows an enterprise's name", async () => {
    const person = await create(clean());
    expect([person.counterpartyName, person.counterpartyIdNumber]).toEqual(["王**", "1408**********1234"]);
    const firm = await create(clean({ counterpartyKind: "enterprise", counterpartyName: "河津市龙门农业有限公司", counterpartyIdNumber: undefined }));
    expect(firm.counterpartyName).toBe("河津市龙门农业有限公司");
    const listed = (await cadre.get(`/api/ledger/contracts?org=${village}&pageSize=200`)).json();
    expect(JSON.stringify(listed)).not.toContain("王建国");
    expect(JSON.stringify(listed)).not.toContain("140882198001011234");
  });

  it("shows a person's data in full only to a role that needs it, and audits the reveal without the value", async () => {
    const person = await create(clean({ counterpartyPhone: "13700001234" }));
    const shown = await cadre.post(`/api/ledger/contracts/${person.id}/reveal`, { field: "counterpartyPhone" });
    expect([shown.statusCode, shown.json().value]).toEqual([200, "13700001234"]);
    expect((await office.post(`/api/ledger/contracts/${person.id}/reveal`, { field: "counterpartyPhone" })).statusCode).toBe(403);
    expect(await countRows("audit_log", `action = 'ledger.contract.reveal' AND entity_id = '${person.id}'`)).toBe(1);
    expect(await countRows("audit_log", `action = 'ledger.contract.reveal' AND after::text LIKE '%13700001234%'`)).toBe(0);
  });

  it("deletes softly, with its reason in the audit trail, and the contract leaves every list", async () => {
    const contract = await create(clean({ fileRef: undefined }));
    const response = await secretary.delete(`/api/ledger/contracts/${contract.id}`, { version: contract.version, reason: "重复录入" });
    expect(response.statusCode).toBe(200);
    expect((await secretary.get(`/api/ledger/contracts/${contract.id}`)).statusCode).toBe(404);
    const listed = (await secretary.get(`/api/ledger/contracts?pageSize=200`)).json();
    expect(listed.items.map((item: { id: number }) => item.id)).not.toContain(contract.id);
    expect(await countRows("ledger_contracts", `id = ${contract.id} AND deleted_at IS NOT NULL AND delete_reason = '重复录入'`)).toBe(1);
    expect(await countRows("audit_log", `action = 'ledger.contract.delete' AND entity_id = '${contract.id}'`)).toBe(1);
  });

  it("lists within the caller's reach, sums prices to the fen, and filters by rule and state", async () => {
    const all = (await cadre.get(`/api/ledger/contracts?org=${node("T1")}&pageSize=200`)).json();
    expect(all.annualPriceFen).toBe(all.items.reduce((sum: number, item: { annualPriceFen: number }) => sum + item.annualPriceFen, 0));
    const arrears = (await cadre.get(`/api/ledger/contracts?org=${node("T1")}&rule=arrears&pageSize=200`)).json();
    expect(arrears.total).toBeGreaterThan(0);
    expect(arrears.items.every((item: { owedFen: number }) => item.owedFen > 0)).toBe(true);
    const flagged = (await cadre.get(`/api/ledger/contracts?org=${node("T1")}&state=flagged&pageSize=200`)).json();
    expect(flagged.items.every((item: { checkState: string }) => item.checkState === "flagged")).toBe(true);
    expect((await cadre.get(`/api/ledger/contracts?org=${node("T2")}`)).statusCode).toBe(404);
  });
});
