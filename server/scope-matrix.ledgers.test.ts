import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, matrixCases, matrixRoles, matrixVillages, outsideVillage, row, signInEveryRole, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * The ledgers module for every demo role on a target inside its subtree and one outside it. Ledgers
 * live at villages, so inside is the village T1V1 and outside the neighbouring village at the role's
 * own level (or the other city's village for roles held at a city root). Records are made by fixture
 * village secretaries, one per village, who are none of the matrix roles.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
/** ledger.read on a list filtered to a node: 403 without the permission anywhere, 404 outside. */
const readList = row("200/404 200/404 403/403 200/404 200/404 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403");
/** ledger.read on one record: 403 where the caller sees the village but may not read ledgers, 404 where it cannot see it. */
const readRecord = row("200/404 200/404 403/404 200/404 200/404 404/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** ledger.manage: the village secretary keeps the village's ledgers; a grid worker does not see the village at all. */
const manage = (ok: number) => row(`403/404 403/404 403/404 403/404 ${ok}/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** A township's benchmark: the city office and the township set it; a village does not see its township. */
/** person.reveal where the caller reads ledgers: the township and the village, whose work needs the counterparty's contact. */
const reveal = row("403/404 403/404 403/404 200/404 200/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404");
const configureTownship = row("200/404 403/404 403/404 200/404 404/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404");
/** The city's rules: every reader of the city sees them; only the city office changes them. */
const readSettings = row("200/404 200/404 403/403 200/404 200/404 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403");
const putSettings = row("200/404 403/403 403/403 404/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");

const everyReader = statuses("200 200 403 200 200 403 403 200 403 403 403 403 403");

type Response = LightMyRequestResponse;
interface Target {
  id: number;
  version: number;
  /** The village (or township, or city) the target lies at. */
  place: string;
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  /** Where each role's inside and outside lie: villages unless the route works on townships or cities. */
  level?: "township" | "city";
  target(place: string): Promise<Target>;
  call(session: Session, target: Target, n: number): Promise<Response>;
}


let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let sessions: Map<MatrixRole, Session>;
let keepers: Map<string, Session>;
let office: Session;
let otherOffice: Session;
const shared = new Map<string, { contract: Target; debt: Target }>();
let counter = 0;

const nodeByCode = (code: string) => city.nodes.get(code) ?? other.nodes.get(code)!;
const idOf = (code: string) => nodeByCode(code).id;
const made = <T = { id: number; version: number }>(response: Promise<Response>, status = 200) => succeeded<T>(response, status);

function contractBody(place: string, n: number, overrides: Record<string, unknown> = {}) {
  return {
    nodeId: idOf(place),
    code: `M-${n}`,
    counterpartyKind: "enterprise",
    counterpartyName: "河津市龙门农业有限公司",
    object: "land",
    objectName: `矩阵地${n}号`,
    area: "5",
    unit: "亩",
    startOn: "2024-01-01",
    endOn: "2030-12-31",
    annualPriceFen: 300_000,
    paymentSchedule: "annual",
    letMethod: "public_tender",
    procedure: "representatives_resolution",
    procedureOn: "2023-12-01",
    fileRef: `F-${n}`,
    ...overrides,
  };
}

async function contractAt(place: string, overrides: Record<string, unknown> = {}): Promise<Target & { flags: { id: number; version: number }[] }> {
  counter++;
  const contract = await made<{ id: number; version: number; flags: { id: number; version: number }[] }>(keepers.get(place)!.post("/api/ledger/contracts", contractBody(place, counter, overrides)), 201);
  return { id: contract.id, version: contract.version, place, flags: contract.flags };
}

/** A tiny real PDF: the contract text the upload accepts by its first bytes. */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");

async function contractWithFile(place: string): Promise<Target> {
  const contract = await contractAt(place);
  const uploaded = await made(keepers.get(place)!.post(`/api/ledger/contracts/${contract.id}/file`, { version: contract.version, fileName: "合同.pdf", contentBase64: PDF }));
  return { id: uploaded.id, version: uploaded.version, place };
}

async function flagAt(place: string): Promise<Target> {
  const contract = await contractAt(place, { fileRef: undefined });
  return { id: contract.flags[0]!.id, version: contract.flags[0]!.version, place };
}

async function debtAt(place: string): Promise<Target> {
  const debt = await made(
    keepers.get(place)!.post("/api/ledger/debts", { nodeId: idOf(place), creditor: "信用社", creditorKind: "bank", amountFen: 1_000_000, origin: "工程借款", incurredOn: "2020-01-01", evidence: "借款合同" }),
    201,
  );
  return { id: debt.id, version: debt.version, place };
}

/** A one-row ledger with a code of its own, as a village would upload it. */
async function workbook(n: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  sheet.addRow(["合同编号", "承包方类型", "承包方", "标的类型", "标的名称", "面积", "单位", "起始日期", "终止日期", "年承包费(元)", "支付方式", "发包方式", "民主程序", "决议日期", "合同档案号"]);
  sheet.addRow([`X-${n}`, "企业", "河津市汾河果业有限公司", "土地", `导入地${n}号`, 8, "亩", "2024-01-01", "2030-12-31", 4000, "按年支付", "公开招标", "村民会议决议", "2023-12-01", `D-${n}`]);
  return Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
}

const placeAt = async (place: string): Promise<Target> => ({ id: idOf(place), version: 0, place });

async function settingsAt(place: string): Promise<Target> {
  const cityId = place === "C" ? city.cityId : other.cityId;
  const settings = await made<{ version: number }>((place === "C" ? office : otherOffice).get(`/api/ledger/settings?city=${cityId}`));
  return { id: cityId, version: settings.version, place };
}

async function benchmarkAt(place: string): Promise<Target> {
  return { id: idOf(place), version: 0, place };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  sessions = await signInEveryRole(t);
  keepers = new Map();
  for (const place of matrixVillages) {
    const username = `keeper.${place.toLowerCase()}`;
    await fixtureAccount(t, { username, cityId: nodeByCode(place).path.startsWith(city.nodes.get("C")!.path) ? city.cityId : other.cityId, role: "village_secretary", nodeId: idOf(place) });
    keepers.set(place, await t.login(username));
  }
  await fixtureAccount(t, { username: "office.here", cityId: city.cityId, role: "campaign_admin", nodeId: idOf("C") });
  await fixtureAccount(t, { username: "office.there", cityId: other.cityId, role: "campaign_admin", nodeId: idOf("O") });
  office = await t.login("office.here");
  otherOffice = await t.login("office.there");
  for (const place of matrixVillages) shared.set(place, { contract: await contractAt(place), debt: await debtAt(place) });
  await made(keepers.get("T1V2")!.request({ method: "PUT", url: "/api/ledger/disclosures", payload: { nodeId: idOf("T1V2"), published: true, version: 0 } }));
});
afterAll(async () => t.close());

/** The lists, each read filtered to a node and without one. */
const lists = [
  "GET /api/ledger/contracts",
  "GET /api/ledger/flags",
  "GET /api/ledger/debts",
  "GET /api/ledger/debt-movements",
  "GET /api/ledger/incomes",
  "GET /api/ledger/ranking",
  "GET /api/ledger/pairings",
  "GET /api/ledger/cooperatives",
  "GET /api/ledger/benchmarks",
];

const recordRoutes: RecordRoute[] = [
  // --- lists filtered to a node
  ...lists.map((name): RecordRoute => ({ name: `${name}?org`, expect: readList, target: placeAt, call: (s, x) => s.get(`${name.slice(4)}?org=${x.id}`) })),

  // --- rules and benchmarks
  { name: "GET /api/ledger/settings?city", expect: readSettings, level: "city", target: settingsAt, call: (s, x) => s.get(`/api/ledger/settings?city=${x.id}`) },
  {
    name: "PUT /api/ledger/settings",
    expect: putSettings,
    level: "city",
    target: settingsAt,
    call: async (s, x) => {
      const current = (await (x.place === "C" ? office : otherOffice).get(`/api/ledger/settings?city=${x.id}`)).json() as { rules: unknown; version: number };
      return s.request({ method: "PUT", url: "/api/ledger/settings", payload: { city: x.id, rules: current.rules, version: current.version } });
    },
  },
  {
    name: "PUT /api/ledger/benchmarks",
    expect: configureTownship,
    level: "township",
    target: benchmarkAt,
    call: (s, x, n) => s.request({ method: "PUT", url: "/api/ledger/benchmarks", payload: { nodeId: x.id, object: "other", unit: `单位${n}`, priceFen: 10_000, version: 0 } }),
  },

  // --- contracts and flags
  { name: "GET /api/ledger/contracts/export?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/ledger/contracts/export?org=${x.id}`) },
  {
    name: "POST /api/ledger/import/preview",
    expect: manage(200),
    target: placeAt,
    call: async (s, x, n) => s.post("/api/ledger/import/preview", { nodeId: x.id, fileName: "台账.xlsx", contentBase64: await workbook(n) }),
  },
  { name: "GET /api/ledger/contracts/:id", expect: readRecord, target: async (place) => shared.get(place)!.contract, call: (s, x) => s.get(`/api/ledger/contracts/${x.id}`) },
  {
    name: "POST /api/ledger/contracts/:id/reveal",
    expect: reveal,
    target: async (place) => shared.get(place)!.contract,
    call: (s, x) => s.post(`/api/ledger/contracts/${x.id}/reveal`, { field: "counterpartyName" }),
  },
  { name: "POST /api/ledger/contracts", expect: manage(201), target: placeAt, call: (s, x, n) => s.post("/api/ledger/contracts", contractBody(x.place, n, { code: `N-${n}` })) },
  { name: "PATCH /api/ledger/contracts/:id", expect: manage(200), target: (place) => contractAt(place), call: (s, x) => s.patch(`/api/ledger/contracts/${x.id}`, { version: x.version, receivedFen: 1 }) },
  { name: "POST /api/ledger/contracts/:id/file", expect: manage(200), target: (place) => contractAt(place), call: (s, x) => s.post(`/api/ledger/contracts/${x.id}/file`, { version: x.version, fileName: "合同.pdf", contentBase64: PDF }) },
  { name: "GET /api/ledger/contracts/:id/file", expect: readRecord, target: contractWithFile, call: (s, x) => s.get(`/api/ledger/contracts/${x.id}/file`) },
  { name: "DELETE /api/ledger/contracts/:id", expect: manage(200), target: (place) => contractAt(place), call: (s, x) => s.delete(`/api/ledger/contracts/${x.id}`, { version: x.version, reason: "录入错误" }) },
  { name: "POST /api/ledger/flags/:id/raise", expect: manage(200), target: flagAt, call: (s, x) => s.post(`/api/ledger/flags/${x.id}/raise`, { version: x.version }) },

  // --- debts
  { name: "GET /api/ledger/debts/:id", expect: readRecord, target: async (place) => shared.get(place)!.debt, call: (s, x) => s.get(`/api/ledger/debts/${x.id}`) },
  {
    name: "POST /api/ledger/debts",
    expect: manage(201),
    target: placeAt,
    call: (s, x) => s.post("/api/ledger/debts", { nodeId: x.id, creditor: "施工队", creditorKind: "enterprise", amountFen: 500_000, origin: "修路欠款", incurredOn: "2021-05-01", evidence: "结算单" }),
  },
  {
    name: "PUT /api/ledger/debts/:id/plan",
    expect: manage(200),
    target: debtAt,
    call: (s, x) => s.request({ method: "PUT", url: `/api/ledger/debts/${x.id}/plan`, payload: { version: x.version, instalments: [{ dueOn: "2027-01-01", amountFen: 1_000_000 }] } }),
  },
  {
    name: "POST /api/ledger/debts/:id/movements",
    expect: manage(200),
    target: debtAt,
    call: (s, x) => s.post(`/api/ledger/debts/${x.id}/movements`, { version: x.version, kind: "payment", amountFen: 100_000, on: "2026-01-15" }),
  },

  // --- income, pairing, cooperatives, disclosure
  {
    name: "POST /api/ledger/incomes",
    expect: manage(201),
    target: placeAt,
    call: (s, x, n) => s.post("/api/ledger/incomes", { nodeId: x.id, year: 2000 + (n % 100), source: ["contracting", "assets", "services", "dividends", "subsidies"][Math.floor(n / 100) % 5], amountFen: 10_000 }),
  },
  {
    name: "POST /api/ledger/pairings",
    expect: manage(201),
    target: placeAt,
    call: (s, x) => s.post("/api/ledger/pairings", { nodeId: x.id, enterprise: "河津市汾河果业有限公司", agreementOn: "2025-03-01", project: "订单农业", investedFen: 1_000_000, jobs: 5 }),
  },
  {
    name: "POST /api/ledger/cooperatives",
    expect: manage(201),
    target: placeAt,
    call: (s, x) => s.post("/api/ledger/cooperatives", { nodeId: x.id, name: "果蔬专业合作社", ledByBranch: true, members: 30, capitalFen: 2_000_000, dividendsFen: 0 }),
  },
  { name: "GET /api/ledger/disclosures?org", expect: readRecord, target: placeAt, call: (s, x) => s.get(`/api/ledger/disclosures?org=${x.id}`) },
  { name: "PUT /api/ledger/disclosures", expect: manage(200), target: placeAt, call: (s, x) => s.request({ method: "PUT", url: "/api/ledger/disclosures", payload: { nodeId: x.id, published: true, version: 0 } }) },
];

