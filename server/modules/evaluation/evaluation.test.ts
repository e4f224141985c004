import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problems } from "../../db/schema";
import { bodyKey, type IndicatorSource, type ModuleManifest } from "../../platform/modules";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { modules } from "../index";
import { ok } from "../../test/http";

/**
 * The evaluation on the real API: a village catalogue over problem rates (from the problems module's
 * indicator source), a supervision channel and a manual score, scored for Q3 2026 from problems the
 * test writes, with every expected figure worked out by hand from those records.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let supervisor: Session;
let secretary: Session;
let cadre: Session;

const node = (code: string) => city.nodes.get(code)!.id;
const Q3 = { startsOn: "2026-07-01", endsOn: "2026-09-30" };

/** Problems found in August: `closedOnTime` closed by their deadline, `closedLate` after it, `overdue` still running past it. */
async function problemsAt(code: string, counts: { closedOnTime: number; closedLate: number; overdue: number }) {
  const rows = [
    ...Array.from({ length: counts.closedOnTime }, () => ({ status: "closed", closedOnTime: true, light: null })),
    ...Array.from({ length: counts.closedLate }, () => ({ status: "closed", closedOnTime: false, light: null })),
    ...Array.from({ length: counts.overdue }, () => ({ status: "rectifying", closedOnTime: null, light: "red" })),
  ];
  await t.db.insert(problems).values(
    rows.map((row, index) => ({
      cityId: city.cityId,
      nodeId: node(code),
      channel: "symposium",
      source: "self",
      category: "governance",
      title: `${code}问题${index}`,
      description: "测试问题",
      foundOn: "2026-08-10",
      status: row.status,
      closedOnTime: row.closedOnTime,
      closedAt: row.status === "closed" ? new Date("2026-09-01T02:00:00Z") : null,
      light: row.light,
    })),
  );
}

const items = [
  { source: "auto", indicatorKey: "problems.closure", weight: 40 },
  { source: "auto", indicatorKey: "problems.onTimeClosure", weight: 30 },
  { source: "supervision", channel: "rating", weight: 10 },
  { source: "manual", label: "组织考核", weight: 20 },
];

let catalogue: { id: number; items: { id: number; source: string; indicatorKey: string | null }[] };
let period: { id: number; version: number; resultVersion: number };

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await seedOtherCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  admin = await t.login("campaign_admin");
  supervisor = await t.login("supervisor");
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
  // T1V1: 8 due, 6 closed, 5 on time. T1V2: 3 (below the sample of 5). T2V1: 6 closed on time. T2V2: none.
  await problemsAt("T1V1", { closedOnTime: 5, closedLate: 1, overdue: 2 });
  await problemsAt("T1V2", { closedOnTime: 2, closedLate: 0, overdue: 1 });
  await problemsAt("T2V1", { closedOnTime: 6, closedLate: 0, overdue: 0 });
});
afterAll(async () => t.close());

