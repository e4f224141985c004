import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { CHINA_2026 } from "../platform/calendar/holidays";
import { seedYear } from "../platform/calendar/service";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config";
import { freshDatabase } from "../test/database";
import { createTestContext, type Session, type TestContext } from "../test/harness";
import { loadDemoEvents, type DemoEventsResult } from "./events";
import { loadDemoCity } from "./generate";

/** The demo city's year of grid events: its volume, spread and figures, computed from its records. */
let t: TestContext;
let office: Session;
let result: DemoEventsResult;
const now = new Date("2026-06-01T09:00:00+08:00");

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  const database = await freshDatabase();
  const { cityId } = await loadDemoCity(database.db, { password: DEFAULT_DEMO_PASSWORD, now });
  await seedYear(database.db, cityId, 2026, CHINA_2026, now);
  result = await loadDemoEvents(database.db, { cityId, now });
  t = await createTestContext({}, database);
  t.clock.set(now);
  office = await t.login("admin.office", DEFAULT_DEMO_PASSWORD);
});
afterAll(async () => t.close());

describe("the demo events", () => {
  it("loads a year of events, each with its steps (how long it takes is measured by npm run bench)", () => {
    expect(result.events).toBeGreaterThan(14_000);
    expect(result.steps).toBeGreaterThan(result.events * 4);
  });

  it("resolves 480+ conflicts and hazards (矛盾隐患), as the events list shows (the register's figure is the pairing demo's)", async () => {
    expect(result.conflictsResolved).toBeGreaterThanOrEqual(480);
    const figures = (await office.get("/api/figures")).json().figures;
    expect((await office.get("/api/events?drill=conflicts_resolved&pageSize=1")).json().total).toBe(result.conflictsResolved);
    expect(figures["events.total"]).toBe(result.events);
  });

  it("spreads the events over every township, most months, every stage, and keeps the rates realistic", async () => {
    const stats = (await office.get("/api/events/stats")).json();
    expect(stats.children).toHaveLength(9);
    expect(stats.children.every((row: { counts: { total: number } }) => row.counts.total > 500)).toBe(true);
    const { byStage, open, overdue } = stats.self.counts;
    for (const stage of ["reported", "dispatching", "dispatched", "handling", "checking", "closed", "evaluated", "rejected"]) expect([stage, byStage[stage] > 0]).toEqual([stage, true]);
    expect(open).toBeLessThan(result.events * 0.1);
    expect(overdue).toBeGreaterThan(0);
    const rates = stats.self.rates;
    for (const [name, low, high] of [
      ["onTimeDispatch", 85, 100],
      ["accurateDispatch", 90, 99.5],
      ["onTimeHandling", 75, 98],
      ["closure", 90, 100],
      ["onTimeClosure", 70, 99],
      ["rework", 2, 10],
      ["satisfaction", 88, 99],
    ] as const) {
      expect([name, rates[name] >= low && rates[name] <= high]).toEqual([name, true]);
    }
    const months = await rows<{ month: string; n: number }>(t.db, sql`SELECT to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS n FROM events GROUP BY 1 ORDER BY 1`);
    expect(months.length).toBeGreaterThanOrEqual(12);
    const july = months.find((row) => row.month === "2025-07")!.n;
    const february = months.find((row) => row.month === "2026-02")!.n;
    expect(july).toBeGreaterThan(february * 1.5);
  });

  it("differs by department, with summons answered and rated", async () => {
    const departments = (await office.get("/api/events/stats/departments")).json().items as { rates: { onTimeHandling: number | null; response: number | null }; counts: { summoned: number } }[];
    const handling = departments.map((row) => row.rates.onTimeHandling).filter((rate): rate is number => rate !== null);
    expect(Math.max(...handling) - Math.min(...handling)).toBeGreaterThan(5);
    expect(departments.some((row) => row.counts.summoned > 0 && row.rates.response !== null)).toBe(true);
  });

  it("places every event at a micro-grid whose boundary holds its point, and lists the open overdue ones in red", async () => {
    const misplaced = await rows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM events e JOIN org_nodes n ON n.id = e.node_id
          WHERE n.kind <> 'micro_grid'
             OR e.lon < (n.boundary->'coordinates'->0->0->>0)::float8 OR e.lon > (n.boundary->'coordinates'->0->2->>0)::float8
             OR e.lat < (n.boundary->'coordinates'->0->0->>1)::float8 OR e.lat > (n.boundary->'coordinates'->0->2->>1)::float8`,
    );
    expect(misplaced[0]!.n).toBe(0);
    const red = (await office.get("/api/events?light=red&pageSize=5")).json();
    expect(red.total).toBeGreaterThan(0);
    expect(red.items[0].timer.light).toBe("red");
    const map = (await office.get("/api/events/map?open=true")).json();
    expect(map.items.some((point: { light: string }) => point.light === "red")).toBe(true);
  });

  it("answers Open311 with the demo key and lists the recent public requests", async () => {
    const services = await t.app.inject({ method: "GET", url: "/open311/v2/services.json" });
    expect(services.json().length).toBe(31);
    const requests = (await t.app.inject({ method: "GET", url: "/open311/v2/requests.json?jurisdiction_id=hejin" })).json() as { service_request_id: number }[];
    // Only what the city publishes by default: requests from the public side and Open311 of the last 90 days, conflicts left out.
    const [published] = await rows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM events e JOIN event_types ty ON ty.id = e.event_type_id
          WHERE e.source IN ('public', 'open311') AND NOT ty.conflict AND e.deleted_at IS NULL
            AND e.reported_at >= ${new Date(now.getTime() - 90 * 86_400_000)} AND e.reported_at <= ${now}`,
    );
    expect(published!.n).toBeGreaterThan(100);
    expect(requests.length).toBe(Math.min(published!.n, 1000));
    const [staff] = await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM events WHERE source = 'staff' AND id IN (${sql.join(requests.map((r) => sql`${r.service_request_id}`), sql`, `)})`);
    expect(staff!.n).toBe(0);
    const created = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      payload: "api_key=hejin-open311-demo&service_code=ET04&lat=35.61&long=110.7&description=%E8%B7%AF%E9%9D%A2%E5%9D%91%E6%B4%BC&attribute[SIZE]=M",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(created.statusCode).toBe(200);
  });
});
