import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD } from "../../platform/config";
import { ensureDemoCity } from "../../main";
import { freshDatabase } from "../../test/database";
import { createTestContext, type Session, type TestContext } from "../../test/harness";

/** The demo city must reproduce the article's figures, computed from its records. */
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
  it("equal DOMAIN.md's foundation figures for the whole city", async () => {
    const response = (await office.get("/api/figures")).json();
    expect(response.org).toMatchObject({ name: "河津市", kind: "city" });
    expect(response.figures).toMatchObject({
      "grid.workers": 527,
      "grid.microGrids": 3590,
      "grid.departments": 24,
      "grid.functions": 45,
      "pairing.countyLeaders": 29,
      "pairing.townshipCadres": 455,
      "cadres.reserve": 475,
      "service.organPartyOrgs": 84,
    });
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
    for (const username of ["admin.office", "leader.city", "unit.zzb", "cadre.qingjian", "cadre.fancun", "secretary.t02-v001", "grid.worker1", "dept.handler", "supervisor.city", "sysadmin", "secadmin", "auditadmin"]) {
      expect((await t.login(username, DEFAULT_DEMO_PASSWORD)).username).toBe(username);
    }
  });
});
