import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD } from "../../platform/config";
import { ensureDemoCity } from "../../main";
import { freshDatabase } from "../../test/database";
import { createTestContext, type Session, type TestContext } from "../../test/harness";
import { figureKeys, figureRegistry, isFigureKey, rateKeys } from "../../../shared/figures";
import { notificationKinds } from "../../../shared/schemas/notifications";
import { modules } from "..";
import { nodeRef } from "../../platform/tree";
import { figuresOf } from "./service";
import { buildRegistry, type ModuleManifest } from "../../platform/modules";

/** The demo city must reproduce the article's figures, computed from its records. */

/**
 * DOMAIN.md's table "Figures the demo data must reproduce", for the whole city, transcribed by hand;
 * `atLeast` where the article says "over". The figures of 清涧街道 (ledger.debtResolved,
 * ledger.incomeRaised) are checked at that township by the ledgers module's demo test.
 */
const DOMAIN_FIGURES: Record<string, number | { atLeast: number }> = {
  "campaign.aspects": 6,
  "campaign.items": 23,
  "campaign.measures": 108,
  "campaign.projects": 10,
  "campaign.concreteProjects": 49,
  "campaign.taskForces": 6,
  "campaign.topicUnits": 29,
  "campaign.topicContents": 44,
  "campaign.topicProjects": 75,
  "campaign.requiredActions": 38,
  "campaign.optionalActions": 7,
  "training.sessions": 55,
  "training.personTimes": { atLeast: 3900 },
  "problems.clues": { atLeast: 1100 },
  "problems.total": { atLeast: 6360 },
  "problems.commonLists": 9,
  "problems.disclosedLists": 5,
  "cadres.reserve": 475,
  "cadres.graduatePlan": 47,
  "cadres.rotated": 3,
  "cadres.secondedReturned": 3,
  "pairing.countyLeaders": 29,
  "pairing.countyLeaderHouseholds": 145,
  "pairing.townshipCadres": 455,
  "pairing.townshipCadreHouseholds": 5096,
  "pairing.conflictsResolved": { atLeast: 480 },
  "service.organPartyOrgs": 84,
  "service.pairedCommunities": 18,
  "service.membersReporting": 2085,
  "service.volunteerTeams": 21,
  "grid.workers": 527,
  "grid.microGrids": 3590,
  "grid.departments": 24,
  "grid.functions": 45,
  "ledger.contracts": 3805,
  "ledger.problemContracts": 801,
  "ledger.rectifiedContracts": 211,
  "ledger.pairedEnterprises": 116,
  "ledger.pairedVillages": 125,
  "ledger.cooperatives": 25,
  "ledger.collectiveIncome": 89_030_000,
};
let t: TestContext;
let office: Session;

beforeAll(async () => {
  const database = await freshDatabase();
  await ensureDemoCity(database, DEFAULT_DEMO_PASSWORD, new Date("2026-06-01T09:00:00+08:00"));
  t = await createTestContext({}, database);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
});
afterAll(async () => t.close());

