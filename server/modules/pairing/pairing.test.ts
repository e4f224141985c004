import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments, householdMembers, households, persons, posts, users } from "../../db/schema";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { seedYear } from "../../platform/calendar/service";
import { auditCount, createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";

/**
 * Household pairing, visits and the conflict register through the HTTP API on a real database: a
 * pairing and its reassignment with history, a visit raising a problem, a suggestion and a conflict
 * (each linked both ways), coverage across a quarter boundary with the manual clock, a conflict-type
 * grid event opening an entry, the high-risk notification, and the bad input the issue names.
 */
let t: TestContext;
let city: SmallCity;
const s = {} as Record<"admin" | "cadre" | "other" | "townLeader" | "secretary", Session>;
const person = {} as Record<"cadre" | "successor" | "mediator", number>;
const home = {} as Record<"a" | "b" | "far", number>;
const node = (code: string) => city.nodes.get(code)!.id;

async function signIn() {
  s.admin = await t.login("campaign_admin");
  s.cadre = await t.login("township_cadre");
  s.other = await t.login("cadre.two");
  s.townLeader = await t.login("leader.t1");
  s.secretary = await t.login("village_secretary");
}

/** Moves the clock; sessions end after half an hour idle, so everyone signs in again at the new time. */
async function at(when: string) {
  t.clock.set(when);
  await signIn();
}

async function addPerson(name: string, nodeCode: string, post?: string): Promise<number> {
  const [row] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node(nodeCode), name, gender: "M", phone: "13800001111", isPartyMember: true }).returning();
  if (post) await t.db.insert(posts).values({ cityId: city.cityId, personId: row!.id, nodeId: node(nodeCode), post, title: "包村干部" });
  return row!.id;
}

async function addHousehold(code: string, micro: string): Promise<number> {
  const [row] = await t.db.insert(households).values({ cityId: city.cityId, nodeId: node(micro), code, address: `测试市${code}号` }).returning();
  const head = await addPerson(`户主${code}`, micro);
  await t.db.insert(householdMembers).values({ cityId: city.cityId, householdId: row!.id, personId: head, relation: "户主" });
  return row!.id;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-03-20T09:00:00+08:00");
  await seedYear(t.db, city.cityId, 2026, CHINA_2026, t.clock.now());
  person.cadre = await addPerson("王建国", "T1", "township_cadre");
  person.successor = await addPerson("李明华", "T1", "township_cadre");
  person.mediator = await addPerson("赵调解", "T1V1");
  // The township cadre's account is the person 王建国: what they are paired with is theirs to visit.
  await t.db.update(users).set({ personId: person.cadre }).where(eq(users.username, "township_cadre"));
  const other = await fixtureAccount(t, { username: "cadre.two", cityId: city.cityId, role: "township_cadre", nodeId: node("T1") });
  await t.db.update(users).set({ personId: person.successor }).where(eq(users.id, other));
  await fixtureAccount(t, { username: "leader.t1", cityId: city.cityId, role: "leader", nodeId: node("T1") });
  home.a = await addHousehold("A1", "T1V1G1M1");
  home.b = await addHousehold("B1", "T1V1G1M2");
  home.far = await addHousehold("F1", "T2V1G1M1");
  await signIn();
});
afterAll(async () => t.close());

const pair = (session: Session, body: Record<string, unknown>) => session.post("/api/pairings", { post: "township_cadre", target: "household", reason: "联户到人", ...body });

