import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  campaignMilestones,
  campaignProjects,
  campaigns,
  conflicts,
  examAttempts,
  examCandidates,
  exams,
  ledgerContracts,
  ledgerFlags,
  memberReports,
  persons,
  serviceLogs,
  trainingAttendance,
  trainingClassrooms,
  trainingForms,
  trainingLeaves,
  trainingPlans,
  trainingSessions,
  units,
} from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { ok } from "../../test/http";

/**
 * The indicators the pairing, service, training and ledger modules declare, measured for Q3 2026 from
 * records this test writes, each value counted by hand from those records; and their drill-downs,
 * limited to the period being scored, open exactly the records counted.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
const node = (code: string) => city.nodes.get(code)!.id;
const Q3 = { startsOn: "2026-07-01", endsOn: "2026-09-30" };

async function person(code: string, name: string): Promise<number> {
  const [row] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node(code), name, gender: "M" }).returning();
  return row!.id;
}

type Card = { score: number | null; items: { key: string | null; numerator: number | null; denominator: number | null; value: number | null; drill: string | null; drillNumerator: string | null }[] };

/** A catalogue of the one indicator, computed for Q3: each village's and township's scorecard item. */
async function measured(indicatorKey: string, bodyKind: "village" | "township", codes: string[]) {
  const catalogue = await ok<{ id: number }>(admin.post("/api/evaluation/catalogues", { name: `${indicatorKey}考评`, bodyKind, periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey, weight: 100 }] }), 201);
  let period = await ok<{ id: number; version: number }>(admin.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: `${indicatorKey} 2026Q3`, ...Q3 }), 201);
  period = await ok(admin.post(`/api/evaluation/periods/${period.id}/compute`, { version: period.version }));
  const cards: Record<string, Card["items"][number]> = {};
  for (const code of codes) cards[code] = (await ok<Card>(admin.get(`/api/evaluation/periods/${period.id}/bodies/${bodyKind}/${node(code)}`))).items[0]!;
  return cards;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  admin = await t.login("campaign_admin");
});
afterAll(async () => t.close());

