import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedEventCatalogue } from "../test/events-fixture";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../test/harness";
import { ok } from "../test/http";
import { shapeOf } from "./prepared";

/**
 * Statements prepared once per shape (platform/prepared.ts): a shape names everything a filter's SQL
 * depends on and nothing else, and lists of one shape with other values each answer their own records.
 */
describe("a filter's shape", () => {
  it("masks values, keeps what chooses SQL: falsy values, booleans, lengths and the named keys", () => {
    const shape = (filter: object) => shapeOf(filter, ["light"]);
    expect(shape({ cityId: 7, stage: "handling", light: "red", open: true })).toBe('{"cityId":"?","stage":"?","light":"red","open":true}');
    expect(shape({ cityId: 7, stage: "handling" })).toBe(shape({ cityId: 9, stage: "closed" }));
    expect(shape({ typeId: 0 })).not.toBe(shape({ typeId: 3 }));
    expect(shape({ q: "" })).not.toBe(shape({ q: "灯" }));
    expect(shape({ scope: { all: false, paths: ["/1/"] } })).not.toBe(shape({ scope: { all: false, paths: ["/1/", "/2/"] } }));
    expect(shape({ scope: { all: false, paths: [] } })).not.toBe(shape({ scope: { all: true } }));
    expect(shape({ light: "red" })).not.toBe(shape({ light: "green" }));
    expect(shape({ from: new Date("2026-01-01") })).toBe(shape({ from: new Date("2026-06-01") }));
    expect(shape({})).not.toBe(shape({ from: new Date("2026-01-01") }));
  });
});

describe("lists of one shape with other values", () => {
  let t: TestContext;
  let city: SmallCity;
  let admin: Session;
  const node = (code: string) => city.nodes.get(code)!.id;

  beforeAll(async () => {
    t = await createTestContext();
    city = await seedSmallCity(t.db);
    t.clock.set("2026-06-01T09:00:00+08:00");
    admin = await t.login("campaign_admin");
    const typeId = await seedEventCatalogue(t, city, admin);
    // T1's micro-grid gets two, T2's one: lon 110–110.1 and 111–111.1.
    for (const [lon, description] of [[110.05, "一号路灯"], [110.06, "二号路灯"], [111.05, "三号路灯"]] as const) {
      await ok(admin.post("/api/events", { typeId, description, lon, lat: 35.05 }), 201);
    }
  });
  afterAll(async () => t.close());

  const descriptions = async (path: string) =>
    (await ok<{ items: { description: string }[] }>(admin.get(path))).items.map((item) => item.description).sort();

  it("each answer their own records, in any order", async () => {
    for (let round = 0; round < 2; round++) {
      expect(await descriptions(`/api/events?org=${node("T1")}`)).toEqual(["一号路灯", "二号路灯"]);
      expect(await descriptions(`/api/events?org=${node("T2")}`)).toEqual(["三号路灯"]);
      expect(await descriptions(`/api/events?org=${node("T1")}&q=${encodeURIComponent("一号")}`)).toEqual(["一号路灯"]);
      expect(await descriptions(`/api/events?org=${node("T2")}&q=${encodeURIComponent("一号")}`)).toEqual([]);
      expect(await descriptions(`/api/events?org=${node("T1")}&stage=reported`)).toEqual(["一号路灯", "二号路灯"]);
      expect(await descriptions(`/api/events?org=${node("T1")}&stage=closed`)).toEqual([]);
    }
  });

  it("of problems, each answer their own village's, in any order", async () => {
    for (const [village, title] of [["T1V1", "村道破损"], ["T2V1", "垃圾未清运"]] as const) {
      await ok(admin.post("/api/problems", { nodeId: node(village), channel: "hotline", source: "residents", category: "infrastructure", title, description: `${title}，群众反映` }), 201);
    }
    const titles = async (village: string, extra = "") =>
      (await ok<{ items: { title: string }[] }>(admin.get(`/api/problems?org=${node(village)}${extra}`))).items.map((item) => item.title);
    for (let round = 0; round < 2; round++) {
      expect(await titles("T1V1")).toEqual(["村道破损"]);
      expect(await titles("T2V1")).toEqual(["垃圾未清运"]);
      expect(await titles("T1V1", `&q=${encodeURIComponent("垃圾")}`)).toEqual([]);
      expect(await titles("T2V1", `&q=${encodeURIComponent("垃圾")}`)).toEqual(["垃圾未清运"]);
    }
  });

  it("page by cursor with the cursor's own value each time", async () => {
    const first = await ok<{ items: { description: string }[]; nextCursor: string }>(admin.get(`/api/events?org=${node("C")}&pageSize=1`));
    const second = await ok<{ items: { description: string }[]; nextCursor: string }>(admin.get(`/api/events?org=${node("C")}&pageSize=1&cursor=${first.nextCursor}`));
    const third = await ok<{ items: { description: string }[]; nextCursor: string | null }>(admin.get(`/api/events?org=${node("C")}&pageSize=1&cursor=${second.nextCursor}`));
    expect([...first.items, ...second.items, ...third.items].map((item) => item.description)).toEqual(["三号路灯", "二号路灯", "一号路灯"]);
    expect(third.nextCursor).toBeNull();
  });
});