describe("pairing (包村联户)", () => {
  it("pairs a cadre with households and a village, and refuses a second pairing with the same household", async () => {
    const created = await pair(s.cadre, { personId: person.cadre, householdId: home.a });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ personName: "王建国", householdCode: "A1", endedOn: null, startedOn: "2026-03-20" });
    expect((await pair(s.cadre, { personId: person.cadre, householdId: home.b })).statusCode).toBe(201);
    expect((await s.cadre.post("/api/pairings", { personId: person.cadre, post: "township_cadre", target: "village", villageId: node("T1V1"), reason: "包村" })).statusCode).toBe(201);
    expect((await pair(s.cadre, { personId: person.cadre, householdId: home.a })).statusCode).toBe(409);
    const mediator = await pair(s.cadre, { personId: person.mediator, householdId: home.a });
    expect(mediator.statusCode).toBe(400);
    expect(mediator.json().error.fields[0].field).toBe("personId");
    // A household of the other township is outside this cadre's reach: not found, not forbidden.
    expect((await pair(s.cadre, { personId: person.cadre, householdId: home.far })).statusCode).toBe(404);
  });

  it("reassigns a household when the cadre moves on, and keeps who looked after it before", async () => {
    const listed = (await s.cadre.get(`/api/pairings?household=${home.b}`)).json();
    expect(listed.total).toBe(1);
    const pairing = listed.items[0];
    const stale = await s.cadre.post(`/api/pairings/${pairing.id}/end`, { version: pairing.version + 1, reason: "调任", successorPersonId: person.successor });
    expect(stale.statusCode).toBe(409);
    const moved = await s.cadre.post(`/api/pairings/${pairing.id}/end`, { version: pairing.version, reason: "调任", successorPersonId: person.successor });
    expect(moved.statusCode).toBe(200);
    const { ended, successor } = moved.json();
    expect(ended).toMatchObject({ endedOn: "2026-03-20", endReason: "调任", successorId: successor.id });
    expect(successor).toMatchObject({ personName: "李明华", householdId: home.b, startedOn: "2026-03-20", reason: "接替：调任" });
    const current = (await s.cadre.get(`/api/pairings?household=${home.b}`)).json();
    expect(current.items.map((item: { personName: string }) => item.personName)).toEqual(["李明华"]);
    const history = (await s.cadre.get(`/api/pairings?household=${home.b}&history=true`)).json();
    expect(history.items.map((item: { personName: string }) => item.personName)).toEqual(["王建国", "李明华"]);
    expect((await s.cadre.post(`/api/pairings/${pairing.id}/end`, { version: ended.version, reason: "再次" })).statusCode).toBe(409);
  });
});