describe("a village catalogue scored, reviewed and published", () => {
  it("refuses a catalogue whose weights do not sum to 100, naming the field", async () => {
    const bad = await admin.post("/api/evaluation/catalogues", { name: "村考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: items.map((item, i) => (i === 0 ? { ...item, weight: 39 } : item)) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toContainEqual({ field: "items", message: "权重合计 99，应为 100 (weights sum to 99, not 100)" });
    const unknown = await admin.post("/api/evaluation/catalogues", { name: "村考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "nope", weight: 100 }] });
    expect(unknown.json().error.fields).toContainEqual({ field: "items.0.indicatorKey", message: "no such indicator" });
    expect((await cadre.post("/api/evaluation/catalogues", { name: "村考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items })).statusCode).toBe(403);
    expect((await admin.get("/api/evaluation/catalogues")).json().items).toEqual([]);
    // What the modules of this app offer, each declared in its own manifest.
    const offered = (await admin.get("/api/evaluation/indicators")).json().items.map((item: { key: string }) => item.key);
    expect(offered).toEqual(expect.arrayContaining(["events.onTimeDispatch", "events.satisfaction", "problems.closure", "problems.rework", "pairing.visitCoverage"]));
  });

  it("takes manual scores from a named assessor, confirmed by a second person, and refuses to publish with one unconfirmed", async () => {
    catalogue = await ok(admin.post("/api/evaluation/catalogues", { name: "村（社区）考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", public: true, items }), 201);
    period = await ok(admin.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "2026年第三季度", ...Q3 }), 201);
    const manual = catalogue.items.find((item) => item.source === "manual")!;
    const first = await ok<{ id: number; version: number }>(supervisor.post(`/api/evaluation/periods/${period.id}/manual-scores`, { itemId: manual.id, bodyKind: "village", bodyId: node("T1V1"), score: 80, evidence: "述职评议记录" }), 201);
    const second = await ok<{ id: number; version: number }>(supervisor.post(`/api/evaluation/periods/${period.id}/manual-scores`, { itemId: manual.id, bodyKind: "village", bodyId: node("T1V2"), score: 90, evidence: "实地考核记录" }), 201);
    // The supervisor is held at township 1: a village of township 2 is not theirs to score.
    expect((await supervisor.post(`/api/evaluation/periods/${period.id}/manual-scores`, { itemId: manual.id, bodyKind: "village", bodyId: node("T2V1"), score: 50, evidence: "x" })).statusCode).toBe(404);
    const own = await supervisor.post(`/api/evaluation/manual-scores/${first.id}/confirm`, { version: first.version });
    expect([own.statusCode, own.json().error.code]).toEqual([409, "same_person"]);
    await ok(admin.post(`/api/evaluation/manual-scores/${first.id}/confirm`, { version: first.version }));
    // The assessor's list names each body as people do (a village with its township), not by its id.
    const listed = (await supervisor.get(`/api/evaluation/periods/${period.id}/manual-scores`)).json().items as { bodyName: string; score: number; confirmedByName: string | null }[];
    expect(listed.map((row) => [row.bodyName, row.score, row.confirmedByName !== null]).sort()).toEqual([
      ["第1镇1村（第1镇）", 80, true],
      ["第1镇2村（第1镇）", 90, false],
    ]);
    // A finding of the residents' rating channel ("X") against T1V1 in the quarter, and one outside it.
    await ok(supervisor.post("/api/evaluation/findings", { channel: "rating", bodyKind: "village", bodyId: node("T1V1"), foundOn: "2026-08-20", points: 6, description: "群众评议不满意", evidence: "评议表" }), 201);
    await ok(supervisor.post("/api/evaluation/findings", { channel: "rating", bodyKind: "village", bodyId: node("T1V1"), foundOn: "2026-10-02", points: 9, description: "下季度的", evidence: "评议表" }), 201);
    await ok(admin.post("/api/evaluation/findings", { channel: "rating", bodyKind: "village", bodyId: node("T2V2"), foundOn: "2026-09-02", points: 3, description: "群众评议", evidence: "评议表" }), 201);

    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/compute`, { version: period.version }));
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/submit`, { version: period.version }));
    const refused = await admin.post(`/api/evaluation/periods/${period.id}/publish`, { version: period.version });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "unconfirmed_scores"]);
    expect((await admin.get(`/api/evaluation/periods/${period.id}`)).json().status).toBe("review");
    // Drafts and reviews are the office's: a village sees nothing yet.
    expect((await secretary.get(`/api/evaluation/periods/${period.id}/board`)).statusCode).toBe(404);

    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/return`, { version: period.version }));
    await ok(admin.post(`/api/evaluation/manual-scores/${second.id}/confirm`, { version: second.version }));
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/compute`, { version: period.version }));
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/submit`, { version: period.version }));
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/publish`, { version: period.version }));
    expect(period).toMatchObject({ status: "published", resultVersion: 1 });
  });

  it("shares the weight of a rate below its minimum sample among the other items, and says why", async () => {
    const card = await ok<{ score: number; items: { key: string | null; source: string; effectiveWeight: number; excluded: string | null; score: number | null }[] }>(secretary.get(`/api/evaluation/periods/${period.id}/bodies/village/${node("T1V1")}`));
    expect(card.items.every((item) => item.excluded === null)).toBe(true);
    const small = await ok<typeof card>(admin.get(`/api/evaluation/periods/${period.id}/bodies/village/${node("T1V2")}`));
    const closure = small.items.find((item) => item.key === "problems.closure")!;
    expect(closure).toMatchObject({ score: null, effectiveWeight: 0 });
    expect(closure.excluded).toContain("3 < 5");
    // Rating 100 (no finding) at weight 10 and the manual 90 at weight 20 share the whole: 100·10/30 + 90·20/30.
    const weights = small.items.filter((item) => item.excluded === null).map((item) => item.effectiveWeight);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 3);
    expect(small.score).toBe(Math.round(((100 * 10 + 90 * 20) / 30) * 100) / 100);
  });

  it("shows a score that a person recomputes from the lists its scorecard opens", async () => {
    type Item = { key: string | null; source: string; weight: number; effectiveWeight: number; value: number | null; score: number | null; excluded: string | null; drill: string | null; drillNumerator: string | null };
    const card = await ok<{ score: number; items: Item[] }>(secretary.get(`/api/evaluation/periods/${period.id}/bodies/village/${node("T1V1")}`));
    const rating = (await ok<{ items: { points: number; foundOn: string }[] }>(secretary.get(`/api/evaluation/findings?bodyKind=village&bodyId=${node("T1V1")}&from=${Q3.startsOn}&to=${Q3.endsOn}`))).items;
    let weighted = 0;
    for (const item of card.items) {
      let score: number;
      if (item.source === "auto") {
        const whole = (await ok<{ total: number }>(secretary.get(item.drill!))).total;
        const part = (await ok<{ total: number }>(secretary.get(item.drillNumerator!))).total;
        score = Math.round((10000 * part) / whole) / 100;
      } else if (item.source === "supervision") score = 100 - rating.reduce((sum, finding) => sum + finding.points, 0);
      else score = 80;
      expect([item.key, item.score]).toEqual([item.key, score]);
      weighted += score * item.weight;
    }
    // By hand from the records: closure 6/8 = 75, on time 5/8 = 62.5, rating 100 − 6 = 94, manual 80.
    expect(weighted / 100).toBe((75 * 40 + 62.5 * 30 + 94 * 10 + 80 * 20) / 100);
    expect(card.score).toBe(Math.round(weighted) / 100);
  });

  it("grades by threshold and ranks among peers, city-wide and within the township", async () => {
    const board = await ok<{ items: { bodyName: string; score: number; grade: string; rank: number; peerRank: number }[]; red: { bodyName: string }[]; black: { bodyName: string }[]; gradeCounts: Record<string, number> }>(secretary.get(`/api/evaluation/periods/${period.id}/board`));
    // T2V1: closure and on time 100, rating 100 (manual unscored: its weight goes to the others) = 100; T2V2: only the rating, 97;
    // T1V2: 93.33; T1V1: 74.15.
    expect(board.items.map((row) => [row.bodyName, row.score, row.grade, row.rank, row.peerRank])).toEqual([
      ["第2镇1村", 100, "A", 1, 1],
      ["第2镇2村", 97, "A", 2, 2],
      ["第1镇2村", 93.33, "A", 3, 1],
      ["第1镇1村", 74.15, "C", 4, 2],
    ]);
    expect(board.gradeCounts).toEqual({ A: 3, B: 0, C: 1, D: 0, E: 0 });
    expect(board.red.map((row) => row.bodyName)).toEqual(["第2镇1村", "第2镇2村", "第1镇2村"]);
    const within = await ok<{ items: { bodyName: string }[] }>(admin.get(`/api/evaluation/periods/${period.id}/board?parent=${node("T1")}`));
    expect(within.items.map((row) => row.bodyName)).toEqual(["第1镇2村", "第1镇1村"]);
  });

  it("grades by quota: at most each share of the bodies, best first", async () => {
    const quota = await ok<{ id: number }>(admin.post("/api/evaluation/catalogues", { name: "村考评（比例）", bodyKind: "village", periodKind: "quarter", grading: "quota", quotas: { A: 25, B: 25, C: 25, D: 25 }, items: items.filter((item) => item.source !== "manual").map((item, i) => (i === 0 ? { ...item, weight: 60 } : item)) }), 201);
    let p = await ok<{ id: number; version: number }>(admin.post("/api/evaluation/periods", { catalogueId: quota.id, label: "2026Q3", ...Q3 }), 201);
    p = await ok(admin.post(`/api/evaluation/periods/${p.id}/compute`, { version: p.version }));
    const board = await ok<{ items: { bodyName: string; grade: string }[] }>(admin.get(`/api/evaluation/periods/${p.id}/board`));
    // Scores: T2V1 100, T2V2 97 (rating only), T1V2 100 (rating only, problems below sample): a tie at the top,
    // so the quota of one A cannot split it and both go to B; T1V1 then C.
    expect(Object.fromEntries(board.items.map((row) => [row.bodyName, row.grade]))).toEqual({ 第2镇1村: "B", 第1镇2村: "B", 第2镇2村: "C", 第1镇1村: "D" });
  });
});