describe("figures of the demo city", () => {
  it("equal every DOMAIN.md figure of a built module for the whole city, exactly (at least, where the article says over)", async () => {
    const response = (await office.get("/api/figures")).json();
    expect(response.org).toMatchObject({ name: "河津市", kind: "city" });
    const built = Object.entries(DOMAIN_FIGURES).filter(([key]) => isFigureKey(key));
    expect(built.length).toBeGreaterThanOrEqual(24);
    for (const [key, expected] of built) {
      const value = response.figures[key];
      if (typeof expected === "number") expect([key, value]).toEqual([key, expected]);
      else expect([key, value >= expected.atLeast]).toEqual([key, true]);
    }
  });

  it("add up over the townships, and each can be opened as the list behind it", async () => {
    const city = (await office.get("/api/figures")).json();
    const townships = (await office.get(`/api/orgs/${city.org.id}/children?limit=50`)).json().items;
    expect(townships).toHaveLength(9);
    let microGrids = 0;
    let workers = 0;
    for (const township of townships) {
      const figures = (await office.get(`/api/figures?org=${township.id}`)).json().figures;
      microGrids += figures["grid.microGrids"];
      workers += figures["grid.workers"];
      const list = (await office.get(`/api/persons?org=${township.id}&post=grid_worker&pageSize=1`)).json();
      expect(list.total).toBe(figures["grid.workers"]);
    }
    expect(microGrids).toBe(3590);
    expect(workers).toBe(527);
  });

  it("give a township cadre their own township by default and nothing outside it", async () => {
    const cadre = await t.login("cadre.qingjian", DEFAULT_DEMO_PASSWORD);
    const own = (await cadre.get("/api/figures")).json();
    expect(own.org.name).toBe("清涧街道");
    expect(own.figures["grid.microGrids"]).toBeGreaterThan(0);
    expect(own.figures["grid.microGrids"]).toBeLessThan(3590);
    const fancun = (await office.get(`/api/orgs/search?q=${encodeURIComponent("樊村镇")}`)).json().items[0];
    expect((await cadre.get(`/api/figures?org=${fancun.id}`)).statusCode).toBe(404);
  });

  it("signs in every demo account listed in the README", async () => {
    for (const username of ["admin.office", "leader.city", "unit.zzb", "cadre.qingjian", "cadre.fancun", "secretary.t02-v001", "grid.worker1", "dept.handler", "supervisor.city", "sysadmin", "secadmin", "auditadmin", "province.zzb"]) {
      expect((await t.login(username, DEFAULT_DEMO_PASSWORD)).username).toBe(username);
    }
  });

  it("give the demo province reader the province of one city: 河津市's figures, summed over it alone", async () => {
    const reader = await t.login("province.zzb", DEFAULT_DEMO_PASSWORD);
    const answer = (await reader.get("/api/figures/province")).json();
    expect(answer.cities.map((city: { org: { name: string }; prefecture: string }) => [city.org.name, city.prefecture])).toEqual([["河津市", "运城市"]]);
    expect(answer.figures["grid.microGrids"]).toBe(3590);
    // Every figure, rates and hours per member among them, as the city's own: a rate summed from one city's parts is its rate.
    const own = (await reader.get(`/api/figures?org=${answer.cities[0].org.id}`)).json();
    expect(answer.figures).toEqual(own.figures);
    expect(rateKeys.filter((key) => answer.figures[key] === undefined)).toEqual([]);
    expect((await office.get("/api/figures/province")).statusCode).toBe(404);
  });

  it("offers the demo system administrator only a reset request for the other system administrators (三员分立)", async () => {
    const sys = await t.login("sysadmin", DEFAULT_DEMO_PASSWORD);
    for (const username of ["auditadmin", "secadmin", "cadre.qingjian"]) {
      const account = (await sys.get(`/api/accounts?q=${username}`)).json().items[0];
      expect([username, account.abilities]).toEqual([username, expect.objectContaining({ resetPassword: false, requestPasswordReset: true })]);
    }
    const leader = (await sys.get("/api/accounts?q=leader.city")).json().items[0];
    expect(leader.abilities).toMatchObject({ resetPassword: true, requestPasswordReset: false });
  });
});

