import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { sweepOverdue } from "./service";

/**
 * The problem figures of a small fixture, each written down as counted by hand (not computed by the code
 * under test). Eight problems at one village, on the 2026 calendar:
 *   P1, P7  closed on time                      P4  sent back once, then closed on time
 *   P2      closed after its deadline           P3  past its deadline, still open (red)
 *   P5      being rectified, deadline far off   P8  submitted, deadline far off, not yet checked
 *   P6      registered only, no deadline
 */
let t: TestContext;
let city: SmallCity;
let secretary: Session;
let cadre: Session;
const p: Record<string, { id: number; version: number }> = {};

const village = () => city.nodes.get("T1V1")!.id;

async function at(when: string) {
  t.clock.set(when);
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
}

async function act(name: string, who: Session, action: string, body: Record<string, unknown> = {}) {
  const response = await who.post(`/api/problems/${p[name]!.id}/${action}`, { version: p[name]!.version, ...body });
  if (response.statusCode !== 200) throw new Error(`${name} ${action}: ${response.statusCode} ${response.body}`);
  p[name] = response.json();
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await at("2026-06-01T09:00:00+08:00");
  const admin = await t.login("campaign_admin");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
  for (const name of ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"]) {
    const created = await secretary.post("/api/problems", { nodeId: village(), channel: "hotline", source: "residents", category: "infrastructure", title: `${name}：路灯不亮`, description: `${name} 群众反映` });
    p[name] = created.json();
  }
  for (const name of ["P1", "P2", "P3", "P4", "P7"]) await act(name, secretary, "assign", { responsibleNodeId: village(), responsiblePerson: "王主任", measure: "更换灯具", deadlineDays: 2 });
  for (const name of ["P5", "P8"]) await act(name, secretary, "assign", { responsibleNodeId: village(), responsiblePerson: "王主任", measure: "更换灯具", deadlineDays: 10 });

  await at("2026-06-02T10:00:00+08:00");
  for (const name of ["P1", "P7", "P4", "P8"]) {
    await act(name, secretary, "start");
    await act(name, secretary, "submit", { note: "已更换" });
  }
  for (const name of ["P1", "P7"]) await act(name, cadre, "approve");
  await act("P4", cadre, "return", { reason: "仍有一盏不亮" });
  await act("P4", secretary, "start");
  await act("P4", secretary, "submit", { note: "全部更换" });
  await act("P4", cadre, "approve");
  await act("P5", secretary, "start");

  await at("2026-06-05T10:00:00+08:00");
  await sweepOverdue(t.db, t.clock);
  await act("P2", secretary, "start");
  await act("P2", secretary, "submit", { note: "迟了三天" });
  await act("P2", cadre, "approve");
});
afterAll(async () => t.close());

describe("problem figures, counted by hand", () => {
  it("give the village and the city the same hand counts", async () => {
    for (const org of [village(), city.nodes.get("C")!.id]) {
      const figures = (await (await t.login("campaign_admin")).get(`/api/figures?org=${org}`)).json().figures;
      expect({
        total: figures["problems.total"],
        open: figures["problems.open"],
        closed: figures["problems.closed"],
        due: figures["problems.due"],
        closedOnTime: figures["problems.closedOnTime"],
        overdue: figures["problems.overdue"],
        handled: figures["problems.handled"],
        reworked: figures["problems.reworked"],
        closureRate: figures["problems.closureRate"],
        onTimeClosureRate: figures["problems.onTimeClosureRate"],
        reworkRate: figures["problems.reworkRate"],
      }).toEqual({
        total: 8,
        open: 4, // P3 P5 P6 P8
        closed: 4, // P1 P2 P4 P7
        due: 5, // the four closed and P3, past its deadline
        closedOnTime: 3, // P1 P4 P7
        overdue: 1, // P3
        handled: 5, // P1 P2 P4 P7 P8 reached a check
        reworked: 1, // P4
        closureRate: 80, // 4 / 5
        onTimeClosureRate: 60, // 3 / 5
        reworkRate: 20, // 1 / 5
      });
    }
  });

  it("open each count as exactly the problems named above", async () => {
    const admin = await t.login("campaign_admin");
    const titles = async (figure: string) =>
      ((await admin.get(`/api/problems?figure=${figure}&pageSize=50`)).json().items as { title: string }[]).map((item) => item.title.slice(0, 2)).sort();
    expect(await titles("problems.due")).toEqual(["P1", "P2", "P3", "P4", "P7"]);
    expect(await titles("problems.closedOnTime")).toEqual(["P1", "P4", "P7"]);
    expect(await titles("problems.overdue")).toEqual(["P3"]);
    expect(await titles("problems.reworked")).toEqual(["P4"]);
    expect(await titles("problems.open")).toEqual(["P3", "P5", "P6", "P8"]);
  });
});