describe("visits", () => {
  it("refuses a visit to a household the person is not paired with (403), and one outside their reach (404)", async () => {
    const before = await auditCount(t.db);
    expect((await s.cadre.post("/api/pairing/visits", { householdId: home.b, met: "户主", findings: "无" })).statusCode).toBe(403);
    expect((await s.cadre.post("/api/pairing/visits", { householdId: home.far, met: "户主", findings: "无" })).statusCode).toBe(404);
    expect(await auditCount(t.db)).toBe(before);
  });

  it("turns what a visit found into a problem clue, a suggestion and a register entry, each linked both ways", async () => {
    const response = await s.cadre.post("/api/pairing/visits", {
      householdId: home.a,
      lon: 110.62,
      lat: 35.59,
      met: "户主及配偶",
      findings: "反映巷道积水，邻里因排水起争执，联系电话13912345678",
      raise: {
        problem: { description: "巷道雨后积水，出行不便" },
        suggestion: { content: "建议硬化巷道并修排水沟" },
        conflict: { kind: "neighbours", summary: "两户因排水问题争执", parties: "张三与李四 13912345678", riskLevel: 2, responsiblePersonId: person.mediator },
      },
    });
    expect(response.statusCode).toBe(201);
    const visit = response.json();
    expect(visit).toMatchObject({ personName: "王建国", householdId: home.a, visitedOn: "2026-03-20", lon: 110.62 });
    expect(visit.clueId && visit.suggestionId && visit.conflictId).toBeTruthy();
    // A phone number in the notes is masked on the way out.
    expect(visit.findings).toBe("反映巷道积水，邻里因排水起争执，联系电话139********");

    const clue = (await s.cadre.get(`/api/problem-clues/${visit.clueId}`)).json();
    expect(clue).toMatchObject({ channel: "household_visit", source: "self", description: "巷道雨后积水，出行不便", origin: `pairing_visit:${visit.id}` });
    const suggestions = (await s.cadre.get(`/api/pairing/suggestions?org=${node("T1")}`)).json();
    expect(suggestions.items.find((item: { id: number }) => item.id === visit.suggestionId)).toMatchObject({ visitId: visit.id, status: "open" });
    const entry = (await s.cadre.get(`/api/pairing/conflicts/${visit.conflictId}`)).json();
    expect(entry).toMatchObject({ visitId: visit.id, source: "visit", responsibleName: "赵调解", riskLevel: 2, status: "open" });
    // Personal data of the parties is masked in the register; the reveal is for a role that needs it, and audited.
    expect(entry.parties).not.toContain("张三");
    expect(entry.parties).not.toContain("13912345678");
    const before = await auditCount(t.db);
    expect((await s.cadre.post(`/api/pairing/conflicts/${visit.conflictId}/reveal`)).json().parties).toBe("张三与李四 13912345678");
    expect(await auditCount(t.db)).toBe(before + 1);
    expect((await s.townLeader.post(`/api/pairing/conflicts/${visit.conflictId}/reveal`)).statusCode).toBe(403);
    // The cadre's own list shows the household visited.
    const mine = (await s.cadre.get("/api/pairing/mine")).json();
    expect(mine.items.find((item: { householdId: number | null }) => item.householdId === home.a)).toMatchObject({ lastVisitOn: "2026-03-20", due: false, head: "户***" });
  });

  it("answers a suggestion once, naming who answered", async () => {
    const suggestion = (await s.cadre.get(`/api/pairing/suggestions?status=open`)).json().items[0];
    const answered = await s.cadre.post(`/api/pairing/suggestions/${suggestion.id}/answer`, { version: suggestion.version, answer: "已列入今年硬化计划", answeredByName: "镇党委副书记" });
    expect(answered.json()).toMatchObject({ status: "answered", answeredByName: "镇党委副书记" });
    expect((await s.cadre.post(`/api/pairing/suggestions/${suggestion.id}/answer`, { version: suggestion.version, answer: "再答", answeredByName: "某" })).statusCode).toBe(409);
  });
});

describe("coverage", () => {
  it("counts visits in the current quarter only: a March visit covers Q1 and not Q2", async () => {
    const q1 = (await s.cadre.get(`/api/pairing/coverage?org=${node("T1")}`)).json();
    expect(q1).toMatchObject({ from: "2026-01-01", to: "2026-03-31", paired: 3, visited: 1 });
    await at("2026-04-02T09:00:00+08:00");
    const q2 = (await s.cadre.get(`/api/pairing/coverage?org=${node("T1")}`)).json();
    expect(q2).toMatchObject({ from: "2026-04-01", to: "2026-06-30", paired: 2, visited: 0, rate: 0 });
    expect(q2.children).toEqual([{ nodeId: node("T1V1"), nodeName: "第1镇1村", paired: 2, visited: 0, rate: 0 }]);
    expect(q2.behind.map((row: { personName: string }) => row.personName).sort()).toEqual(["李明华", "王建国"]);
    const mine = (await s.cadre.get("/api/pairing/mine")).json();
    expect(mine.items.find((item: { householdId: number | null }) => item.householdId === home.a)).toMatchObject({ due: true });
    // The township's list of overdue visits: every household pairing not visited since 1 April.
    const due = (await s.cadre.get(`/api/pairings?org=${node("T1")}&due=true`)).json();
    expect(due.items.map((item: { householdCode: string }) => item.householdCode).sort()).toEqual(["A1", "B1"]);
    const earlier = (await s.cadre.get(`/api/pairing/coverage?org=${node("T1")}&from=2026-01-01&to=2026-03-31`)).json();
    expect(earlier).toMatchObject({ visited: 1 });
  });
});

const put = (session: Session, body: Record<string, unknown>) => session.request({ method: "PUT", url: "/api/pairing/settings", payload: body });