describe("every module's indicators", () => {
  it("measure a period for the bodies of a catalogue that uses them all, in one computation", async () => {
    const offered = (await admin.get("/api/evaluation/indicators")).json().items as { key: string; bodyKinds: string[] }[];
    const forVillages = offered.filter((indicator) => indicator.bodyKinds.includes("village")).map((indicator) => indicator.key);
    // events ×4, problems ×3, pairing ×2 and service hours, training ×2, ledgers, campaign ×2.
    expect(forVillages.length).toBe(15);
    const all = await ok<{ id: number }>(
      admin.post("/api/evaluation/catalogues", { name: "全部指标", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [...forVillages.map((key) => ({ source: "auto", indicatorKey: key, weight: 5 })), { source: "supervision", channel: "rating", weight: 25 }] }),
      201,
    );
    let p = await ok<{ id: number; version: number }>(admin.post("/api/evaluation/periods", { catalogueId: all.id, label: "全部指标Q3", ...Q3 }), 201);
    p = await ok(admin.post(`/api/evaluation/periods/${p.id}/compute`, { version: p.version }));
    const card = await ok<{ score: number; items: { key: string | null; numerator: number | null; denominator: number | null; excluded: string | null }[] }>(admin.get(`/api/evaluation/periods/${p.id}/bodies/village/${node("T1V1")}`));
    // No events, pairings or tests in this city: those are below their samples; the problems are as written above.
    expect(card.items.filter((item) => item.key?.startsWith("problems.")).map((item) => [item.key, item.numerator, item.denominator])).toEqual([
      ["problems.closure", 6, 8],
      ["problems.onTimeClosure", 5, 8],
      ["problems.rework", 0, 0],
    ]);
    expect(card.items.filter((item) => item.key && !item.key.startsWith("problems.")).every((item) => item.denominator === 0 && item.excluded !== null)).toBe(true);
    expect(card.score).toBe(Math.round(((75 * 5 + 62.5 * 5 + 94 * 25) / 35) * 100) / 100);
  });
});

