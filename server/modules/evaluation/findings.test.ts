import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** A supervision finding ("3": discipline inspection, audit, 巡察) that opens a problem in the problem lists, linked both ways. */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let supervisor: Session;
const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  admin = await t.login("campaign_admin");
  supervisor = await t.login("supervisor");
});
afterAll(async () => t.close());

describe("a finding that opens a problem", () => {
  it("registers the problem through the problem lists, each naming the other", async () => {
    const before = (await admin.get("/api/problems?pageSize=200")).json().total;
    const created = await supervisor.post("/api/evaluation/findings", { channel: "inspection", bodyKind: "village", bodyId: node("T1V1"), foundOn: "2026-09-12", points: 5, description: "村务公开栏三个月未更新", evidence: "巡察反馈意见", openProblem: true });
    expect(created.statusCode).toBe(201);
    const finding = created.json();
    expect(finding.problemId).toEqual(expect.any(Number));
    const problem = (await admin.get(`/api/problems/${finding.problemId}`)).json();
    expect(problem).toMatchObject({ title: "巡察发现：第1镇1村", description: "村务公开栏三个月未更新", source: "superiors", channel: "supervision", externalRef: `evaluation-finding:${finding.id}` });
    expect(problem.nodeId).toBe(node("T1V1"));
    expect((await admin.get("/api/problems?pageSize=200")).json().total).toBe(before + 1);
    // The finding lists its problem; one recorded without the flag opens none.
    const plain = (await supervisor.post("/api/evaluation/findings", { channel: "audit", bodyKind: "village", bodyId: node("T1V2"), foundOn: "2026-09-12", points: 2, description: "账目不清", evidence: "审计报告" })).json();
    expect(plain.problemId).toBeNull();
    const listed = (await admin.get(`/api/evaluation/findings?bodyKind=village&bodyId=${node("T1V1")}`)).json().items;
    expect(listed.map((row: { problemId: number | null }) => row.problemId)).toEqual([finding.problemId]);
    expect((await admin.get("/api/problems?pageSize=200")).json().total).toBe(before + 1);
  });

  it("opens nothing when the finding is refused: a body outside the supervisor's reach is 404 and no problem is written", async () => {
    const before = (await admin.get("/api/problems?pageSize=200")).json().total;
    const refused = await supervisor.post("/api/evaluation/findings", { channel: "discipline", bodyKind: "village", bodyId: node("T2V1"), foundOn: "2026-09-12", points: 5, description: "越权", evidence: "x", openProblem: true });
    expect(refused.statusCode).toBe(404);
    expect((await admin.get("/api/problems?pageSize=200")).json().total).toBe(before);
  });
});
