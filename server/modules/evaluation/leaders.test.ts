import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, posts } from "../../db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";
import { ok } from "../../test/http";

/**
 * County-level leaders as evaluated bodies: no module measures a person, so their catalogue holds manual
 * indicators, scored by a named assessor and confirmed by a second, then ranked like any other body.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let supervisor: Session;
const leaderIds: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await seedOtherCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  const root = city.nodes.get("C")!.id;
  // Two sitting leaders and one whose post has ended: only the two are scored.
  for (const [name, title, endedOn] of [["张书记", "市委书记", null], ["李市长", "市长", null], ["王前任", "原副市长", "2026-06-30"]] as const) {
    const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: root, name, gender: "M" }).returning();
    await t.db.insert(posts).values({ cityId: city.cityId, personId: person!.id, nodeId: root, post: "county_leader", title, endedOn });
    leaderIds[name] = person!.id;
  }
  admin = await t.login("campaign_admin");
  supervisor = await t.login("supervisor");
});
afterAll(() => t.close());

describe("leaders scored by manual indicators", () => {
  it("lists the sitting leaders to the office, scores and confirms them, and ranks them when published", async () => {
    const automatic = await admin.post("/api/evaluation/catalogues", { name: "领导班子", bodyKind: "leader", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "problems.closure", weight: 100 }] });
    expect(automatic.statusCode).toBe(400);
    const catalogue = await ok<{ id: number; items: { id: number }[] }>(
      admin.post("/api/evaluation/catalogues", { name: "县级领导考评", bodyKind: "leader", periodKind: "quarter", grading: "threshold", items: [{ source: "manual", label: "述职评议", weight: 60 }, { source: "manual", label: "民主测评", weight: 40 }] }),
      201,
    );
    let period = await ok<{ id: number; version: number }>(admin.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "2026年第三季度", startsOn: "2026-07-01", endsOn: "2026-09-30" }), 201);

    const bodies = (await ok<{ items: { kind: string; id: number; name: string }[] }>(admin.get(`/api/evaluation/periods/${period.id}/bodies`))).items;
    expect(bodies.map((body) => [body.kind, body.name]).sort()).toEqual([
      ["leader", "张书记（市委书记）"],
      ["leader", "李市长（市长）"],
    ]);
    // A supervisor held at a township assesses no city-level body.
    expect((await ok<{ items: unknown[] }>(supervisor.get(`/api/evaluation/periods/${period.id}/bodies`))).items).toEqual([]);

    const [debate, poll] = catalogue.items;
    const scores = [
      [debate!.id, leaderIds["张书记"], 90],
      [poll!.id, leaderIds["张书记"], 80],
      [debate!.id, leaderIds["李市长"], 70],
      [poll!.id, leaderIds["李市长"], 95],
    ] as const;
    for (const [itemId, bodyId, score] of scores) {
      const saved = await ok<{ id: number; version: number; bodyName: string }>(admin.post(`/api/evaluation/periods/${period.id}/manual-scores`, { itemId, bodyKind: "leader", bodyId, score, evidence: "述职评议记录" }), 201);
      expect(saved.bodyName).toContain(bodyId === leaderIds["张书记"] ? "张书记" : "李市长");
    }
    const former = await admin.post(`/api/evaluation/periods/${period.id}/manual-scores`, { itemId: debate!.id, bodyKind: "leader", bodyId: leaderIds["王前任"], score: 60, evidence: "x" });
    expect(former.statusCode).toBe(404);

    // The office entered them, so the city's other assessor (a second person) confirms.
    await fixtureAccount(t, { username: "city_supervisor", cityId: city.cityId, role: "supervisor", nodeId: city.nodes.get("C")!.id });
    const confirmer = await t.login("city_supervisor");
    for (const row of (await ok<{ items: { id: number; version: number }[] }>(admin.get(`/api/evaluation/periods/${period.id}/manual-scores`))).items) {
      await ok(confirmer.post(`/api/evaluation/manual-scores/${row.id}/confirm`, { version: row.version }));
    }
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/compute`, { version: period.version }));
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/submit`, { version: period.version }));
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/publish`, { version: period.version }));
    const board = await ok<{ items: { bodyName: string; score: number; rank: number }[] }>(admin.get(`/api/evaluation/periods/${period.id}/board`));
    // 张书记 0.6×90 + 0.4×80 = 86; 李市长 0.6×70 + 0.4×95 = 80.
    expect(board.items.map((row) => [row.rank, row.bodyName, row.score])).toEqual([
      [1, "张书记（市委书记）", 86],
      [2, "李市长（市长）", 80],
    ]);
  });
});
