import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepOverdue } from "../modules/problems/service";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config";
import { freshDatabase } from "../test/database";
import { createTestContext, type Session, type TestContext } from "../test/harness";
import { loadDemoCity } from "./generate";
import { loadDemoProblems, type DemoProblemsResult } from "./problems";

/** The demo city's problem figures (DOMAIN.md mechanism 2), computed from the loaded records. */
const now = new Date("2026-06-01T09:00:00+08:00");
let t: TestContext;
let office: Session;
let loaded: DemoProblemsResult;

beforeAll(async () => {
  const database = await freshDatabase();
  const { cityId } = await loadDemoCity(database.db, { password: DEFAULT_DEMO_PASSWORD, now });
  loaded = await loadDemoProblems(database.db, { cityId, now });
  t = await createTestContext({}, database);
  t.clock.set(now);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
});
afterAll(async () => t.close());

describe("the demo city's problems", () => {
  it("reproduces the article's figures", async () => {
    const figures = (await office.get("/api/figures")).json().figures;
    expect(figures["problems.clues"]).toBeGreaterThanOrEqual(1100);
    expect(figures["problems.total"]).toBeGreaterThanOrEqual(6360);
    expect(figures["problems.commonLists"]).toBe(9);
    expect(figures["problems.disclosedLists"]).toBe(5);
    expect([figures["problems.clues"], figures["problems.total"]]).toEqual([loaded.clues, loaded.problems]);
    for (const rate of ["problems.closureRate", "problems.onTimeClosureRate", "problems.reworkRate"]) {
      expect(figures[rate]).toBeGreaterThan(0);
      expect(figures[rate]).toBeLessThanOrEqual(100);
    }
    expect(figures["problems.closureRate"]).toBeGreaterThan(figures["problems.onTimeClosureRate"]);
    expect(figures["problems.overdue"]).toBeGreaterThan(0);
  });

  it("spreads problems over every township, channel, source, category and state, with escalated ones", async () => {
    const rows = (await t.db.execute(sql`
      SELECT count(DISTINCT channel)::int AS channels, count(DISTINCT source)::int AS sources, count(DISTINCT category)::int AS categories,
             count(DISTINCT status)::int AS statuses, count(DISTINCT node_id)::int AS places,
             count(*) FILTER (WHERE escalation_level > 0)::int AS escalated, count(*) FILTER (WHERE rework_count > 0)::int AS reworked
      FROM problems`)) as unknown as { rows: Record<string, number>[] };
    expect(rows.rows[0]).toMatchObject({ channels: 7, sources: 4, categories: 9, statuses: 8 });
    expect(rows.rows[0]!.places).toBeGreaterThan(150);
    expect(rows.rows[0]!.escalated).toBeGreaterThan(0);
    expect(rows.rows[0]!.reworked).toBeGreaterThan(0);
    const city = (await office.get("/api/figures")).json();
    const townships = (await office.get(`/api/orgs/${city.org.id}/children?limit=50`)).json().items;
    let total = 0;
    for (const township of townships) {
      const figures = (await office.get(`/api/figures?org=${township.id}`)).json().figures;
      expect(figures["problems.total"]).toBeGreaterThan(100);
      total += figures["problems.total"];
      for (const key of ["problems.total", "problems.closed", "problems.overdue"]) {
        expect((await office.get(`/api/problems?org=${township.id}&figure=${key}&pageSize=1`)).json().total).toBe(figures[key]);
      }
    }
    expect(total).toBe(city.figures["problems.total"]);
  });

  it("is what the overdue sweep would have made of it, and shows its disclosed lists to the public", async () => {
    expect(await sweepOverdue(t.db, t.clock)).toMatchObject({ changed: 0, escalated: 0 });
    const lists = (await t.app.inject({ method: "GET", url: "/api/public/problem-lists?city=hejin" })).json();
    expect(lists.total).toBe(5);
    expect(lists.items.every((list: { itemCount: number }) => list.itemCount > 0)).toBe(true);
    const common = (await office.get("/api/common-lists?status=published")).json();
    expect(common.total).toBe(9);
    expect(common.items.every((list: { placeCount: number }) => list.placeCount >= 5)).toBe(true);
    expect((await office.get("/api/negative-lists")).json().total).toBeGreaterThan(0);
    expect((await office.get("/api/problems/supervision?pageSize=1")).json().total).toBeGreaterThan(0);
  });

  it("shows on each problem the percent of its last report (the review found 72 % beside a report of 50 %)", async () => {
    const result = (await t.db.execute(sql`
      SELECT count(*) FILTER (WHERE p.status IN ('rectifying', 'returned'))::int AS rectifying,
             count(*) FILTER (WHERE p.status IN ('rectifying', 'returned') AND p.progress <> coalesce(
               (SELECT (e.data->>'progress')::int FROM problem_events e WHERE e.problem_id = p.id AND e.action = 'progress' ORDER BY e.at DESC, e.id DESC LIMIT 1), 0))::int AS rectifying_off,
             count(*) FILTER (WHERE p.status IN ('submitted', 'closed') AND p.progress <> 100)::int AS handed_in_off,
             count(*) FILTER (WHERE p.status IN ('registered', 'assigned') AND p.progress <> 0)::int AS unstarted_off
      FROM problems p`)) as unknown as { rows: Record<string, number>[] };
    expect(result.rows[0]!.rectifying).toBeGreaterThan(0);
    expect(result.rows[0]).toMatchObject({ rectifying_off: 0, handed_in_off: 0, unstarted_off: 0 });
  });
});
