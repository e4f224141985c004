import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config";
import { freshDatabase } from "../test/database";
import { createTestContext, type Session, type TestContext } from "../test/harness";
import { loadDemoCampaign } from "./campaign";
import { loadDemoCity } from "./generate";

/** The demo campaign must reproduce DOMAIN.md's campaign.* figures, computed from its records. */
let t: TestContext;
let office: Session;
let campaignId = 0;
const now = new Date("2026-06-01T09:00:00+08:00");

beforeAll(async () => {
  const database = await freshDatabase();
  const { cityId } = await loadDemoCity(database.db, { password: DEFAULT_DEMO_PASSWORD, now });
  campaignId = (await loadDemoCampaign(database.db, { cityId, now })).campaignId;
  t = await createTestContext({}, database);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
});
afterAll(async () => t.close());

const expected = {
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
};

describe("the demo campaign", () => {
  it("has no report claiming archived evidence beside 未上传佐证材料 (a report without attachments says nothing of evidence)", async () => {
    const reports = [];
    for (let page = 1; ; page++) {
      const batch = (await office.get(`/api/campaign/reports?campaign=${campaignId}&pageSize=100&page=${page}`)).json();
      reports.push(...(batch.items as { text: string; attachments: unknown[] }[]));
      if (reports.length >= batch.total || batch.items.length === 0) break;
    }
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((report) => report.attachments.length === 0 && /佐证材料已/.test(report.text))).toEqual([]);
  });

  it("gives DOMAIN.md's campaign figures through GET /api/figures", async () => {
    const response = (await office.get("/api/figures")).json();
    expect(response.org.name).toBe("河津市");
    expect(response.figures).toMatchObject(expected);
  });

  it("opens each figure as the list of exactly the records it counts", async () => {
    const figures = (await office.get(`/api/campaign/campaigns/${campaignId}/figures`)).json().items;
    expect(Object.fromEntries(figures.map((f: { key: string; value: number }) => [f.key, f.value]))).toEqual(expected);
    for (const figure of figures as { key: string; value: number; href: string }[]) {
      const list = (await office.get(`${figure.href}${figure.href.includes("?") ? "&" : "?"}${figure.href.includes("aspects") || figure.href.includes("items?") || figure.href.includes("task-forces") || figure.href.includes("topic-units") ? "" : "pageSize=1"}`)).json();
      expect([figure.key, list.total]).toEqual([figure.key, figure.value]);
    }
  });

  it("has each standing committee member leading one 工程, some work late, and a consistent battle map", async () => {
    const leader = await t.login("leader.city", DEFAULT_DEMO_PASSWORD);
    const map = (await leader.get(`/api/campaign/campaigns/${campaignId}/battle-map`)).json();
    expect(map.items.length).toBe(134);
    expect(map.items[0].own).toBe(true);
    const programs = map.items.filter((i: { level: string }) => i.level === "program");
    expect(new Set(programs.map((p: { leader: { id: number } }) => p.leader.id)).size).toBe(10);
    expect(map.summary.byLight.red).toBeGreaterThan(0);
    expect(map.summary.byLight.green).toBeGreaterThan(0);
    expect(map.summary.byStatus.done).toBeGreaterThan(0);
    const rates = (await office.get(`/api/campaign/campaigns/${campaignId}/rates?by=leader`)).json();
    const rated = rates.items.find((i: { completionRate: number | null }) => i.completionRate !== null);
    const drill = (await office.get(`${rated.hrefs.onTime}&pageSize=1`)).json();
    expect(drill.total).toBe(rated.onTime);
  });

  it("shows the unit account its own unit's projects only", async () => {
    const unit = await t.login("unit.zzb", DEFAULT_DEMO_PASSWORD);
    const me = (await unit.get("/api/campaign/me")).json();
    expect(me.units.map((u: { name: string }) => u.name)).toEqual(["市委组织部"]);
    const list = (await unit.get(`/api/campaign/projects?campaign=${campaignId}&pageSize=500`)).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((p: { leadUnit: { id: number } | null; cooperatingUnits: { id: number }[] }) => p.leadUnit?.id === me.units[0].id || p.cooperatingUnits.some((u) => u.id === me.units[0].id))).toBe(true);
  });
});
