import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config";
import { freshDatabase } from "../test/database";
import { createTestContext, type Session, type TestContext } from "../test/harness";
import { loadDemoEvaluation } from "./evaluation";
import { loadDemoEvents } from "./events";
import { loadDemoCity } from "./generate";
import { loadDemoProblems } from "./problems";

/** The demo city's evaluation: four quarters scored from the demo's events and problems, published, and counted in the figures. */
const now = new Date("2026-06-01T09:00:00+08:00");
let t: TestContext;
let office: Session;

beforeAll(async () => {
  const database = await freshDatabase();
  const { cityId } = await loadDemoCity(database.db, { password: DEFAULT_DEMO_PASSWORD, now });
  await loadDemoProblems(database.db, { cityId, now });
  await loadDemoEvents(database.db, { cityId, now });
  await loadDemoEvaluation(database.db, { cityId, now });
  t = await createTestContext({}, database);
  t.clock.set(now);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
}, 600_000);
afterAll(async () => t.close());

describe("the demo city's evaluation", () => {
  it("has the last four quarters of townships, villages and departments published", async () => {
    const periods = (await office.get("/api/evaluation/periods")).json().items as { label: string; bodyKind: string; status: string }[];
    for (const kind of ["township", "village", "department"]) {
      expect(periods.filter((p) => p.bodyKind === kind).map((p) => [p.label, p.status])).toEqual([
        ["2026年第1季度", "published"],
        ["2025年第4季度", "published"],
        ["2025年第3季度", "published"],
        ["2025年第2季度", "published"],
      ]);
    }
  });

  it("ranks the city first in its prefecture, the only city of 运城市 in the demo", async () => {
    const ranking = (await office.get("/api/evaluation/prefecture-ranking")).json();
    expect(ranking).toMatchObject({ prefecture: "运城市", period: { label: "2026年第1季度" }, items: [{ city: "河津市", rank: 1, own: true, score: expect.any(Number) }] });
  });

  it("scores every township, village and department, and each figure drills to its bodies", async () => {
    const root = (await office.get("/api/figures")).json();
    const townships = (await office.get(`/api/orgs/${root.org.id}/descendants?kind=township&pageSize=200`)).json().total + (await office.get(`/api/orgs/${root.org.id}/descendants?kind=street&pageSize=200`)).json().total;
    const villages = (await office.get(`/api/orgs/${root.org.id}/descendants?kind=village&pageSize=200`)).json().total + (await office.get(`/api/orgs/${root.org.id}/descendants?kind=community&pageSize=200`)).json().total;
    const departments = root.figures["grid.departments"];
    // The city itself is scored too, for its rank among the cities of its prefecture.
    expect(root.figures["evaluation.scoredBodies"]).toBe(townships + villages + departments + 1);
    const all = (await office.get("/api/evaluation/results")).json();
    expect(all.total).toBe(root.figures["evaluation.scoredBodies"]);
    let graded = 0;
    for (const grade of ["A", "B", "C", "D", "E"]) {
      const list = (await office.get(`/api/evaluation/results?grade=${grade}`)).json();
      expect([grade, list.total]).toEqual([grade, root.figures[`evaluation.grade.${grade}`]]);
      graded += list.total;
    }
    expect(graded).toBe(all.total);
    // The drill-down the figures page shows is the same list.
    const item = (await office.get("/api/figures")).json();
    expect(JSON.stringify(item)).toContain("/api/evaluation/results");
  });

  it("lets a township cadre read its own scorecard and its records, and shows the boards on the public page", async () => {
    const cadre = await t.login("cadre.qingjian", DEFAULT_DEMO_PASSWORD);
    const periods = (await cadre.get("/api/evaluation/periods")).json().items as { id: number; bodyKind: string }[];
    const latest = periods.find((p) => p.bodyKind === "township")!;
    const own = (await cadre.get("/api/figures")).json().org;
    const card = (await cadre.get(`/api/evaluation/periods/${latest.id}/bodies/township/${own.id}`)).json();
    expect(card.bodyName).toBe("清涧街道");
    const auto = card.items.find((item: { source: string; excluded: string | null }) => item.source === "auto" && item.excluded === null);
    const records = (await cadre.get(auto.drill)).json();
    expect(records.total).toBe(auto.denominator);
    const pub = await t.app.inject({ method: "GET", url: "/api/public/rankings?city=hejin" });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().boards.map((b: { bodyKind: string }) => b.bodyKind)).toEqual(["township", "village", "department"]);
  });
});
