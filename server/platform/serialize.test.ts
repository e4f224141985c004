import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cursorPageOf } from "../../shared/schemas/common";
import { EventSummary } from "../../shared/schemas/events";
import { Problem } from "../../shared/schemas/problems";
import { seedEventCatalogue } from "../test/events-fixture";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../test/harness";

/**
 * The hot lists (events, problems) are serialised by compiled functions (platform/serialize.ts): their
 * text must be exactly what the zod serializer made of the same answer, nulls, timers and all.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  const typeId = await seedEventCatalogue(t, city, admin);
  expect((await admin.post("/api/events", { typeId, description: "路灯不亮 \"引号\" </script>", lon: 110.05, lat: 35.05 })).statusCode).toBe(201);
  expect((await admin.post("/api/events", { typeId, description: "第二件", lon: 111.05, lat: 35.05 })).statusCode).toBe(201);
  const problem = { nodeId: city.nodes.get("T1V1")!.id, channel: "symposium", source: "self", category: "governance", title: "问题\n换行", description: "描述" };
  expect((await admin.post("/api/problems", problem)).statusCode).toBe(201);
});
afterAll(async () => t.close());

describe("compiled list serialisation", () => {
  it.each([
    ["/api/events?pageSize=1", cursorPageOf(EventSummary)],
    ["/api/events", cursorPageOf(EventSummary)],
    ["/api/problems", cursorPageOf(Problem)],
  ] as const)("%s sends the text the zod serializer would", async (url, schema) => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const body = response.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(response.body).toBe(JSON.stringify(schema.parse(body)));
  });
});