describe("the figure registry (shared/figures.ts)", () => {
  it("knows every key each module's source returns for the demo city, under that module's name", async () => {
    const city = (await office.get("/api/figures")).json();
    const node = (await nodeRef(t.db, city.org.id))!;
    for (const manifest of modules) {
      for (const source of manifest.figures ?? []) {
        const keys = Object.keys(await source(t.db, node, t.clock.now()));
        expect(keys.filter((key) => !isFigureKey(key)), `${manifest.name} returns unregistered keys`).toEqual([]);
        expect(keys.filter((key) => isFigureKey(key) && figureRegistry[key].module !== manifest.name), `${manifest.name} returns another module's keys`).toEqual([]);
      }
    }
  });

  it("has every key of a built module returned for the demo city, and none of a module that is not built", async () => {
    const returned = new Set(Object.keys((await office.get("/api/figures")).json().figures));
    const built = new Set(modules.map((manifest) => manifest.name));
    expect(figureKeys.filter((key) => built.has(figureRegistry[key].module) && !returned.has(key))).toEqual([]);
    expect(figureKeys.filter((key) => !built.has(figureRegistry[key].module))).toEqual([]);
  });

  it("refuses a source that returns a key the registry does not know", async () => {
    const city = (await office.get("/api/figures")).json();
    const node = (await nodeRef(t.db, city.org.id))!;
    const rogue: ModuleManifest = { name: "rogue", figures: [async () => JSON.parse('{"rogue.unregistered": 1}')] };
    await expect(figuresOf(buildRegistry([rogue]), t.db, node, new Date())).rejects.toThrow(/rogue.unregistered is not in shared\/figures.ts/);
  });

  it("answers each figure with its label in both languages, its unit and the lists behind it", async () => {
    const response = (await office.get("/api/figures")).json();
    expect(response.items.map((item: { key: string }) => item.key)).toEqual(Object.keys(response.figures));
    const workers = response.items.find((item: { key: string }) => item.key === "grid.workers");
    expect(workers).toEqual({
      key: "grid.workers",
      value: 527,
      group: "grid",
      unit: "count",
      label: { zh: "专职网格员", en: "Full-time grid workers" },
      drill: { page: `/people?org=${response.org.id}&post=grid_worker`, api: `/api/persons?org=${response.org.id}&post=grid_worker` },
    });
    const satisfaction = response.items.find((item: { key: string }) => item.key === "events.rate.satisfaction");
    expect(satisfaction).toMatchObject({ unit: "percent", label: { zh: "满意率", en: "Satisfaction rate" } });
    // Each count's API drill-down lists exactly as many records as the figure says.
    const counts = ["pairing.countyLeaderHouseholds", "pairing.townshipCadreHouseholds", "service.pairedCommunities", "service.membersReporting", "service.volunteerTeams"];
    const training = ["training.sessions", "training.personTimes", "cadres.reserve", "cadres.graduatePlan", "cadres.rotated", "cadres.secondedReturned"];
    for (const key of ["grid.workers", "problems.total", "events.closed", "pairing.conflictsResolved", ...counts, ...training]) {
      const item = response.items.find((candidate: { key: string }) => candidate.key === key);
      const list = (await office.get(`${item.drill.api}&pageSize=1`)).json();
      expect(list.total, key).toBe(item.value);
    }
    // Visit coverage is of the current period, and its drill-down (the coverage page's own figures for it) gives the same share.
    const coverage = response.items.find((candidate: { key: string }) => candidate.key === "pairing.visitCoverage");
    const behind = (await office.get(coverage.drill.api)).json();
    expect(behind.rate).toBe(coverage.value);
    expect(Math.round((1000 * behind.visited) / behind.paired) / 10).toBe(coverage.value);
  });
});

describe("the module manifests", () => {
  it("name every notification kind the notifications schema accepts, each once", () => {
    const declared = modules.flatMap((manifest) => manifest.notificationKinds ?? []);
    expect([...declared].sort()).toEqual([...notificationKinds].sort());
  });

  it("give an app built without a module none of its figures or routes: nothing registers itself on import", async () => {
    const narrow = await createTestContext({}, t.database, modules.filter((manifest) => ["orgs", "people", "figures"].includes(manifest.name)));
    const session = await narrow.login("admin.office", DEFAULT_DEMO_PASSWORD);
    const figures = (await session.get("/api/figures")).json().figures;
    expect(figures["grid.workers"]).toBe(527);
    expect(Object.keys(figures).filter((key) => key.startsWith("events.") || key.startsWith("problems."))).toEqual([]);
    expect((await session.get("/api/events")).statusCode).toBe(404);
    await narrow.app.close();
  });
});
