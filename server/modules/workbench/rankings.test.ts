import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workbench } from "../../../shared/schemas/workbench";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";
import { ok } from "../../test/http";
import { foundInQuarter } from "../../test/quarter-fixture";

/**
 * The leader's rankings section (比一比: bodies graded D or E on the latest published board) against a
 * quarter counted by hand (as in evaluation/figures-by-hand.test.ts, composite = 0.6·closure + 0.4·rating,
 * D from 40, E below):
 *
 * | village | problems (closed) | closure | rating finding | rating | composite      | grade |
 * | T1V1    | 5 (4)             | 80      | 10 points      | 90     | 48 + 36 = 84   | B     |
 * | T1V2    | 5 (5)             | 100     | none           | 100    | 60 + 40 = 100  | A     |
 * | T2V1    | 5 (1)             | 20      | 30 points      | 70     | 12 + 28 = 40   | D     |
 * | T2V2    | 5 (0)             | 0       | 50 points      | 50     | 0 + 20 = 20    | E     |
 *
 * So the city's leader sees two (T2V2 first, red; then T2V1), the leader of township 2 the same two,
 * the leader of township 1 none; nothing before the board is published.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
const leaders = {} as Record<"city" | "t1" | "t2", Session>;
let period = { id: 0, version: 0 };
const node = (code: string) => city.nodes.get(code)!.id;

async function rankings(session: Session) {
  const bench = await ok<Workbench>(session.get("/api/workbench"));
  return bench.sections.find((section) => section.key === "evaluation.low")!;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  admin = await t.login("campaign_admin");
  leaders.city = await t.login("leader");
  for (const township of ["T1", "T2"] as const) {
    const username = `leader_${township.toLowerCase()}`;
    await fixtureAccount(t, { username, cityId: city.cityId, role: "leader", nodeId: node(township) });
    leaders[township.toLowerCase() as "t1" | "t2"] = await t.login(username);
  }
  await foundInQuarter(t, city, "T1V1", 5, 4);
  await foundInQuarter(t, city, "T1V2", 5, 5);
  await foundInQuarter(t, city, "T2V1", 5, 1);
  await foundInQuarter(t, city, "T2V2", 5, 0);
  const catalogue = await ok<{ id: number }>(
    admin.post("/api/evaluation/catalogues", { name: "村考评（工作台）", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "problems.closure", weight: 60 }, { source: "supervision", channel: "rating", weight: 40 }] }),
    201,
  );
  for (const [code, points] of [["T1V1", 10], ["T2V1", 30], ["T2V2", 50]] as const) {
    await ok(admin.post("/api/evaluation/findings", { channel: "rating", bodyKind: "village", bodyId: node(code), foundOn: "2026-08-20", points, description: "群众评议", evidence: "评议表" }), 201);
  }
  period = await ok(admin.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "2026年第三季度", startsOn: "2026-07-01", endsOn: "2026-09-30" }), 201);
  for (const step of ["compute", "submit"]) period = await ok(admin.post(`/api/evaluation/periods/${period.id}/${step}`, { version: period.version }));
});
afterAll(async () => t.close());

describe("the leader's rankings on the workbench", () => {
  it("lists nothing while the board is computed but not published", async () => {
    expect(await rankings(leaders.city)).toMatchObject({ count: 0, red: 0, items: [] });
  });

  it("once published, lists the bodies graded D and E in the leader's subtree, E first and red, each opening its scorecard", async () => {
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/publish`, { version: period.version }));
    for (const session of [leaders.city, leaders.t2]) {
      const section = await rankings(session);
      expect([section.count, section.red]).toEqual([2, 1]);
      expect(section.items.map((item) => [item.id, item.code, item.light, item.link])).toEqual([
        [node("T2V2"), "E", "red", `/evaluation/scorecard?period=${period.id}&kind=village&body=${node("T2V2")}`],
        [node("T2V1"), "D", "yellow", `/evaluation/scorecard?period=${period.id}&kind=village&body=${node("T2V1")}`],
      ]);
      expect(section.items[0]!.title).toContain("第2镇2村");
    }
    // Township 1's villages are graded A and B: nothing for its leader.
    expect(await rankings(leaders.t1)).toMatchObject({ count: 0, red: 0, items: [] });
    // The results list counts the same for the same leader.
    const listed = await ok<{ total: number }>(leaders.city.get("/api/evaluation/results?grade=D"));
    const listedE = await ok<{ total: number }>(leaders.city.get("/api/evaluation/results?grade=E"));
    expect(listed.total + listedE.total).toBe(2);
  });

  it("a section that holds an E leads the leader's workbench, and watched rankings add nothing to the menu's badges", async () => {
    const bench = await ok<Workbench>(leaders.t2.get("/api/workbench"));
    const at = (key: string) => bench.sections.findIndex((section) => section.key === key);
    // Late projects come before rankings in the leader's order, but there are none (no campaign): the rankings move up.
    expect(bench.sections.find((section) => section.key === "project.late")!.red).toBe(0);
    expect(at("evaluation.low")).toBeLessThan(at("project.late"));
    expect(bench.badges).toEqual({ events: 0, problems: 0, campaign: 0, pairing: 0 });
  });
});
