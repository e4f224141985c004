import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config";
import { freshDatabase } from "../test/database";
import { createTestContext, type Session, type TestContext } from "../test/harness";
import { loadDemoCadres } from "./cadres";
import { loadDemoCity } from "./generate";
import { loadDemoTraining } from "./training";

/** The demo city's training and cadre figures (DOMAIN.md mechanisms 5 and 6), computed from the loaded records and opened as their lists. */
const now = new Date("2026-06-01T09:00:00+08:00");
let t: TestContext;
let office: Session;

beforeAll(async () => {
  const database = await freshDatabase();
  const { cityId } = await loadDemoCity(database.db, { password: DEFAULT_DEMO_PASSWORD, now });
  await loadDemoTraining(database.db, { cityId, now });
  await loadDemoCadres(database.db, { cityId, now });
  t = await createTestContext({}, database);
  t.clock.set(now);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
});
afterAll(async () => t.close());

describe("the demo city's training and cadres", () => {
  it("reproduces the article's figures, each drillable to as many records", async () => {
    const response = (await office.get("/api/figures")).json();
    const figures = response.figures;
    expect(figures["training.sessions"]).toBe(55);
    expect(figures["training.personTimes"]).toBeGreaterThanOrEqual(3900);
    expect(figures).toMatchObject({ "cadres.reserve": 475, "cadres.graduatePlan": 47, "cadres.rotated": 3, "cadres.secondedReturned": 3 });
    for (const key of ["training.sessions", "training.personTimes", "cadres.reserve", "cadres.graduatePlan", "cadres.rotated", "cadres.secondedReturned"]) {
      const item = response.items.find((candidate: { key: string }) => candidate.key === key);
      const list = await office.get(`${item.drill.api}&pageSize=1`);
      expect(list.statusCode, key).toBe(200);
      expect(list.json().total, key).toBe(item.value);
    }
    for (const level of ["city", "township", "village"]) {
      const rate = figures[`training.passRate.${level}`];
      expect(rate, level).toBeGreaterThan(0);
      expect(rate, level).toBeLessThan(100);
    }
    expect(figures["training.attendanceRate"]).toBeGreaterThan(90);
  });

  it("adds person-times up over the townships, and lets 清涧街道's cadre see its own open test", async () => {
    const city = (await office.get("/api/figures")).json();
    const townships = (await office.get(`/api/orgs/${city.org.id}/children?limit=50`)).json().items;
    let personTimes = 0;
    for (const township of townships) personTimes += (await office.get(`/api/figures?org=${township.id}`)).json().figures["training.personTimes"];
    // County leaders sit at the city itself: their person-times belong to no township.
    expect(personTimes).toBeLessThanOrEqual(city.figures["training.personTimes"]);
    expect(personTimes).toBeGreaterThan(3000);
    const cadre = await t.login("cadre.qingjian", DEFAULT_DEMO_PASSWORD);
    const exams = (await cadre.get("/api/exams")).json();
    expect(exams.items.map((exam: { title: string }) => exam.title)).toEqual(["清涧街道村（社区）干部能力测试"]);
    expect((await cadre.get("/api/cadres")).statusCode).toBe(403);
  });

  it("gives the village secretary's account the open test to sit", async () => {
    const secretary = await t.login("secretary.t02-v001", DEFAULT_DEMO_PASSWORD);
    const mine = (await secretary.get("/api/my/exams")).json().items;
    expect(mine.some((exam: { status: string; title: string }) => exam.status === "not_started" && exam.title.includes("清涧街道"))).toBe(true);
  });
});
