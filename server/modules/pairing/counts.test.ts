import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, householdMembers, households, persons, posts, users } from "../../db/schema";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { seedYear } from "../../platform/calendar/service";
import { auditCount, createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { fixtureAccount } from "../../test/matrix";

/**
 * The pairing module's rates against counts made by hand from the records this file makes (visit
 * coverage, conflicts resolved on time, suggestions answered, service hours per member), the audited
 * reveal of a visit's notes with the household's names masked in lists, and party members signing up
 * for a shift themselves, the last places taken by requests sent at once.
 */
let t: TestContext;
let city: SmallCity;
const s = {} as Record<"admin" | "cadre" | "leader", Session>;
let cadre: number;
let mediator: number;
const node = (code: string) => city.nodes.get(code)!.id;
let counter = 0;
/** The cadre's household pairings made in this file, and those visited in the second quarter (all visits before the last test are made on 15 June). */
const pairedHomes: number[] = [];
const visitedInQ2 = new Set<number>();

async function addPerson(name: string, nodeCode: string, post?: string): Promise<number> {
  const [row] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: node(nodeCode), name, gender: "F", isPartyMember: true }).returning();
  if (post) await t.db.insert(posts).values({ cityId: city.cityId, personId: row!.id, nodeId: node(nodeCode), post, title: "包村干部" });
  return row!.id;
}

async function addHousehold(members: string[]): Promise<number> {
  const [row] = await t.db.insert(households).values({ cityId: city.cityId, nodeId: node("T1V1G1M1"), code: `H${++counter}`, address: `测试村${counter}号` }).returning();
  for (const [index, name] of members.entries()) {
    const person = await addPerson(name, "T1V1G1M1");
    await t.db.insert(householdMembers).values({ cityId: city.cityId, householdId: row!.id, personId: person, relation: index === 0 ? "户主" : "子女" });
  }
  return row!.id;
}

/** An account whose person is a party member reporting to the village. */
async function member(username: string, nodeCode = "T1V1"): Promise<Session> {
  const person = await addPerson(`党员${username}`, `${nodeCode}G1M1`);
  const user = await fixtureAccount(t, { username, cityId: city.cityId, role: "grid_worker", nodeId: node(`${nodeCode}G1`) });
  await t.db.update(users).set({ personId: person }).where(eq(users.id, user));
  expect((await s.admin.post("/api/service/members", { personId: person, nodeId: node(nodeCode), post: "志愿者" })).statusCode).toBe(201);
  return t.login(username);
}

const figures = async () => (await s.admin.get(`/api/figures?org=${node("T1")}`)).json() as { figures: Record<string, number>; items: { key: string; drill: { api: string } | null }[] };

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-15T09:00:00+08:00");
  await seedYear(t.db, city.cityId, 2026, CHINA_2026, t.clock.now());
  cadre = await addPerson("王建国", "T1", "township_cadre");
  mediator = await addPerson("赵调解", "T1V1");
  await t.db.update(users).set({ personId: cadre }).where(eq(users.username, "township_cadre"));
  await fixtureAccount(t, { username: "leader.t1", cityId: city.cityId, role: "leader", nodeId: node("T1") });
  s.admin = await t.login("campaign_admin");
  s.cadre = await t.login("township_cadre");
  s.leader = await t.login("leader.t1");
});
afterAll(async () => t.close());