describe("appeals", () => {
  it("an accepted appeal makes a new version with its reason; the published version stays", async () => {
    const onTime = catalogue.items.find((item) => item.indicatorKey === "problems.onTimeClosure")!;
    // A village secretary of township 1's first village appeals for it, not for its neighbour.
    expect((await secretary.post(`/api/evaluation/periods/${period.id}/appeals`, { bodyKind: "village", bodyId: node("T1V2"), itemId: onTime.id, reason: "不是我村" })).statusCode).toBe(404);
    const appeal = await ok<{ id: number; version: number; status: string }>(secretary.post(`/api/evaluation/periods/${period.id}/appeals`, { bodyKind: "village", bodyId: node("T1V1"), itemId: onTime.id, reason: "两件逾期问题已在期限内提交，系统未及时核查" }), 201);
    expect(appeal.status).toBe("pending");
    expect((await secretary.post(`/api/evaluation/appeals/${appeal.id}/decide`, { version: appeal.version, accept: true, decision: "x", score: 90 })).statusCode).toBe(403);
    const decided = await ok<{ status: string }>(admin.post(`/api/evaluation/appeals/${appeal.id}/decide`, { version: appeal.version, accept: true, decision: "核实属实，按期结案率按 90 计", score: 90 }));
    expect(decided.status).toBe("accepted");

    const now = await ok<{ resultVersion: number; score: number; versions: { resultVersion: number; reason: string }[]; items: { key: string | null; adjusted: string | null }[] }>(secretary.get(`/api/evaluation/periods/${period.id}/bodies/village/${node("T1V1")}`));
    expect(now.resultVersion).toBe(2);
    expect(now.score).toBe((75 * 40 + 90 * 30 + 94 * 10 + 80 * 20) / 100);
    expect(now.versions.map((v) => v.resultVersion)).toEqual([1, 2]);
    expect(now.versions[1]!.reason).toContain(`申诉 #${appeal.id} 采纳`);
    expect(now.items.find((item) => item.key === "problems.onTimeClosure")!.adjusted).toContain("核实属实");
    const before = await ok<{ score: number }>(secretary.get(`/api/evaluation/periods/${period.id}/bodies/village/${node("T1V1")}?version=1`));
    expect(before.score).toBe(74.15);
  });

  it("refuses an appeal after its deadline with 409", async () => {
    const p = await ok<{ appealUntil: string }>(admin.get(`/api/evaluation/periods/${period.id}`));
    t.clock.set(new Date(Date.parse(p.appealUntil) + 1000));
    // Sessions lapse over the days the clock moved: sign in again.
    secretary = await t.login("village_secretary");
    admin = await t.login("campaign_admin");
    const late = await secretary.post(`/api/evaluation/periods/${period.id}/appeals`, { bodyKind: "village", bodyId: node("T1V1"), reason: "迟到的申诉" });
    expect([late.statusCode, late.json().error.code]).toEqual([409, "appeal_closed"]);
    expect((await secretary.get("/api/evaluation/appeals")).json().items).toHaveLength(1);
  });
});

