import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, matrixCases, matrixRoles, matrixVillages, outsideVillage, row, signInEveryRole, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * The evaluation module for every demo role on a village inside its subtree and one outside it (the
 * neighbouring village at the role's level, or the other city's village for roles held at a city root,
 * scored in that city's own period). Catalogues, periods, manual scores and appeals are made by fixture
 * accounts (an office in each city, an appealing village secretary per village), none of them matrix roles.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
/** evaluation.read: the office, leaders, the township, the village and supervisors, each within its subtree. */
const read = row("200/404 200/404 403/403 200/404 200/404 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403");
/** evaluation.assess: the office and supervisors score and record findings within their subtree. */
const assess = (ok: number) => row(`${ok}/404 403/403 403/403 403/403 403/403 403/403 403/403 ${ok}/404 403/403 403/403 403/403 403/403 403/403`);
/** evaluation.appeal: the township and the village appeal for the bodies of their subtree. */
/**
 * The findings import, evaluation.assess too: a file is refused as a whole (403) or read row by row, and a
 * body outside the caller's reach is a bad row like an unknown one, so the preview lists it (200, no valid
 * row: asserted in findings-import.test.ts) and the import refuses the file (400).
 */
const importPreview = row("200/200 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403 403/403 403/403");
const importCommit = row("201/400 403/403 403/403 403/403 403/403 403/403 403/403 201/400 403/403 403/403 403/403 403/403 403/403");
const appeal = row("403/403 403/403 403/403 201/404 201/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");
/** evaluation.manage: only the organisation department's office decides. */
const manage = row("200/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");

const readers = statuses("200 200 403 200 200 403 403 200 403 403 403 403 403");
const office = (ok: number) => statuses(`${ok} 403 403 403 403 403 403 403 403 403 403 403 403`);
const assessors = statuses("200 403 403 403 403 403 403 200 403 403 403 403 403");

type Response = LightMyRequestResponse;
interface Target {
  id: number;
  version: number;
  place: string;
  periodId: number;
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  target(place: string): Promise<Target>;
  call(session: Session, target: Target, n: number): Promise<Response>;
}


let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let sessions: Map<MatrixRole, Session>;
let appellants: Map<string, Session>;
const offices = new Map<"C" | "O", Session>();
/** Per city: the village catalogue with a manual item, its published period and a draft. */
const setups = new Map<"C" | "O", { catalogueId: number; manualItemId: number; published: number; draft: number }>();
let counter = 0;

const nodeByCode = (code: string) => city.nodes.get(code) ?? other.nodes.get(code)!;
const idOf = (code: string) => nodeByCode(code).id;
const cityOf = (place: string): "C" | "O" => (place.startsWith("O") ? "O" : "C");
const made = <T = { id: number; version: number }>(response: Promise<Response>, status = 200) => succeeded<T>(response, status);

const items = [
  { source: "supervision", channel: "rating", weight: 60 },
  { source: "manual", label: "组织考核", weight: 40 },
];

async function catalogueIn(which: "C" | "O") {
  return made<{ id: number; version: number; items: { id: number; source: string }[] }>(
    offices.get(which)!.post("/api/evaluation/catalogues", { name: `村考评${++counter}`, bodyKind: "village", periodKind: "quarter", grading: "threshold", public: true, items }),
    201,
  );
}

/** A period of the city's catalogue brought to a status: draft, computed draft, review or published. */
async function periodIn(which: "C" | "O", status: "draft" | "computed" | "review" | "published") {
  const s = offices.get(which)!;
  const n = ++counter;
  let p = await made<{ id: number; version: number }>(s.post("/api/evaluation/periods", { catalogueId: setups.get(which)?.catalogueId ?? (await catalogueIn(which)).id, label: `第${n}期`, startsOn: `${2000 + n}-07-01`, endsOn: `${2000 + n}-09-30` }), 201);
  if (status === "draft") return p;
  p = await made(s.post(`/api/evaluation/periods/${p.id}/compute`, { version: p.version }));
  if (status === "computed") return p;
  p = await made(s.post(`/api/evaluation/periods/${p.id}/submit`, { version: p.version }));
  if (status === "review") return p;
  return made(s.post(`/api/evaluation/periods/${p.id}/publish`, { version: p.version }));
}

/** A findings workbook with one row against the village. */
async function findingsFile(place: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("发现问题");
  sheet.addRow(["监督渠道", "对象类型", "考评对象", "发现日期", "扣分", "问题描述", "证据"]);
  sheet.addRow(["审计监督", "村", nodeByCode(place).name, "2026-08-01", 2, `审计发现${++counter}`, "审计报告"]);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

const bodyAt = async (place: string): Promise<Target> => ({ id: idOf(place), version: 0, place, periodId: setups.get(cityOf(place))!.published });
const draftBodyAt = async (place: string): Promise<Target> => ({ id: idOf(place), version: 0, place, periodId: setups.get(cityOf(place))!.draft });

async function appealAt(place: string): Promise<Target> {
  const periodId = setups.get(cityOf(place))!.published;
  const filed = await made(appellants.get(place)!.post(`/api/evaluation/periods/${periodId}/appeals`, { bodyKind: "village", bodyId: idOf(place), reason: "申诉理由" }), 201);
  return { id: filed.id, version: filed.version, place, periodId };
}

async function manualScoreAt(place: string): Promise<Target> {
  const setup = setups.get(cityOf(place))!;
  const score = await made(offices.get(cityOf(place))!.post(`/api/evaluation/periods/${setup.draft}/manual-scores`, { itemId: setup.manualItemId, bodyKind: "village", bodyId: idOf(place), score: 85, evidence: "考核记录" }), 201);
  return { id: score.id, version: score.version, place, periodId: setup.draft };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  sessions = await signInEveryRole(t);
  await fixtureAccount(t, { username: "office.here", cityId: city.cityId, role: "campaign_admin", nodeId: idOf("C") });
  await fixtureAccount(t, { username: "office.there", cityId: other.cityId, role: "campaign_admin", nodeId: idOf("O") });
  offices.set("C", await t.login("office.here"));
  offices.set("O", await t.login("office.there"));
  appellants = new Map();
  for (const place of matrixVillages) {
    const username = `appellant.${place.toLowerCase()}`;
    await fixtureAccount(t, { username, cityId: cityOf(place) === "C" ? city.cityId : other.cityId, role: "village_secretary", nodeId: idOf(place) });
    appellants.set(place, await t.login(username));
  }
  for (const which of ["C", "O"] as const) {
    const catalogue = await catalogueIn(which);
    setups.set(which, { catalogueId: catalogue.id, manualItemId: catalogue.items.find((item) => item.source === "manual")!.id, published: 0, draft: 0 });
    const published = await periodIn(which, "published");
    const draft = await periodIn(which, "draft");
    setups.set(which, { ...setups.get(which)!, published: published.id, draft: draft.id });
  }
});
afterAll(async () => t.close());

const recordRoutes: RecordRoute[] = [
  { name: "GET /api/evaluation/periods/:id/bodies/:kind/:bodyId", expect: read, target: bodyAt, call: (s, x) => s.get(`/api/evaluation/periods/${x.periodId}/bodies/village/${x.id}`) },
  { name: "GET /api/evaluation/results?org", expect: read, target: bodyAt, call: (s, x) => s.get(`/api/evaluation/results?org=${x.id}`) },
  {
    name: "POST /api/evaluation/periods/:id/manual-scores",
    expect: assess(201),
    target: draftBodyAt,
    call: (s, x) => s.post(`/api/evaluation/periods/${x.periodId}/manual-scores`, { itemId: setups.get(cityOf(x.place))!.manualItemId, bodyKind: "village", bodyId: x.id, score: 70, evidence: "记录" }),
  },
  { name: "POST /api/evaluation/manual-scores/:id/confirm", expect: assess(200), target: manualScoreAt, call: (s, x) => s.post(`/api/evaluation/manual-scores/${x.id}/confirm`, { version: x.version }) },
  {
    name: "POST /api/evaluation/findings",
    expect: assess(201),
    target: bodyAt,
    call: (s, x) => s.post("/api/evaluation/findings", { channel: "audit", bodyKind: "village", bodyId: x.id, foundOn: "2026-08-01", points: 2, description: "审计发现", evidence: "审计报告" }),
  },
  { name: "POST /api/evaluation/findings/import/preview", expect: importPreview, target: bodyAt, call: async (s, x) => s.post("/api/evaluation/findings/import/preview", { fileName: "发现.xlsx", contentBase64: await findingsFile(x.place) }) },
  { name: "POST /api/evaluation/findings/import", expect: importCommit, target: bodyAt, call: async (s, x) => s.post("/api/evaluation/findings/import", { fileName: "发现.xlsx", contentBase64: await findingsFile(x.place) }) },
  { name: "POST /api/evaluation/periods/:id/appeals", expect: appeal, target: bodyAt, call: (s, x) => s.post(`/api/evaluation/periods/${x.periodId}/appeals`, { bodyKind: "village", bodyId: x.id, reason: "申诉" }) },
  { name: "GET /api/evaluation/appeals/:id", expect: read, target: appealAt, call: (s, x) => s.get(`/api/evaluation/appeals/${x.id}`) },
  { name: "POST /api/evaluation/appeals/:id/decide", expect: manage, target: appealAt, call: (s, x) => s.post(`/api/evaluation/appeals/${x.id}/decide`, { version: x.version, accept: false, decision: "不予采纳" }) },
];

let cityRanked: Promise<unknown> | undefined;
/** Once: the city itself scored (a city catalogue's period published), which the prefecture ranking reads. */
const rankCity = () =>
  (cityRanked ??= (async () => {
    const s = offices.get("C")!;
    const catalogue = await made<{ id: number }>(s.post("/api/evaluation/catalogues", { name: "全市考评", bodyKind: "city", periodKind: "quarter", grading: "threshold", items }), 201);
    let p = await made(s.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "全市一期", startsOn: "2026-07-01", endsOn: "2026-09-30" }), 201);
    for (const action of ["compute", "submit", "publish"]) p = await made(s.post(`/api/evaluation/periods/${p.id}/${action}`, { version: p.version }));
  })());

