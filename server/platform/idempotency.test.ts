import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments, idempotencyKeys } from "../db/schema";
import { auditCount, createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../test/harness";
import { IDEMPOTENCY_TTL_MS, requestFingerprint } from "./idempotency";

/**
 * `Idempotency-Key` on the real API: a retry of a create answers the first result and makes nothing, a
 * key reused for another request is 422, concurrent duplicates make one record, a refused request keeps
 * nothing, a day later the key is free. The hook is checked on every POST route of the API document.
 */
let t: TestContext;
let city: SmallCity;
let worker: Session;
let secretary: Session;
let roadType: number;
let keySeq = 0;
const newKey = () => `test-key-${Date.now()}-${++keySeq}`;
const node = (code: string) => city.nodes.get(code)!.id;
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function count(table: "events" | "problems" | "persons" | "event_photos"): Promise<number> {
  const result = (await t.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

const keyed = (session: Session, url: string, body: unknown, key: string) => session.request({ method: "POST", url, payload: body as object, headers: { "idempotency-key": key } });
const keyedPublic = (url: string, body: unknown, key: string) => t.app.inject({ method: "POST", url, payload: body as object, headers: { "idempotency-key": key } });

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const [department] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: node("C"), code: "D10", name: "市交通运输局" }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: department!.id, code: "D10-F1", name: "道路设施养护" }).returning();
  const admin = await t.login("campaign_admin");
  const type = await admin.post("/api/event-types", { code: "ROAD", name: "道路破损", category: "城市管理", functionIds: [fn!.id] });
  expect(type.statusCode).toBe(201);
  roadType = type.json().id;
  const square = [[[110, 35], [110.1, 35], [110.1, 35.1], [110, 35.1], [110, 35]]];
  const imported = await admin.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "T1V1G1M1", name: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: square } }] });
  expect(imported.statusCode).toBe(200);
  worker = await t.login("grid_worker");
  secretary = await t.login("village_secretary");
});
afterAll(async () => t.close());