describe("rates counted by hand", () => {
  it("visit coverage and suggestions answered: twelve households, ten visited (one twice), ten suggestions and six answers", async () => {
    const homes: number[] = [];
    for (let i = 0; i < 12; i++) homes.push(await addHousehold([`户主${i}号`]));
    for (const householdId of homes) {
      expect((await s.cadre.post("/api/pairings", { personId: cadre, post: "township_cadre", target: "household", householdId, reason: "联户" })).statusCode).toBe(201);
    }
    const visited = [...homes.slice(0, 10), homes[0]!];
    pairedHomes.push(...homes);
    visited.forEach((home) => visitedInQ2.add(home));
    const suggestions: number[] = [];
    for (const [index, householdId] of visited.entries()) {
      const raise = index < 10 ? { suggestion: { content: `建议${index}：修缮村道` } } : undefined;
      const visit = await s.cadre.post("/api/pairing/visits", { householdId, met: "户主", findings: "家中平安", ...(raise ? { raise } : {}) });
      expect(visit.statusCode).toBe(201);
      if (visit.json().suggestionId) suggestions.push(visit.json().suggestionId);
    }
    const answered = suggestions.slice(0, 6);
    for (const id of answered) {
      const current = (await s.cadre.get(`/api/pairing/suggestions?org=${node("T1")}&pageSize=100`)).json().items.find((item: { id: number }) => item.id === id);
      expect((await s.cadre.post(`/api/pairing/suggestions/${id}/answer`, { version: current.version, answer: "已纳入计划", answeredByName: "镇党委" })).statusCode).toBe(200);
    }

    const visitedHouseholds = new Set(visited).size;
    const { figures: values } = await figures();
    expect(values["pairing.visitCoverage"]).toBe(Math.round((1000 * visitedHouseholds) / homes.length) / 10);
    expect(values["pairing.suggestionsAnsweredRate"]).toBe(Math.round((1000 * answered.length) / suggestions.length) / 10);
    // The coverage page (this quarter) counts the same households: every visit was made today.
    const coverage = (await s.cadre.get(`/api/pairing/coverage?org=${node("T1")}`)).json();
    expect(coverage).toMatchObject({ paired: homes.length, visited: visitedHouseholds, neverVisited: homes.length - visitedHouseholds });
    expect((await s.cadre.get(`/api/pairing/suggestions?org=${node("T1")}&status=answered`)).json().total).toBe(answered.length);
  });

  it("conflicts resolved on time: eleven settled (seven by their deadline, four after it), one referred, two open", async () => {
    const entries: { id: number; version: number; deadline: string }[] = [];
    for (let i = 0; i < 14; i++) {
      const created = await s.cadre.post("/api/pairing/conflicts", {
        nodeId: node("T1V1"),
        kind: "neighbours",
        summary: `邻里纠纷${i}`,
        parties: "甲与乙",
        riskLevel: (i % 4) + 1,
        source: "hotline",
        responsiblePersonId: mediator,
        reportedOn: "2026-03-02",
      });
      expect(created.statusCode).toBe(201);
      entries.push(created.json());
    }
    const settled: { resolvedOn: string; deadline: string }[] = [];
    for (const [index, entry] of entries.entries()) {
      if (index >= 12) continue;
      // Seven on the deadline day itself, four a fortnight after it, the twelfth referred to court.
      const late = index >= 7 && index < 11;
      const resolvedOn = index === 11 ? undefined : late ? new Date(Date.parse(`${entry.deadline}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10) : entry.deadline;
      const result = index === 11 ? "court" : index % 2 === 0 ? "resolved" : "agreement";
      const response = await s.cadre.post(`/api/pairing/conflicts/${entry.id}/result`, { version: entry.version, result, note: "调解完毕", ...(resolvedOn ? { resolvedOn } : {}) });
      expect(response.statusCode).toBe(200);
      if (resolvedOn) settled.push({ resolvedOn, deadline: entry.deadline });
    }
    const onTime = settled.filter((entry) => entry.resolvedOn <= entry.deadline).length;
    const result = await figures();
    expect(result.figures["pairing.conflictsResolved"]).toBe(settled.length);
    expect(result.figures["pairing.conflictsOnTimeRate"]).toBe(Math.round((1000 * onTime) / settled.length) / 10);
    const drill = result.items.find((item) => item.key === "pairing.conflictsResolved")!.drill!.api;
    expect((await s.admin.get(drill)).json().total).toBe(settled.length);
  });

  it("service hours per member: three members, 135, 120 and 30 minutes", async () => {
    const logs = [[90, 45], [120], [30]];
    for (const [index, minutes] of logs.entries()) {
      const person = await addPerson(`报到党员${index}`, "T1V1G1M1");
      let report = (await s.admin.post("/api/service/members", { personId: person, nodeId: node("T1V1"), post: "楼栋长" })).json();
      for (const each of minutes) {
        const logged = await s.admin.post(`/api/service/members/${report.id}/hours`, { version: report.version, minutes: each, note: "值守" });
        expect(logged.statusCode).toBe(200);
        report = logged.json();
      }
    }
    const total = logs.flat().reduce((sum, each) => sum + each, 0);
    expect((await figures()).figures["service.hoursPerMember"]).toBe(Math.round((10 * total) / 60 / logs.length) / 10);
  });
});

describe("a visit's notes", () => {
  it("are masked in lists (names of the household, numbers) and revealed whole with an audit entry naming the reader", async () => {
    const household = await addHousehold(["张三丰", "李四"]);
    await s.cadre.post("/api/pairings", { personId: cadre, post: "township_cadre", target: "household", householdId: household, reason: "联户" });
    const written = { met: "户主张三丰和儿子李四", findings: "李四外出务工，联系电话13912345678，张三丰身体尚好" };
    const visit = (await s.cadre.post("/api/pairing/visits", { householdId: household, ...written })).json();
    pairedHomes.push(household);
    visitedInQ2.add(household);
    const listed = (await s.cadre.get(`/api/pairing/visits?household=${household}`)).json().items[0];
    expect(listed.met).toBe("户主张**和儿子李*");
    expect(listed.findings).not.toMatch(/张三丰|李四|13912345678/);
    expect(listed.findings).toContain("张**身体尚好");

    // The leader reads the register but may not reveal personal data: 403, and nothing audited.
    const before = await auditCount(t.db);
    expect((await s.leader.post(`/api/pairing/visits/${visit.id}/reveal`)).statusCode).toBe(403);
    expect((await s.cadre.post(`/api/pairing/visits/999999/reveal`)).statusCode).toBe(404);
    expect(await auditCount(t.db)).toBe(before);
    const revealed = await s.cadre.post(`/api/pairing/visits/${visit.id}/reveal`);
    expect(revealed.json()).toEqual(written);
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "pairing.visit.reveal"), eq(auditLog.entityId, String(visit.id))));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorUsername: "township_cadre", at: t.clock.now() });
    expect(JSON.stringify(trail[0]!.after)).not.toMatch(/张三丰|13912345678/);
  });
});

describe("party members signing up themselves", () => {
  it("shows the calls reaching their village, takes one sign-up each, and refuses shifts elsewhere (404)", async () => {
    const member1 = await member("m.one");
    const outsider = await member("m.far", "T2V1");
    const call = (await s.admin.post("/api/service/calls", { nodeId: node("T1V1"), title: "防汛值守", kind: "防汛", shifts: [{ day: "2026-07-01", slot: "夜间", capacity: 3 }] })).json();
    const shift = call.shifts[0].id;
    expect((await member1.post(`/api/service/shifts/${shift}/signups/mine`, {})).statusCode).toBe(200);
    expect((await member1.post(`/api/service/shifts/${shift}/signups/mine`, {})).json().error.code).toBe("duplicate");
    const mine = (await member1.get("/api/service/calls/mine")).json();
    expect(mine.items.map((item: { id: number }) => item.id)).toEqual([call.id]);
    expect(mine.items[0].shifts[0]).toMatchObject({ id: shift, signedUp: 1, mine: true });
    expect((await outsider.get("/api/service/calls/mine")).json().total).toBe(0);
    expect((await outsider.post(`/api/service/shifts/${shift}/signups/mine`, {})).statusCode).toBe(404);
    // A signed-in account that reports nowhere has nothing to sign up for.
    expect((await s.leader.post(`/api/service/shifts/${shift}/signups/mine`, {})).statusCode).toBe(404);
  });

  it("gives the last places of a shift to exactly as many members as it has room for when they ask at once (409 for the rest)", async () => {
    const members: Session[] = [];
    for (let i = 0; i < 6; i++) members.push(await member(`m.rush${i}`));
    const capacity = 2;
    const call = (await s.admin.post("/api/service/calls", { nodeId: node("T1V1"), title: "防疫值守", kind: "防疫", shifts: [{ day: "2026-07-02", slot: "上午", capacity }] })).json();
    const shift = call.shifts[0].id;
    const answers = await Promise.all(members.map((session) => session.post(`/api/service/shifts/${shift}/signups/mine`, {})));
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 200)).toHaveLength(capacity);
    expect(codes.filter((code) => code === 409)).toHaveLength(members.length - capacity);
    expect(answers.filter((answer) => answer.statusCode === 409).every((answer) => answer.json().error.code === "full")).toBe(true);
    const listed = (await s.admin.get(`/api/service/calls?org=${node("T1V1")}`)).json().items.find((item: { id: number }) => item.id === call.id);
    expect(listed.shifts[0]).toMatchObject({ capacity, signedUp: capacity });
  });
});

describe("visit coverage over the city's period", () => {
  const coverageFigure = async () => {
    const result = await figures();
    const item = result.items.find((each) => each.key === "pairing.visitCoverage")!;
    return { value: result.figures["pairing.visitCoverage"], drill: item.drill!.api };
  };
  const rate = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;
  const signInAgain = async () => {
    s.admin = await t.login("campaign_admin");
    s.cadre = await t.login("township_cadre");
  };

  it("measures the current quarter: the June visits count until 30 June, none on 1 July until the cadre visits again, and the drill-down agrees", async () => {
    t.clock.set("2026-06-30T23:50:00+08:00");
    await signInAgain();
    const june = await coverageFigure();
    expect(june.value).toBe(rate(visitedInQ2.size, pairedHomes.length));
    expect((await s.admin.get(june.drill)).json()).toMatchObject({ from: "2026-04-01", to: "2026-06-30", paired: pairedHomes.length, visited: visitedInQ2.size });

    // Ten minutes later the third quarter begins: nothing changed in the records, yet no household is visited in it.
    t.clock.set("2026-07-01T00:00:00+08:00");
    await signInAgain();
    const july = await coverageFigure();
    expect(july.value).toBe(0);
    expect((await s.admin.get(july.drill)).json()).toMatchObject({ from: "2026-07-01", to: "2026-09-30", paired: pairedHomes.length, visited: 0 });

    const visitedInQ3 = pairedHomes.slice(0, 3);
    for (const householdId of visitedInQ3) expect((await s.cadre.post("/api/pairing/visits", { householdId, met: "户主", findings: "家中平安" })).statusCode).toBe(201);
    const later = await coverageFigure();
    expect(later.value).toBe(rate(visitedInQ3.length, pairedHomes.length));
    expect((await s.admin.get(later.drill)).json()).toMatchObject({ paired: pairedHomes.length, visited: visitedInQ3.length });
  });
});