const transition = (action: string, from: "draft" | "computed" | "review" | "published", body: Record<string, unknown> = {}) => async (s: Session) => {
  const p = await periodIn("C", from);
  return s.post(`/api/evaluation/periods/${p.id}/${action}`, { version: p.version, ...body });
};

const globalRoutes: { name: string; expect: number[]; call(session: Session): Promise<Response> }[] = [
  { name: "GET /api/evaluation/indicators", expect: readers, call: (s) => s.get("/api/evaluation/indicators") },
  { name: "GET /api/evaluation/catalogues", expect: readers, call: (s) => s.get("/api/evaluation/catalogues") },
  { name: "GET /api/evaluation/catalogues/:id", expect: readers, call: (s) => s.get(`/api/evaluation/catalogues/${setups.get("C")!.catalogueId}`) },
  { name: "POST /api/evaluation/catalogues", expect: office(201), call: (s) => s.post("/api/evaluation/catalogues", { name: "新考评", bodyKind: "village", periodKind: "quarter", grading: "quota", items }) },
  {
    name: "PATCH /api/evaluation/catalogues/:id",
    expect: office(200),
    call: async (s) => {
      const fresh = await catalogueIn("C");
      return s.patch(`/api/evaluation/catalogues/${fresh.id}`, { version: fresh.version, name: "改名考评", bodyKind: "village", periodKind: "year", grading: "threshold", items });
    },
  },
  { name: "GET /api/evaluation/periods", expect: readers, call: (s) => s.get("/api/evaluation/periods") },
  { name: "POST /api/evaluation/periods", expect: office(201), call: (s) => s.post("/api/evaluation/periods", { catalogueId: setups.get("C")!.catalogueId, label: "新一期", startsOn: `${2000 + ++counter}-01-01`, endsOn: `${2000 + counter}-03-31` }) },
  { name: "GET /api/evaluation/periods/:id", expect: readers, call: (s) => s.get(`/api/evaluation/periods/${setups.get("C")!.published}`) },
  { name: "GET /api/evaluation/periods/:id/board", expect: readers, call: (s) => s.get(`/api/evaluation/periods/${setups.get("C")!.published}/board`) },
  { name: "POST /api/evaluation/periods/:id/compute", expect: office(200), call: transition("compute", "draft") },
  { name: "POST /api/evaluation/periods/:id/submit", expect: office(200), call: transition("submit", "computed") },
  { name: "POST /api/evaluation/periods/:id/return", expect: office(200), call: transition("return", "review") },
  { name: "POST /api/evaluation/periods/:id/publish", expect: office(200), call: transition("publish", "review") },
  { name: "POST /api/evaluation/periods/:id/corrections", expect: office(200), call: transition("corrections", "published", { reason: "数据更正" }) },
  { name: "GET /api/evaluation/periods/:id/manual-scores", expect: assessors, call: (s) => s.get(`/api/evaluation/periods/${setups.get("C")!.draft}/manual-scores`) },
  { name: "GET /api/evaluation/periods/:id/bodies", expect: assessors, call: (s) => s.get(`/api/evaluation/periods/${setups.get("C")!.draft}/bodies`) },
  { name: "GET /api/evaluation/findings", expect: readers, call: (s) => s.get("/api/evaluation/findings") },
  { name: "GET /api/evaluation/appeals", expect: readers, call: (s) => s.get("/api/evaluation/appeals") },
  { name: "GET /api/evaluation/results", expect: readers, call: (s) => s.get("/api/evaluation/results") },
  /** Whole-city readers only: below the city root the prefecture's ranking is not theirs (404). */
  {
    name: "GET /api/evaluation/prefecture-ranking",
    expect: statuses("200 200 403 404 404 403 403 404 403 403 403 403 403"),
    call: async (s) => {
      await rankCity();
      return s.get("/api/evaluation/prefecture-ranking");
    },
  },
];

describe("records and villages", () => {
  describe.each(recordRoutes)("$name", (route) => {
    it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
      const session = sessions.get(role)!;
      const insideResponse = await route.call(session, await route.target("T1V1"), ++counter);
      const outsideResponse = await route.call(session, await route.target(outsideVillage[role]), ++counter);
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
  it.each([...matrixRoles, "anonymous" as const])("GET /api/public/rankings — %s: 200", async (role) => {
    const url = "/api/public/rankings?city=testcity";
    const response = role === "anonymous" ? await t.app.inject({ method: "GET", url }) : await sessions.get(role)!.get(url);
    expect(response.statusCode).toBe(200);
    expect(response.json().boards).toHaveLength(1);
  });
});