describe("the city's visit period", () => {
  it("is a quarter unless the city chooses another, set at the city's root only", async () => {
    expect((await s.cadre.get("/api/pairing/settings")).json()).toEqual({ periodMonths: 3, version: 0 });
    expect((await put(s.cadre, { version: 0, periodMonths: 1 })).statusCode).toBe(403);
    expect((await put(s.admin, { version: 0, periodMonths: 2 })).statusCode).toBe(400);
    const monthly = await put(s.admin, { version: 0, periodMonths: 1 });
    expect(monthly.json()).toEqual({ periodMonths: 1, version: 1 });
    expect((await put(s.admin, { version: 0, periodMonths: 6 })).statusCode).toBe(409);
    expect((await s.cadre.get(`/api/pairing/coverage?org=${node("T1")}`)).json()).toMatchObject({ from: "2026-04-01", to: "2026-04-30" });
    expect((await s.cadre.get("/api/pairing/mine")).json()).toMatchObject({ from: "2026-04-01", to: "2026-04-30" });
    await put(s.admin, { version: 1, periodMonths: 3 });
  });
});

describe("the conflict and hazard register", () => {
  const entry = (body: Record<string, unknown>) => s.cadre.post("/api/pairing/conflicts", { nodeId: node("T1V1"), kind: "land", summary: "承包地边界争议", parties: "王五与赵六", riskLevel: 1, source: "petition", responsiblePersonId: person.mediator, ...body });

  it("refuses an entry without a responsible person or with an unknown risk level (400 with the field)", async () => {
    const before = await auditCount(t.db);
    const missing = await entry({ responsiblePersonId: undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toContain("responsiblePersonId");
    const risk = await entry({ riskLevel: 5 });
    expect(risk.statusCode).toBe(400);
    expect(risk.json().error.fields.map((f: { field: string }) => f.field)).toContain("riskLevel");
    expect(await auditCount(t.db)).toBe(before);
  });

  it("sets the deadline by risk level on the working calendar and notifies the township leader of high risk at once", async () => {
    // 2 April 2026 (Thursday): 清明 holidays run 4–6 April, so two working days end on Tuesday 7 April.
    const high = await entry({ riskLevel: 4, summary: "宅基地纠纷可能引发冲突" });
    expect(high.statusCode).toBe(201);
    expect(high.json()).toMatchObject({ deadline: "2026-04-07", status: "open", overdue: false });
    const bell = (await s.townLeader.get("/api/notifications")).json();
    expect(bell.items).toHaveLength(1);
    expect(bell.items[0]).toMatchObject({ kind: "conflict_high_risk", link: `/pairing/conflicts/${high.json().id}` });
    // A low-risk entry notifies nobody.
    const low = (await entry({ riskLevel: 1 })).json();
    expect(low.deadline > high.json().deadline).toBe(true);
    expect((await s.townLeader.get("/api/notifications")).json().items).toHaveLength(1);
  });

  it("records mediation, the result and follow-ups, refuses a stale version (409), and counts the resolved entry", async () => {
    const created = (await entry({ riskLevel: 2 })).json();
    const step = await s.cadre.post(`/api/pairing/conflicts/${created.id}/steps`, { version: created.version, kind: "mediation", note: "组织双方现场调解", outcome: "初步达成意向" });
    expect(step.statusCode).toBe(200);
    // A second edit made from the same version the first one read is refused.
    expect((await s.secretary.post(`/api/pairing/conflicts/${created.id}/steps`, { version: created.version, kind: "mediation", note: "再调解" })).statusCode).toBe(409);
    const figuresBefore = (await s.admin.get(`/api/figures?org=${node("T1")}`)).json().figures["pairing.conflictsResolved"];
    const result = await s.cadre.post(`/api/pairing/conflicts/${created.id}/result`, { version: step.json().version, result: "agreement", note: "签订调解协议" });
    expect(result.json()).toMatchObject({ status: "resolved", resolvedOn: "2026-04-02" });
    expect((await s.cadre.post(`/api/pairing/conflicts/${created.id}/steps`, { version: result.json().version, kind: "mediation", note: "x" })).statusCode).toBe(409);
    const followUp = await s.cadre.post(`/api/pairing/conflicts/${created.id}/steps`, { version: result.json().version, kind: "follow_up", note: "回访双方履行协议" });
    const closed = await s.cadre.post(`/api/pairing/conflicts/${created.id}/close`, { version: followUp.json().version });
    expect(closed.json()).toMatchObject({ status: "closed", steps: [{ kind: "mediation" }, { kind: "follow_up" }] });
    const figures = (await s.admin.get(`/api/figures?org=${node("T1")}`)).json();
    expect(figures.figures["pairing.conflictsResolved"]).toBe(figuresBefore + 1);
    const drill = figures.items.find((item: { key: string }) => item.key === "pairing.conflictsResolved").drill.api;
    expect((await s.admin.get(drill)).json().total).toBe(figuresBefore + 1);
  });

  it("withdraws an entry made in error: soft-deleted, audited, gone from the register", async () => {
    const created = (await entry({ summary: "误登的一条" })).json();
    const before = await auditCount(t.db);
    expect((await s.cadre.delete(`/api/pairing/conflicts/${created.id}`, { version: created.version + 1, reason: "误登" })).statusCode).toBe(409);
    expect((await s.cadre.delete(`/api/pairing/conflicts/${created.id}`, { version: created.version, reason: "误登" })).statusCode).toBe(200);
    expect(await auditCount(t.db)).toBe(before + 1);
    expect((await s.cadre.get(`/api/pairing/conflicts/${created.id}`)).statusCode).toBe(404);
  });

  it("exports the register as CSV with the parties masked", async () => {
    const response = await s.cadre.get(`/api/pairing/conflicts/export?org=${node("T1")}&kind=land`);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.body).toContain("承包地边界争议");
    expect(response.body).not.toContain("王五");
  });

  it("opens an entry when a conflict-type grid event is registered", async () => {
    const [justice] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: node("C"), code: "D15", name: "市司法局" }).returning();
    const [mediation] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: justice!.id, code: "D15-F1", name: "人民调解" }).returning();
    const type = await s.admin.post("/api/event-types", { code: "DISPUTE", name: "邻里纠纷", category: "矛盾隐患", conflict: true, functionIds: [mediation!.id] });
    expect(type.statusCode).toBe(201);
    const reported = await s.admin.post("/api/events", { typeId: type.json().id, nodeId: node("T1V1G1M1"), description: "两户因院墙漏水争吵" });
    expect(reported.statusCode).toBe(201);
    const eventId = reported.json().id;
    expect((await s.cadre.get(`/api/pairing/conflicts?event=${eventId}`)).json().total).toBe(0);
    const event = (await s.admin.get(`/api/events/${eventId}`)).json();
    expect((await s.admin.post(`/api/events/${eventId}/register`, { version: event.version })).statusCode).toBe(200);
    const opened = (await s.cadre.get(`/api/pairing/conflicts?event=${eventId}`)).json();
    expect(opened.total).toBe(1);
    expect(opened.items[0]).toMatchObject({ source: "grid_event", kind: "neighbours", nodeId: node("T1V1G1M1"), responsiblePersonId: null, status: "open" });
  });
});

