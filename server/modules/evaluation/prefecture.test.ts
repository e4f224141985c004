import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problems } from "../../db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";
import { ok } from "../../test/http";

/**
 * Cities ranked across a province: the two fixture cities (测试市 and 邻市) are both of 测试州. Each city's
 * office scores its whole city on the township indicators (here problem closure, measured over the city's
 * subtree) and publishes; each sees its city's rank among its prefecture's cities. Figures by hand:
 * 测试市 found 14 problems in August and closed 12 (85.71); 邻市 found 6 and closed 4 (66.67).
 */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let office: Session;
let otherOffice: Session;
let leader: Session;
let cadre: Session;

async function problemsAt(cityId: number, nodeId: number, closed: number, open: number) {
  await t.db.insert(problems).values(
    Array.from({ length: closed + open }, (_, index) => ({
      cityId,
      nodeId,
      channel: "symposium",
      source: "self",
      category: "governance",
      title: `问题${nodeId}-${index}`,
      description: "测试问题",
      foundOn: "2026-08-10",
      status: index < closed ? "closed" : "rectifying",
      closedOnTime: index < closed ? true : null,
      closedAt: index < closed ? new Date("2026-09-01T02:00:00Z") : null,
      light: index < closed ? null : "red",
    })),
  );
}

/** The city catalogue, its 2026 Q3 period computed; published unless asked not to. */
async function scoreCity(session: Session, publish = true) {
  const catalogue = await ok<{ id: number }>(session.post("/api/evaluation/catalogues", { name: "全市考评", bodyKind: "city", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "problems.closure", weight: 100 }] }), 201);
  let period = await ok<{ id: number; version: number }>(session.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "2026年第3季度", startsOn: "2026-07-01", endsOn: "2026-09-30" }), 201);
  period = await ok(session.post(`/api/evaluation/periods/${period.id}/compute`, { version: period.version }));
  if (!publish) return period;
  period = await ok(session.post(`/api/evaluation/periods/${period.id}/submit`, { version: period.version }));
  return ok<{ id: number; version: number }>(session.post(`/api/evaluation/periods/${period.id}/publish`, { version: period.version }));
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  office = await t.login("campaign_admin");
  leader = await t.login("leader");
  cadre = await t.login("township_cadre");
  await fixtureAccount(t, { username: "office.there", cityId: other.cityId, role: "campaign_admin", nodeId: other.nodes.get("O")!.id });
  otherOffice = await t.login("office.there");
  await problemsAt(city.cityId, city.nodes.get("T1V1")!.id, 6, 2);
  await problemsAt(city.cityId, city.nodes.get("T2V1")!.id, 6, 0);
  await problemsAt(other.cityId, other.nodes.get("OT1V1")!.id, 4, 2);
});
afterAll(async () => t.close());

describe("a city ranked among the cities of its prefecture", () => {
  let ours: { id: number };

  it("scores the whole city as one body on the township indicators, its drill-down counting the city's records", async () => {
    ours = await scoreCity(office);
    const root = city.nodes.get("C")!.id;
    const card = await ok<{ bodyName: string; score: number; rank: number; items: { numerator: number; denominator: number; drill: string; drillNumerator: string }[] }>(office.get(`/api/evaluation/periods/${ours.id}/bodies/city/${root}`));
    expect(card).toMatchObject({ bodyName: "测试市", score: 85.71, rank: 1 });
    const [closure] = card.items;
    expect([closure!.numerator, closure!.denominator]).toEqual([12, 14]);
    expect(closure!.drill).toContain(`org=${root}`);
    expect((await ok<{ total: number }>(office.get(closure!.drill))).total).toBe(14);
    expect((await ok<{ total: number }>(office.get(closure!.drillNumerator))).total).toBe(12);
  });

  it("lists a peer without a published result for those days with no rank", async () => {
    await scoreCity(otherOffice, false);
    const ranking = await ok(office.get("/api/evaluation/prefecture-ranking"));
    expect(ranking).toEqual({
      prefecture: "测试州",
      period: { id: ours.id, label: "2026年第3季度", startsOn: "2026-07-01", endsOn: "2026-09-30" },
      items: [
        { city: "测试市", score: 85.71, grade: "B", rank: 1, own: true },
        { city: "邻市", score: null, grade: null, rank: null, own: false },
      ],
    });
  });

  it("ranks each city once its peer publishes, each office seeing its own city marked", async () => {
    const catalogues = (await ok<{ items: { id: number; bodyKind: string }[] }>(otherOffice.get("/api/evaluation/catalogues"))).items;
    const periods = (await ok<{ items: { id: number; version: number; catalogueId: number }[] }>(otherOffice.get("/api/evaluation/periods"))).items;
    let theirs = periods.find((p) => p.catalogueId === catalogues.find((c) => c.bodyKind === "city")!.id)!;
    theirs = await ok(otherOffice.post(`/api/evaluation/periods/${theirs.id}/submit`, { version: theirs.version }));
    await ok(otherOffice.post(`/api/evaluation/periods/${theirs.id}/publish`, { version: theirs.version }));
    const ranked = [
      { city: "测试市", score: 85.71, grade: "B", rank: 1 },
      { city: "邻市", score: 66.67, grade: "C", rank: 2 },
    ];
    expect((await ok<{ items: unknown[] }>(office.get(`/api/evaluation/prefecture-ranking?period=${ours.id}`))).items).toEqual(ranked.map((row, index) => ({ ...row, own: index === 0 })));
    expect((await ok<{ items: unknown[] }>(otherOffice.get("/api/evaluation/prefecture-ranking"))).items).toEqual(ranked.map((row, index) => ({ ...row, own: index === 1 })));
    expect((await ok<{ items: unknown[] }>(leader.get("/api/evaluation/prefecture-ranking"))).items).toHaveLength(2);
  });

  it("is not for those below the city root, nor for a period that is not a city's", async () => {
    expect((await cadre.get("/api/evaluation/prefecture-ranking")).statusCode).toBe(404);
    const village = await ok<{ id: number }>(office.post("/api/evaluation/catalogues", { name: "村考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "problems.closure", weight: 100 }] }), 201);
    const period = await ok<{ id: number }>(office.post("/api/evaluation/periods", { catalogueId: village.id, label: "村季度", startsOn: "2026-07-01", endsOn: "2026-09-30" }), 201);
    expect((await office.get(`/api/evaluation/prefecture-ranking?period=${period.id}`)).statusCode).toBe(404);
  });
});