describe("Idempotency-Key on creates", () => {
  it("answers a retried event report with the first answer and makes one event, one audit entry", async () => {
    const key = newKey();
    const body = { typeId: roadType, nodeId: node("T1V1G1M1"), description: "路面塌陷，离线上报", photos: [PNG, PNG] };
    const [events, photos, audits] = [await count("events"), await count("event_photos"), await auditCount(t.db)];
    const first = await keyed(worker, "/api/events", body, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const again = await keyed(worker, "/api/events", body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(await count("events")).toBe(events + 1);
    expect(await count("event_photos")).toBe(photos + 2);
    const afterFirst = await auditCount(t.db);
    expect(afterFirst).toBeGreaterThan(audits);
    await keyed(worker, "/api/events", body, key);
    expect(await auditCount(t.db)).toBe(afterFirst);
  });

  it("refuses the same key with another body (422) and creates nothing", async () => {
    const key = newKey();
    const body = { typeId: roadType, nodeId: node("T1V1G1M1"), description: "路灯不亮" };
    expect((await keyed(worker, "/api/events", body, key)).statusCode).toBe(201);
    const before = await count("events");
    const other = await keyed(worker, "/api/events", { ...body, description: "路灯不亮，已三天" }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("idempotency_key_reused");
    const otherRoute = await keyed(worker, "/api/problems", { nodeId: node("T1V1G1M1"), channel: "household_visit", source: "self", category: "safety", title: "井盖", description: "井盖缺失" }, key);
    expect(otherRoute.statusCode).toBe(422);
    expect(await count("events")).toBe(before);
  });

  it("makes one record of concurrent duplicates, each answered with it", async () => {
    const key = newKey();
    const body = { nodeId: node("T1V1G1M1"), channel: "household_visit", source: "self", category: "safety", title: "井盖缺失", description: "入户走访发现井盖缺失" };
    const before = await count("problems");
    const answers = await Promise.all([1, 2, 3, 4].map(() => keyed(secretary, "/api/problems", body, key)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(await count("problems")).toBe(before + 1);
  });

  it("keeps the key per account: another account's request with the same key is its own", async () => {
    const key = newKey();
    const body = { nodeId: node("T1V1G1M1"), name: "李四", gender: "M" };
    const before = await count("persons");
    const mine = await keyed(secretary, "/api/persons", body, key);
    const theirs = await keyed(await t.login("township_cadre"), "/api/persons", body, key);
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(await count("persons")).toBe(before + 2);
  });

  it("keeps nothing for a refused request, so its corrected retry with the same key goes through", async () => {
    const key = newKey();
    const before = await count("events");
    const refused = await keyed(worker, "/api/events", { typeId: roadType, nodeId: node("T2V1G1M1"), description: "别处" }, key);
    expect(refused.statusCode).toBe(404);
    const invalid = await keyed(worker, "/api/events", { typeId: roadType, description: "没有位置" }, key);
    expect(invalid.statusCode).toBe(400);
    const fixed = await keyed(worker, "/api/events", { typeId: roadType, nodeId: node("T1V1G1M1"), description: "补上位置" }, key);
    expect(fixed.statusCode).toBe(201);
    expect(await count("events")).toBe(before + 1);
  });

  it("takes a resident's report with photos once, and frees the key after 24 hours", async () => {
    const key = newKey();
    const body = { city: "testcity", typeId: roadType, description: "小区门口路面塌陷", lon: 110.05, lat: 35.05, photos: [PNG, PNG, PNG] };
    const before = await count("events");
    const first = await keyedPublic("/api/public/events", body, key);
    expect(first.statusCode).toBe(201);
    const again = await keyedPublic("/api/public/events", body, key);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect(await count("events")).toBe(before + 1);
    const tracked = await t.app.inject({ method: "GET", url: `/api/public/events/${first.json().trackingCode}` });
    expect(tracked.statusCode).toBe(200);
    t.clock.advance(IDEMPOTENCY_TTL_MS + 60_000);
    const nextDay = await keyedPublic("/api/public/events", body, key);
    expect(nextDay.statusCode).toBe(201);
    expect(nextDay.json().trackingCode).not.toBe(first.json().trackingCode);
    expect(await count("events")).toBe(before + 2);
    worker = await t.login("grid_worker");
    secretary = await t.login("village_secretary");
  });

  // What a process that died between committing the record and keeping its answer leaves: the key row
  // with the committed outcome and no answer. Made by running the request, then taking the answer away.
  async function crashBeforeAnswer(scope: string, key: string): Promise<void> {
    await t.db.update(idempotencyKeys).set({ statusCode: null, contentType: null, body: null }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  }

  it("does not report an event twice when the server died after committing it, before answering", async () => {
    const key = newKey();
    const body = { typeId: roadType, nodeId: node("T1V1G1M1"), description: "路面塌陷，回执丢失", lon: 110.05, lat: 35.05, photos: [PNG, PNG] };
    const [events, photos, audits] = [await count("events"), await count("event_photos"), await auditCount(t.db)];
    const first = await keyed(worker, "/api/events", body, key);
    expect(first.statusCode).toBe(201);
    await crashBeforeAnswer(`u${city.accounts.get("grid_worker")}`, key);
    // Past the time a running request may take, the retry takes the key over.
    t.clock.advance(6 * 60_000);
    const retry = await keyed(worker, "/api/events", body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await count("events")).toBe(events + 1);
    expect(await count("event_photos")).toBe(photos + 2);
    expect(await auditCount(t.db)).toBe(audits + 1);
    const again = await keyed(worker, "/api/events", body, key);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(await count("events")).toBe(events + 1);
  });

  it("does not take a resident's report or a problem twice after such a crash", async () => {
    const publicKey = newKey();
    const publicBody = { city: "testcity", typeId: roadType, description: "路灯不亮，回执丢失", lon: 110.02, lat: 35.02, photos: [PNG] };
    const problemKey = newKey();
    const problemBody = { nodeId: node("T1V1G1M1"), channel: "household_visit", source: "self", category: "safety", title: "护栏缺失", description: "回执丢失后重试" };
    const [events, problems] = [await count("events"), await count("problems")];
    const firstPublic = await keyedPublic("/api/public/events", publicBody, publicKey);
    const firstProblem = await keyed(secretary, "/api/problems", problemBody, problemKey);
    expect([firstPublic.statusCode, firstProblem.statusCode]).toEqual([201, 201]);
    await crashBeforeAnswer("public", publicKey);
    await crashBeforeAnswer(`u${city.accounts.get("village_secretary")}`, problemKey);
    t.clock.advance(6 * 60_000);
    const retryPublic = await keyedPublic("/api/public/events", publicBody, publicKey);
    const retryProblem = await keyed(secretary, "/api/problems", problemBody, problemKey);
    expect(retryPublic.json().trackingCode).toBe(firstPublic.json().trackingCode);
    expect(retryProblem.json().id).toBe(firstProblem.json().id);
    expect(await count("events")).toBe(events + 1);
    expect(await count("problems")).toBe(problems + 1);
  });

  it("runs a request again when its process died before committing anything", async () => {
    const key = newKey();
    const body = { typeId: roadType, nodeId: node("T1V1G1M1"), description: "井盖松动" };
    const before = await count("events");
    const scope = `u${city.accounts.get("grid_worker")}`;
    await t.db.insert(idempotencyKeys).values({ scope, key, requestHash: requestFingerprint("POST", "/api/events", body), createdAt: t.clock.now() });
    t.clock.advance(6 * 60_000);
    const retry = await keyed(worker, "/api/events", body, key);
    expect(retry.statusCode).toBe(201);
    expect(await count("events")).toBe(before + 1);
  });

  it("refuses a malformed key with 400 and the field named", async () => {
    const bad = await keyed(worker, "/api/events", { typeId: roadType, nodeId: node("T1V1G1M1"), description: "x" }, "short");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: "Idempotency-Key" })]);
  });
});

describe("every POST route of the API honours the key", () => {
  const operations = () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    return Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/") && !path.startsWith("/api/auth/"))
      .flatMap(([path, methods]) => (methods.post ? [{ path, url: path.replace(/\{[^}]+\}/g, "1"), creates: "201" in (methods.post.responses ?? {}) }] : []));
  };

  it("covers every create route (201) and every other POST", () => {
    const creates = operations().filter((op) => op.creates);
    expect(creates.length).toBeGreaterThan(50);
    expect(creates.map((op) => op.path)).toEqual(expect.arrayContaining(["/api/events", "/api/public/events", "/api/problems", "/api/public/problems", "/api/pairing/visits", "/api/persons"]));
  });

  // The first answer is put in place as the hook itself keeps it; the route's handler never runs on a
  // replay, so the route's own body rules do not matter here: only that the hook stands in front of it.
  it("replays a kept answer and refuses another body with 422, on each route, signed in or public", async () => {
    const accountId = city.accounts.get("campaign_admin")!;
    const admin = await t.login("campaign_admin");
    for (const op of operations()) {
      const key = newKey();
      const isPublic = op.path.startsWith("/api/public/");
      const body = { probe: op.path };
      const kept = JSON.stringify({ id: 424242, route: op.path });
      await t.db.insert(idempotencyKeys).values({
        scope: isPublic ? "public" : `u${accountId}`,
        key,
        requestHash: requestFingerprint("POST", op.url, body),
        statusCode: op.creates ? 201 : 200,
        contentType: "application/json; charset=utf-8",
        body: kept,
        createdAt: t.clock.now(),
      });
      const send = (payload: unknown) => (isPublic ? keyedPublic(op.url, payload, key) : keyed(admin, op.url, payload, key));
      const replay = await send(body);
      expect([op.path, replay.statusCode, replay.body]).toEqual([op.path, op.creates ? 201 : 200, kept]);
      const other = await send({ probe: `${op.path}?other` });
      expect([op.path, other.statusCode]).toEqual([op.path, 422]);
    }
  });
});