describe("indicators the modules declare", () => {
  it("are offered in the catalogue", async () => {
    const offered = (await ok<{ items: { key: string }[] }>(admin.get("/api/evaluation/indicators"))).items.map((item) => item.key);
    expect(offered).toEqual(expect.arrayContaining(["pairing.conflictsResolved", "service.hoursPerMember", "training.attendanceRate", "training.passRate", "ledgers.rectification"]));
  });

  it("conflicts resolved: register entries reported in the quarter, and those resolved, drilled to the register by the same days", async () => {
    const entry = (code: string, reportedOn: string, resolvedOn: string | null) => ({
      cityId: city.cityId, nodeId: node(code), kind: "neighbours", summary: `${code}纠纷`, parties: "甲乙两户", riskLevel: 2, source: "visit",
      reportedOn, deadline: "2026-12-31", status: resolvedOn ? "resolved" : "open", resolvedOn,
    });
    await t.db.insert(conflicts).values([
      // T1V1: 12 in the quarter, 9 resolved; one in June and one in October are outside it.
      ...["2026-07-01", "2026-07-03", "2026-07-20", "2026-08-01", "2026-08-11", "2026-08-12", "2026-09-02", "2026-09-20", "2026-09-30"].map((day) => entry("T1V1", day, "2026-10-02")),
      entry("T1V1", "2026-08-15", null),
      entry("T1V1", "2026-09-01", null),
      entry("T1V1", "2026-09-03", null),
      entry("T1V1", "2026-06-30", "2026-07-02"),
      entry("T1V1", "2026-10-01", null),
      // T1V2: 5, all resolved: below the minimum sample of 10, so not scored.
      ...["2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04", "2026-07-05"].map((day) => entry("T1V2", day, "2026-07-10")),
    ]);
    const cards = await measured("pairing.conflictsResolved", "village", ["T1V1", "T1V2", "T2V1"]);
    expect([cards.T1V1!.numerator, cards.T1V1!.denominator, cards.T1V1!.value]).toEqual([9, 12, 75]);
    expect([cards.T1V2!.numerator, cards.T1V2!.denominator, cards.T1V2!.value]).toEqual([5, 5, null]);
    expect(cards.T2V1!.denominator).toBe(0);
    expect((await ok<{ total: number }>(admin.get(cards.T1V1!.drill!))).total).toBe(12);
    expect((await ok<{ total: number }>(admin.get(cards.T1V1!.drillNumerator!))).total).toBe(9);
    const township = await measured("pairing.conflictsResolved", "township", ["T1"]);
    expect([township.T1!.numerator, township.T1!.denominator, township.T1!.value]).toEqual([14, 17, 82.35]);
  });

  it("service hours per member: hours logged in the quarter over the members reporting then, scored against the peers", async () => {
    const report = async (code: string, name: string, reportedOn: string, endedOn: string | null, logs: [string, number][]) => {
      const [row] = await t.db.insert(memberReports).values({ cityId: city.cityId, personId: await person(code, name), nodeId: node(code), post: "志愿者", reportedOn, endedOn }).returning();
      if (logs.length > 0) await t.db.insert(serviceLogs).values(logs.map(([happenedOn, minutes]) => ({ cityId: city.cityId, reportId: row!.id, happenedOn, minutes, note: "服务" })));
    };
    // T2V1: two members, 90 + 150 minutes in the quarter (a June log and an October log do not count): 4 h over 2 = 2.
    await report("T2V1", "党员甲", "2026-01-01", null, [["2026-07-05", 90], ["2026-06-30", 600], ["2026-10-01", 600]]);
    await report("T2V1", "党员乙", "2026-08-01", null, [["2026-08-02", 150]]);
    // T2V2: one member, 360 minutes = 6 h; a member who left in June is not counted.
    await report("T2V2", "党员丙", "2026-01-01", null, [["2026-09-09", 360]]);
    await report("T2V2", "党员丁", "2026-01-01", "2026-06-30", []);
    const cards = await measured("service.hoursPerMember", "village", ["T2V1", "T2V2"]);
    expect([cards.T2V1!.numerator, cards.T2V1!.denominator, cards.T2V1!.value]).toEqual([4, 2, 2]);
    expect([cards.T2V2!.numerator, cards.T2V2!.denominator, cards.T2V2!.value]).toEqual([6, 1, 6]);
    // Normalised per member and scored between the peers: 6 h is the best (100), 2 h the least (0).
    const township = await measured("service.hoursPerMember", "township", ["T2"]);
    expect([township.T2!.numerator, township.T2!.denominator]).toEqual([10, 3]);
  });

  it("training attendance and the pass rate: sessions and tests of the quarter only, drilled by the same instants", async () => {
    const [form] = await t.db.insert(trainingForms).values({ cityId: city.cityId, name: "专题培训", seq: 1 }).returning();
    const [room] = await t.db.insert(trainingClassrooms).values({ cityId: city.cityId, nodeId: node("T1"), kind: "branch", name: "第1镇分课堂" }).returning();
    const [plan] = await t.db.insert(trainingPlans).values({ cityId: city.cityId, nodeId: node("T1"), year: 2026, title: "年度培训计划" }).returning();
    const session = async (startsAt: string) => {
      const [row] = await t.db.insert(trainingSessions).values({
        cityId: city.cityId, nodeId: node("T1"), planId: plan!.id, classroomId: room!.id, formId: form!.id, topic: "party_building", title: `培训${startsAt}`,
        teacherIds: [], audienceLevels: ["village"], audienceNodeIds: [node("T1")], startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 7_200_000), place: "党校", checkInSecret: "s",
      }).returning();
      return row!.id;
    };
    const july = await session("2026-07-10T01:00:00Z");
    const september = await session("2026-09-30T15:00:00Z");
    const october = await session("2026-09-30T16:30:00Z");
    const cadres = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => person("T1V1", `村干部${n}`)));
    const present = (sessionId: number, personId: number) => ({ cityId: city.cityId, sessionId, personId, nodeId: node("T1V1"), method: "roster", at: new Date("2026-07-10T01:00:00Z") });
    // In the quarter: 4 present at July's, 3 at September's (23:00 on the 30th, Beijing); 2 excused, 1 refused leave.
    // October's (00:30 on 1 October, Beijing) is outside it.
    await t.db.insert(trainingAttendance).values([...cadres.slice(0, 4).map((p) => present(july, p)), ...cadres.slice(0, 3).map((p) => present(september, p)), ...cadres.map((p) => present(october, p))]);
    await t.db.insert(trainingLeaves).values([
      { cityId: city.cityId, sessionId: july, personId: cadres[4]!, nodeId: node("T1V1"), reason: "病假", status: "approved" },
      { cityId: city.cityId, sessionId: september, personId: cadres[5]!, nodeId: node("T1V1"), reason: "事假", status: "approved" },
      { cityId: city.cityId, sessionId: july, personId: cadres[5]!, nodeId: node("T1V1"), reason: "事假", status: "rejected" },
    ]);
    const attendance = await measured("training.attendanceRate", "village", ["T1V1"]);
    expect([attendance.T1V1!.numerator, attendance.T1V1!.denominator]).toEqual([7, 9]);
    expect((await ok<{ total: number }>(admin.get(attendance.T1V1!.drill!))).total).toBe(7);

    // The test: 5 scored attempts submitted in the quarter (3 passed), 2 submitted in October (both passed).
    const [exam] = await t.db.insert(exams).values({ cityId: city.cityId, nodeId: node("T1"), title: "能力测试", rules: [], opensAt: new Date("2026-07-01T00:00:00Z"), closesAt: new Date("2026-12-31T00:00:00Z"), timeLimitMinutes: 60, passMark: 60 }).returning();
    const attempts = [...[true, true, true, false, false].map((passed) => ({ passed, at: "2026-08-01T02:00:00Z" })), { passed: true, at: "2026-10-02T02:00:00Z" }, { passed: true, at: "2026-10-03T02:00:00Z" }];
    const takers = await Promise.all(attempts.map((_, n) => person("T1V1", `考生${n}`)));
    const candidates = await t.db.insert(examCandidates).values(takers.map((personId, n) => ({ cityId: city.cityId, examId: exam!.id, personId, personName: `考生${n}`, nodeId: node("T1V1"), level: "village" }))).returning();
    await t.db.insert(examAttempts).values(
      attempts.map((attempt, n) => ({
        cityId: city.cityId, examId: exam!.id, candidateId: candidates[n]!.id, personId: takers[n]!, nodeId: node("T1V1"), level: "village", status: "scored", score: attempt.passed ? 80 : 40, passed: attempt.passed,
        startedAt: new Date(attempt.at), deadlineAt: new Date(Date.parse(attempt.at) + 3_600_000), submittedAt: new Date(attempt.at),
      })),
    );
    const pass = await measured("training.passRate", "village", ["T1V1"]);
    expect([pass.T1V1!.numerator, pass.T1V1!.denominator, pass.T1V1!.value]).toEqual([3, 5, 60]);
    expect((await ok<{ total: number }>(admin.get(pass.T1V1!.drill!))).total).toBe(5);
    expect((await ok<{ total: number }>(admin.get(pass.T1V1!.drillNumerator!))).total).toBe(3);
  });

  it("ledger rectification: contracts found problematic and those rectified, by the ledger figures' conditions", async () => {
    const contract = async (code: string, n: number) => {
      const [row] = await t.db.insert(ledgerContracts).values({
        cityId: city.cityId, nodeId: node(code), code: `${code}-HT-${n}`, counterpartyKind: "person", counterpartyName: "承包人", object: "land", objectName: "耕地", area: "10", unit: "亩",
        startOn: "2020-01-01", endOn: "2030-12-31", annualPriceFen: 100_000, paymentSchedule: "annual", letMethod: "public_tender", procedure: "representatives_resolution",
      }).returning();
      return row!.id;
    };
    const flag = (contractId: number, code: string, cleared: boolean) => ({ cityId: city.cityId, contractId, nodeId: node(code), rule: "below_benchmark", facts: {}, foundAt: new Date("2026-05-01T00:00:00Z"), clearedAt: cleared ? new Date("2026-08-01T00:00:00Z") : null });
    // T2V2: 5 contracts, 4 flagged, 3 of them cleared; the fifth is clean.
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => contract("T2V2", n)));
    await t.db.insert(ledgerFlags).values([flag(ids[0]!, "T2V2", true), flag(ids[1]!, "T2V2", true), flag(ids[2]!, "T2V2", true), flag(ids[3]!, "T2V2", false)]);
    const cards = await measured("ledgers.rectification", "village", ["T2V2", "T2V1"]);
    expect([cards.T2V2!.numerator, cards.T2V2!.denominator, cards.T2V2!.value]).toEqual([3, 4, 75]);
    expect(cards.T2V1!.denominator).toBe(0);
    expect((await ok<{ total: number }>(admin.get(cards.T2V2!.drill!))).total).toBe(4);
    expect((await ok<{ total: number }>(admin.get(cards.T2V2!.drillNumerator!))).total).toBe(3);
  });

  it("campaign progress and on-time milestones: milestones due in the quarter, by project node and by lead unit", async () => {
    const [unit] = await t.db.insert(units).values({ cityId: city.cityId, nodeId: node("C"), code: "U1", name: "市农业农村局", kind: "department" }).returning();
    const [campaign] = await t.db.insert(campaigns).values({ cityId: city.cityId, nodeId: node("C"), name: "专项行动", startsOn: "2026-01-01", endsOn: "2026-12-31" }).returning();
    const project = async (code: string, leadUnitId: number | null) => {
      const [row] = await t.db.insert(campaignProjects).values({ cityId: city.cityId, campaignId: campaign!.id, level: "concrete", name: `${code}项目`, kind: "required", nodeId: node(code), leadUnitId, startsOn: "2026-01-01", deadline: "2026-12-31" }).returning();
      return row!.id;
    };
    const atT1V1 = await project("T1V1", unit!.id);
    const atT1V2 = await project("T1V2", null);
    const milestone = (projectId: number, seq: number, dueOn: string, doneAt: string | null) => ({ cityId: city.cityId, projectId, seq, name: `节点${seq}`, dueOn, doneAt: doneAt ? new Date(doneAt) : null });
    await t.db.insert(campaignMilestones).values([
      // T1V1 (led by the unit): 4 due in the quarter: 2 done by their day (one on the day itself, 23:00 Beijing),
      // 1 done late but within the quarter, 1 not done; one due in June does not count.
      milestone(atT1V1, 1, "2026-07-15", "2026-07-10T02:00:00Z"),
      milestone(atT1V1, 2, "2026-08-15", "2026-08-15T15:00:00Z"),
      milestone(atT1V1, 3, "2026-09-01", "2026-09-20T02:00:00Z"),
      milestone(atT1V1, 4, "2026-09-30", null),
      milestone(atT1V1, 5, "2026-06-30", "2026-06-01T02:00:00Z"),
      // T1V2: 3 due, done after the quarter ended (1 October, Beijing): none done in it.
      milestone(atT1V2, 1, "2026-07-01", "2026-09-30T16:30:00Z"),
      milestone(atT1V2, 2, "2026-08-01", null),
      milestone(atT1V2, 3, "2026-09-01", null),
    ]);
    const progress = await measured("campaign.progress", "village", ["T1V1", "T1V2"]);
    expect([progress.T1V1!.numerator, progress.T1V1!.denominator, progress.T1V1!.value]).toEqual([3, 4, 75]);
    expect([progress.T1V2!.numerator, progress.T1V2!.denominator, progress.T1V2!.value]).toEqual([0, 3, 0]);
    const onTime = await measured("campaign.onTimeMilestones", "village", ["T1V1"]);
    expect([onTime.T1V1!.numerator, onTime.T1V1!.denominator, onTime.T1V1!.value]).toEqual([2, 4, 50]);
    expect((await ok<{ total: number }>(admin.get(onTime.T1V1!.drill!))).total).toBe(4);
    expect((await ok<{ total: number }>(admin.get(onTime.T1V1!.drillNumerator!))).total).toBe(2);
    const township = await measured("campaign.progress", "township", ["T1"]);
    expect([township.T1!.numerator, township.T1!.denominator]).toEqual([3, 7]);
    // The unit answers for the project it leads, wherever it lies.
    const catalogue = await ok<{ id: number }>(admin.post("/api/evaluation/catalogues", { name: "单位考评", bodyKind: "unit", periodKind: "quarter", grading: "threshold", items: [{ source: "auto", indicatorKey: "campaign.onTimeMilestones", weight: 100 }] }), 201);
    let period = await ok<{ id: number; version: number }>(admin.post("/api/evaluation/periods", { catalogueId: catalogue.id, label: "单位 2026Q3", ...Q3 }), 201);
    period = await ok(admin.post(`/api/evaluation/periods/${period.id}/compute`, { version: period.version }));
    const card = await ok<Card>(admin.get(`/api/evaluation/periods/${period.id}/bodies/unit/${unit!.id}`));
    expect([card.items[0]!.numerator, card.items[0]!.denominator, card.score]).toEqual([2, 4, 50]);
    expect((await ok<{ total: number }>(admin.get(card.items[0]!.drill!))).total).toBe(4);
  });
});