describe("party members in service", () => {
  it("reports a party member to a village, logs hours, and counts members, teams and hours", async () => {
    const report = await s.secretary.post("/api/service/members", { personId: person.mediator, nodeId: node("T1V1"), post: "矛盾纠纷调解员" });
    expect(report.statusCode).toBe(201);
    expect((await s.secretary.post("/api/service/members", { personId: person.mediator, nodeId: node("T1V1"), post: "再报到" })).statusCode).toBe(409);
    const logged = await s.secretary.post(`/api/service/members/${report.json().id}/hours`, { version: report.json().version, minutes: 150, note: "调解邻里纠纷" });
    expect(logged.json()).toMatchObject({ hours: 2.5 });
    const team = await s.secretary.post("/api/service/teams", { nodeId: node("T1V1"), name: "红色先锋志愿服务队", focus: "邻里互助" });
    expect((await s.secretary.post(`/api/service/teams/${team.json().id}/members`, { personId: person.mediator })).statusCode).toBe(200);
    const figures = (await s.admin.get(`/api/figures?org=${node("T1V1")}`)).json().figures;
    expect(figures).toMatchObject({ "service.membersReporting": 1, "service.volunteerTeams": 1, "service.hoursPerMember": 2.5 });
    expect((await s.secretary.get(`/api/service/teams?org=${node("T1V1")}`)).json().items[0]).toMatchObject({ members: 1 });
    // The other village is outside the secretary's reach.
    expect((await s.secretary.post("/api/service/members", { personId: person.cadre, nodeId: node("T1V2"), post: "x" })).statusCode).toBe(404);
  });

  it("records a practical matter done (办实事) with photos and the residents' rating, and publishes it without personal data", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f2b1a40000000049454e44ae426082", "hex").toString("base64");
    const created = await s.secretary.post("/api/service/deeds", { nodeId: node("T1V1"), title: "为独居老人安装扶手", description: "为12户独居老人安装卫生间扶手", beneficiaries: 12, photos: [png] });
    expect(created.statusCode).toBe(201);
    const deed = created.json();
    expect(deed).toMatchObject({ published: false, rating: null, photoIds: [expect.any(Number)] });
    const photo = await s.secretary.get(`/api/service/deeds/${deed.id}/photos/${deed.photoIds[0]}`);
    expect(photo.headers["content-type"]).toBe("image/png");
    expect((await s.secretary.post("/api/service/deeds", { nodeId: node("T1V1"), title: "x", description: "y", beneficiaries: 1, photos: [Buffer.from("not an image").toString("base64")] })).statusCode).toBe(400);
    const rated = (await s.secretary.post(`/api/service/deeds/${deed.id}/rating`, { version: deed.version, rating: 5 })).json();
    expect((await t.app.inject({ method: "GET", url: "/api/public/deeds?city=testcity" })).json().total).toBe(0);
    expect((await s.secretary.post(`/api/service/deeds/${deed.id}/publish`, { version: deed.version, published: true })).statusCode).toBe(409);
    await s.secretary.post(`/api/service/deeds/${deed.id}/publish`, { version: rated.version, published: true });
    const published = (await t.app.inject({ method: "GET", url: "/api/public/deeds?city=testcity" })).json();
    expect(published.items).toEqual([{ id: deed.id, nodeName: "第1镇1村", title: "为独居老人安装扶手", description: "为12户独居老人安装卫生间扶手", beneficiaries: 12, doneOn: "2026-04-02", rating: 5 }]);
  });

  it("issues a call with shifts: members sign up while there is room, and attendance is recorded", async () => {
    const call = await s.secretary.post("/api/service/calls", { nodeId: node("T1V1"), title: "汛期值守", kind: "防汛", shifts: [{ day: "2026-04-03", slot: "08:00-12:00", capacity: 1 }] });
    expect(call.statusCode).toBe(201);
    const shift = call.json().shifts[0];
    expect((await s.secretary.post(`/api/service/shifts/${shift.id}/signups`, { personId: person.mediator })).statusCode).toBe(200);
    expect((await s.secretary.post(`/api/service/shifts/${shift.id}/signups`, { personId: person.mediator })).json().error.code).toBe("duplicate");
    expect((await s.secretary.post(`/api/service/shifts/${shift.id}/signups`, { personId: person.cadre })).json().error.code).toBe("full");
    expect((await s.secretary.post(`/api/service/shifts/${shift.id}/attendance`, { personId: person.cadre, attended: true })).statusCode).toBe(400);
    expect((await s.secretary.post(`/api/service/shifts/${shift.id}/attendance`, { personId: person.mediator, attended: true })).statusCode).toBe(200);
    const listed = (await s.secretary.get(`/api/service/calls?org=${node("T1V1")}`)).json();
    expect(listed.items[0].shifts[0]).toMatchObject({ capacity: 1, signedUp: 1, attended: 1 });
  });
});