const globalRoutes: { name: string; expect: number[]; call(session: Session): Promise<Response> }[] = [
  ...lists.map((name) => ({ name, expect: everyReader, call: (s: Session) => s.get(name.slice(4)) })),
  { name: "GET /api/ledger/contracts/export", expect: everyReader, call: (s) => s.get("/api/ledger/contracts/export") },
  {
    name: "POST /api/ledger/import/commit",
    expect: statuses("403 403 403 403 200 403 403 403 403 403 403 403 403"),
    // Each caller commits a preview of its own; without one, a well-formed token nobody holds.
    call: async (s) => {
      const preview = await s.post("/api/ledger/import/preview", { nodeId: idOf("T1V1"), fileName: "台账.xlsx", contentBase64: await workbook(++counter) });
      const token = preview.statusCode === 200 ? (preview.json() as { token: string }).token : "A".repeat(32);
      return s.post("/api/ledger/import/commit", { token });
    },
  },
  { name: "POST /api/ledger/check", expect: statuses("403 403 403 403 200 403 403 403 403 403 403 403 403"), call: (s) => s.post("/api/ledger/check", {}) },
];

function placeFor(route: RecordRoute, role: MatrixRole, inside: boolean): string {
  const village = inside ? "T1V1" : outsideVillage[role];
  if (route.level === "township") return inside ? "T1" : role === "township_cadre" || role === "supervisor" || role === "village_secretary" || role === "grid_worker" ? "T2" : "OT1";
  if (route.level === "city") return inside ? "C" : "O";
  return village;
}

describe("records and villages", () => {
  describe.each(recordRoutes)("$name", (route) => {
    it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
      const session = sessions.get(role)!;
      const insideResponse = await route.call(session, await route.target(placeFor(route, role, true)), ++counter);
      const outsideResponse = await route.call(session, await route.target(placeFor(route, role, false)), ++counter);
      expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
    });
  });
});

describe("routes without a node", () => {
  describe.each(globalRoutes)("$name", (route) => {
    it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
      expect((await route.call(sessions.get(role)!)).statusCode).toBe(status);
    });
  });
});

describe("the public side: the same answer whoever asks, with or without a session", () => {
  const publicRoutes = [
    { name: "GET /api/public/ledgers", url: () => "/api/public/ledgers?city=testcity" },
    { name: "GET /api/public/ledgers/:id", url: () => `/api/public/ledgers/${idOf("T1V2")}` },
  ];
  describe.each(publicRoutes)("$name", (route) => {
    it.each([...matrixRoles, "anonymous" as const])("%s: 200", async (role) => {
      const response = role === "anonymous" ? await t.app.inject({ method: "GET", url: route.url() }) : await sessions.get(role)!.get(route.url());
      expect(response.statusCode).toBe(200);
    });
  });
});