describe("figures and the public ranking", () => {
  it("counts the bodies scored in the latest published period and each grade, each drilling to its bodies", async () => {
    const figures = (await admin.get("/api/figures")).json();
    const scored = figures.figures["evaluation.scoredBodies"];
    expect(scored).toBe(4);
    const drilled = await ok<{ total: number }>(admin.get("/api/evaluation/results"));
    expect(drilled.total).toBe(scored);
    for (const grade of ["A", "B", "C", "D", "E"]) {
      const list = await ok<{ total: number }>(admin.get(`/api/evaluation/results?grade=${grade}`));
      expect([grade, list.total]).toEqual([grade, figures.figures[`evaluation.grade.${grade}`]]);
    }
    // Version 2 is shown: T1V1 82.4 is a B.
    expect(figures.figures["evaluation.grade.B"]).toBe(1);
  });

  it("publishes names, scores and grades only, without signing in", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/public/rankings?city=testcity" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.boards).toHaveLength(1);
    expect(body.boards[0].items[0]).toEqual({ name: "第2镇1村", parentName: "第2镇", score: 100, grade: "A", rank: 1 });
    // 幸福榜单: problems closed in the quarter, by hand: T2V1 6, T1V1 6 (5 on time and 1 late), T1V2 2.
    expect(body.boards[0].gains.map((row: { name: string; closedProblems: number }) => [row.name, row.closedProblems])).toEqual([
      ["第2镇1村", 6],
      ["第1镇1村", 6],
      ["第1镇2村", 2],
    ]);
    expect(response.body).not.toMatch(/supervisor|campaign_admin|评议表|述职/);
    expect((await t.app.inject({ method: "GET", url: "/api/public/rankings?city=nowhere" })).statusCode).toBe(404);
  });
});

describe("an indicator a module adds later", () => {
  it("appears in the catalogue of an app built with that module, and is normalised per household", async () => {
    const visits: Record<string, [number, number]> = { [bodyKey({ kind: "village", id: node("T1V1") })]: [30, 2], [bodyKey({ kind: "village", id: node("T1V2") })]: [10, 1] };
    const perHousehold: IndicatorSource = {
      key: "visits.perHundredHouseholds",
      label: { zh: "每百户走访次数", en: "Visits per hundred households" },
      bodyKinds: ["village"],
      kind: "per",
      better: "higher",
      minSample: 1,
      measure: async (_db, input) => new Map(input.bodies.map((body) => [bodyKey(body), { numerator: visits[bodyKey(body)]?.[0] ?? 0, denominator: visits[bodyKey(body)]?.[1] ?? 0 }])),
      drill: (body) => `/api/visits?org=${body.id}`,
    };
    const visitsModule: ModuleManifest = { name: "visits", indicators: [perHousehold] };
    const extended = await createTestContext({}, t.database, [...modules, visitsModule]);
    try {
      const office = await extended.login("campaign_admin");
      const offered = (await office.get("/api/evaluation/indicators")).json().items.map((item: { key: string }) => item.key);
      expect(offered).toContain("visits.perHundredHouseholds");
      expect((await admin.get("/api/evaluation/indicators")).json().items.map((item: { key: string }) => item.key)).not.toContain("visits.perHundredHouseholds");
      const cat = await ok<{ id: number }>(office.post("/api/evaluation/catalogues", { name: "走访考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "visits.perHundredHouseholds", weight: 100 }] }), 201);
      let p = await ok<{ id: number; version: number }>(office.post("/api/evaluation/periods", { catalogueId: cat.id, label: "走访Q3", ...Q3 }), 201);
      p = await ok(office.post(`/api/evaluation/periods/${p.id}/compute`, { version: p.version }));
      const board = await ok<{ items: { bodyName: string; score: number | null }[] }>(office.get(`/api/evaluation/periods/${p.id}/board`));
      // 30 visits over 2 hundred households = 15, against 10 over 1 = 10: the best of the peers scores 100, the least 0.
      expect(board.items.map((row) => [row.bodyName, row.score])).toEqual([["第1镇1村", 100], ["第1镇2村", 0], ["第2镇1村", null], ["第2镇2村", null]]);
    } finally {
      await extended.app.close();
    }
  });
});
