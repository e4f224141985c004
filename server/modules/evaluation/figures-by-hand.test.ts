import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { ok } from "../../test/http";
import { foundInQuarter } from "../../test/quarter-fixture";

/**
 * The evaluation figures of a small published quarter, every number counted by hand from the records
 * below (nothing read back from the code's own arithmetic):
 *
 * | village | problems found in Q3 (closed; the rest overdue) | closure | rating finding | rating | composite = 0.6·closure + 0.4·rating | grade |
 * | T1V1    | 5 (4)                         | 80      | 10 points      | 90     | 48 + 36 = 84                         | B     |
 * | T1V2    | 5 (5)                         | 100     | none           | 100    | 60 + 40 = 100                        | A     |
 * | T2V1    | 5 (1)                         | 20      | 30 points      | 70     | 12 + 28 = 40                         | D     |
 * | T2V2    | none: below the sample of 5   | —       | none           | 100    | the rating alone = 100               | A     |
 *
 * So 4 bodies scored: A 2, B 1, C 0, D 1, E 0.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  admin = await t.login("campaign_admin");
  await foundInQuarter(t, city, "T1V1", 5, 4);
  await foundInQuarter(t, city, "T1V2", 5, 5);
  await foundInQuarter(t, city, "T2V1", 5, 1);
  const catalogue = await ok<{ id: number }>(
    admin.post("/api/evaluation/catalogues", { name: "村考评（手数）", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "problems.closure", weight: 60 }, { source: "supervision", channel: "rating", weight: 40 }] }),
    201,
  );
  await ok(admin.post("/api/evaluation/findings", { channel: "rating", bodyKind: "village", bodyId: node("T1V1"), foundOn: "2026-08-20", points: 10, description: "群众评议", evidence: "评议表" }), 201);
  await ok(admin.post("/api/evaluation/findings", { channel: "rating", bodyKind: "village", bodyId: node("T2V1"), foundOn: "2026-09-20", points: 30, description: "群众评议", evidence: "评议表" }), 201);
  let period = await ok<{ id: number; version: number }>(admin.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "2026年第三季度", startsOn: "2026-07-01", endsOn: "2026-09-30" }), 201);
  for (const step of ["compute", "submit", "publish"]) period = await ok(admin.post(`/api/evaluation/periods/${period.id}/${step}`, { version: period.version }));
});
afterAll(async () => t.close());

describe("the evaluation figures, counted by hand", () => {
  it("counts 4 scored bodies: A 2, B 1, C 0, D 1, E 0", async () => {
    const { figures } = await ok<{ figures: Record<string, number> }>(admin.get("/api/figures"));
    expect(figures["evaluation.scoredBodies"]).toBe(4);
    expect([figures["evaluation.grade.A"], figures["evaluation.grade.B"], figures["evaluation.grade.C"], figures["evaluation.grade.D"], figures["evaluation.grade.E"]]).toEqual([2, 1, 0, 1, 0]);
    // Township 1 holds T1V1 (B) and T1V2 (A).
    const township = await ok<{ figures: Record<string, number> }>(admin.get(`/api/figures?org=${node("T1")}`));
    expect([township.figures["evaluation.scoredBodies"], township.figures["evaluation.grade.A"], township.figures["evaluation.grade.B"]]).toEqual([2, 1, 1]);
  });

  it("shows T1V1's composite as 84 and T2V1's as 40", async () => {
    const board = await ok<{ items: { bodyName: string; score: number; grade: string }[] }>(admin.get(`/api/evaluation/periods/${(await ok<{ items: { id: number }[] }>(admin.get("/api/evaluation/periods"))).items[0]!.id}/board`));
    expect(board.items.map((row) => [row.bodyName, row.score, row.grade])).toEqual([
      ["第1镇2村", 100, "A"],
      ["第2镇2村", 100, "A"],
      ["第1镇1村", 84, "B"],
      ["第2镇1村", 40, "D"],
    ]);
  });
});
