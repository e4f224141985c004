import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOTAL_CAP } from "../../shared/schemas/common";
import { seedEventCatalogue } from "../test/events-fixture";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../test/harness";

/**
 * Deep pages by cursor (keyset) on the events and problems lists: walking a list page by page while
 * others keep adding records returns every record that was there exactly once, and the totals are
 * exact up to TOTAL_CAP and "10,000+" beyond.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let typeId: number;

const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  typeId = await seedEventCatalogue(t, city, admin);
});
afterAll(async () => t.close());

let serial = 0;
async function newEvent(lon = 110.05): Promise<number> {
  serial++;
  const created = await admin.post("/api/events", { typeId, description: `第${serial}件 路灯不亮`, lon, lat: 35.05 });
  expect(created.statusCode).toBe(201);
  return created.json().id;
}

async function newProblem(code: string, foundOn: string): Promise<number> {
  serial++;
  const created = await admin.post("/api/problems", { nodeId: node(code), channel: "symposium", source: "self", category: "governance", title: `问题${serial}`, description: `描述${serial}`, foundOn });
  expect(created.statusCode).toBe(201);
  return created.json().id;
}

/** Walks a list by cursor, calling `between` after each page; the ids in the order they came. */
async function walk(url: string, between: () => Promise<unknown>): Promise<{ ids: number[]; pages: number; totals: number[] }> {
  const ids: number[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await admin.get(`${url}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: { id: number }[]; nextCursor: string | null; total: number; totalCapped: boolean };
    expect(body.totalCapped).toBe(false);
    ids.push(...body.items.map((item) => item.id));
    totals.push(body.total);
    cursor = body.nextCursor;
    pages++;
    await between();
  } while (cursor && pages < 100);
  return { ids, pages, totals };
}

describe("events by cursor", () => {
  it("returns every event exactly once, newest first, while new events keep arriving; events reported in the same instant included", async () => {
    const existing: number[] = [];
    // Five instants, three events each: ties on the reporting time are ordered by id.
    for (let minute = 0; minute < 5; minute++) {
      t.clock.set(new Date(Date.parse("2026-06-01T09:00:00+08:00") + minute * 60_000));
      for (let n = 0; n < 3; n++) existing.push(await newEvent());
    }
    const added: number[] = [];
    const { ids, pages, totals } = await walk(`/api/events?org=${node("T1")}&pageSize=4`, async () => added.push(await newEvent()));
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(existing);
    expect(ids).toEqual([...existing].reverse());
    // The totals are exact and count what arrived meanwhile.
    expect(totals).toEqual([15, 16, 17, 18]);
    // Nothing outside the node: events in the other township are not listed.
    const elsewhere = await newEvent(111.05);
    const everything = (await admin.get(`/api/events?org=${node("T1")}&pageSize=200`)).json();
    expect(everything.items.map((item: { id: number }) => item.id)).not.toContain(elsewhere);
    expect(everything.total).toBe(15 + added.length);
  });

  it("continues a filtered list (by stage) and refuses a cursor that is not one", async () => {
    const registered = (await admin.get(`/api/events?org=${node("T1")}&stage=reported&pageSize=3`)).json();
    const next = (await admin.get(`/api/events?org=${node("T1")}&stage=reported&pageSize=3&cursor=${registered.nextCursor}`)).json();
    expect(next.items.every((item: { stage: string }) => item.stage === "reported")).toBe(true);
    expect(next.items[0].id).toBeLessThan(registered.items[2].id);
    const bad = await admin.get(`/api/events?cursor=abc`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("cursor");
  });
});

describe("problems by cursor", () => {
  it("returns every problem exactly once in both cursor orders while problems are added", async () => {
    const existing: number[] = [];
    for (let n = 0; n < 11; n++) existing.push(await newProblem("T1V1", `2026-05-${String(10 + (n % 4)).padStart(2, "0")}`));
    for (const sort of ["recent", "found"]) {
      const { ids } = await walk(`/api/problems?org=${node("T1V1")}&sort=${sort}&pageSize=3`, () => newProblem("T1V1", "2026-05-01"));
      const seen = ids.filter((id) => existing.includes(id));
      expect([sort, new Set(ids).size]).toEqual([sort, ids.length]);
      expect([sort, [...seen].sort((a, b) => a - b)]).toEqual([sort, existing]);
    }
    const deadline = await admin.get(`/api/problems?org=${node("T1V1")}&sort=deadline&cursor=${existing[0]}`);
    expect(deadline.statusCode).toBe(400);
    expect(deadline.json().error.fields[0].field).toBe("cursor");
  });

  it("counts exactly up to 10,000 and says 10,000+ beyond", async () => {
    const micro = city.nodes.get("T2V2G1M1")!;
    // Set-based fixture: ten thousand and five problems are written in one statement, as a province's import would.
    await t.db.execute(sql`
      INSERT INTO problems (city_id, node_id, channel, source, category, title, description, found_on)
      SELECT ${city.cityId}, ${micro.id}, 'symposium', 'self', 'governance', '批量问题' || n, '描述', DATE '2026-04-01'
      FROM generate_series(1, ${TOTAL_CAP + 5}) n`);
    const many = (await admin.get(`/api/problems?org=${micro.id}&pageSize=1`)).json();
    expect([many.total, many.totalCapped]).toEqual([TOTAL_CAP, true]);
    const few = (await admin.get(`/api/problems?org=${node("T1V1")}&pageSize=1`)).json();
    expect(few.totalCapped).toBe(false);
    expect(few.total).toBeLessThan(TOTAL_CAP);
  });
});
