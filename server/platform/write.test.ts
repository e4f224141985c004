import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons } from "../db/schema";
import { createTestContext, seedSmallCity, type SmallCity, type TestContext } from "../test/harness";
import type { RequestContext } from "./context";
import { AppError } from "./errors";
import { insertUnnest } from "../db/unnest";
import { write, writeBatched, type BatchStatement } from "./write";

/**
 * The write path under concurrency: writes that arrive together share transactions (group commit),
 * yet each one succeeds or fails on its own, with its own audit entry.
 */
let t: TestContext;
let city: SmallCity;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
});
afterAll(async () => t.close());

function contextOf(username: string, userId: number): RequestContext {
  return {
    db: t.db,
    clock: t.clock,
    config: t.config,
    modules: t.app.modules,
    actor: { userId, username, displayName: username, cityId: city.cityId, mustChangePassword: false, grants: [], sessionId: "test", csrfToken: "test" },
    ip: "127.0.0.1",
    audited: false,
  };
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Adds a resident in a write, noting the transaction it ran in. */
function addResident(ctx: RequestContext, name: string, fail = false) {
  return write(ctx, async (tx, audit) => {
    const [{ txid }] = ((await tx.execute(sql`SELECT txid_current()::text AS txid`)) as unknown as { rows: { txid: string }[] }).rows as [{ txid: string }];
    const [person] = await tx.insert(persons).values({ cityId: city.cityId, nodeId: city.nodes.get("T1V1G1M1")!.id, name, gender: "F" }).returning({ id: persons.id });
    if (fail) throw new AppError(409, "test_conflict", `${name} conflicts`);
    audit({ action: "person.create", entity: "person", entityId: person!.id, cityId: city.cityId, after: { name } });
    return { id: person!.id, txid };
  });
}

describe("group commit", () => {
  it("lets writes that arrive together share transactions, each with its own audit entry and actor", async () => {
    const writers = Array.from({ length: 40 }, (_, i) => contextOf(`writer${i}`, city.accounts.get("grid_worker")!));
    const results = await Promise.all(writers.map((ctx, i) => addResident(ctx, `并发居民${i}`)));
    expect(new Set(results.map((result) => result.txid)).size).toBeLessThan(results.length);
    expect(writers.every((ctx) => ctx.audited)).toBe(true);
    const entries = await rows<{ actor_user_id: number; actor_username: string; entity_id: string }>(
      sql`SELECT actor_user_id, actor_username, entity_id FROM audit_log WHERE action = 'person.create' AND after->>'name' LIKE '并发居民%'`,
    );
    expect(entries.map((entry) => [entry.actor_username, Number(entry.entity_id)]).sort()).toEqual(results.map((result, i) => [`writer${i}`, result.id]).sort());
    // The account's id too, not only its name (a mutation that dropped it survived: docs/mutations.md).
    expect(new Set(entries.map((entry) => Number(entry.actor_user_id)))).toEqual(new Set([city.accounts.get("grid_worker")]));
  });

  it("rolls back only the write that fails; the others of its batch commit", async () => {
    const attempts = Array.from({ length: 24 }, (_, i) => addResident(contextOf(`mixed${i}`, city.accounts.get("grid_worker")!), `批次居民${i}`, i % 7 === 3));
    const settled = await Promise.allSettled(attempts);
    const failed = settled.flatMap((outcome, i) => (outcome.status === "rejected" ? [i] : []));
    expect(failed).toEqual([3, 10, 17]);
    for (const i of failed) expect((settled[i] as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: "test_conflict" });
    const kept = await t.db.select({ name: persons.name }).from(persons).where(sql`${persons.name} LIKE '批次居民%'`);
    expect(kept.map((person) => person.name).sort()).toEqual(
      Array.from({ length: 24 }, (_, i) => i)
        .filter((i) => !failed.includes(i))
        .map((i) => `批次居民${i}`)
        .sort(),
    );
    const audited = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE after->>'name' LIKE '批次居民%'`);
    expect(audited[0]!.n).toBe(21);
  });

  it("refuses a change that records no audit entry, without losing its neighbours", async () => {
    const ctx = contextOf("careless", city.accounts.get("grid_worker")!);
    const careless = write(ctx, async (tx) => tx.insert(persons).values({ cityId: city.cityId, nodeId: city.nodes.get("T1V1G1M1")!.id, name: "无审计居民", gender: "M" }));
    const neighbours = Array.from({ length: 5 }, (_, i) => addResident(contextOf(`neighbour${i}`, city.accounts.get("grid_worker")!), `邻座居民${i}`));
    await expect(careless).rejects.toThrow("a write must record at least one audit entry");
    expect(ctx.audited).toBe(false);
    expect(await Promise.all(neighbours)).toHaveLength(5);
    expect(await t.db.select().from(persons).where(eq(persons.name, "无审计居民"))).toHaveLength(0);
  });

  it("answers one of two simultaneous edits of the same version with 409, through the API", async () => {
    const cadre = await t.login("township_cadre");
    const person = (await t.db.select().from(persons).where(eq(persons.nodeId, city.nodes.get("T1V1G1M2")!.id)))[0]!;
    const edits = await Promise.all(["甲", "乙"].map((suffix) => cadre.patch(`/api/persons/${person.id}`, { version: person.version, name: `同时改名${suffix}` })));
    expect(edits.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const [stored] = await t.db.select().from(persons).where(eq(persons.id, person.id));
    expect(stored!.version).toBe(person.version + 1);
    const winner = edits.find((response) => response.statusCode === 200)!.json() as { name: string };
    expect(stored!.name).toBe(winner.name);
  });
});

/** Residents added by one statement per batch, each row telling the transaction it was written in. */
const addResidents: BatchStatement<{ name: string; nodeId: number }, { id: number; txid: string }> = {
  async run(db, items, audit) {
    const found = ((await db.execute(
      sql`WITH p AS (${insertUnnest(persons, ["cityId", "nodeId", "name", "gender"], items.map((item) => ({ cityId: city.cityId, nodeId: item.nodeId, name: item.name, gender: "F" })))} RETURNING id, name),
               a AS (${audit})
          SELECT p.id, p.name, txid_current()::text AS txid FROM p`,
    )) as unknown as { rows: { id: number; name: string; txid: string }[] }).rows;
    return items.map((item) => {
      const row = found.find((candidate) => candidate.name === item.name)!;
      return { id: Number(row.id), txid: row.txid };
    });
  },
};

function addInBatch(ctx: RequestContext, name: string, nodeId = city.nodes.get("T1V1G1M1")!.id) {
  return writeBatched(ctx, addResidents, { name, nodeId }, [{ action: "person.create", entity: "person", entityId: name, cityId: city.cityId, after: { name } }]);
}

describe("batched statements", () => {
  it("writes requests that arrive together in one statement, each with its own audit entry and actor", async () => {
    const writers = Array.from({ length: 30 }, (_, i) => contextOf(`batcher${i}`, city.accounts.get("grid_worker")!));
    const results = await Promise.all(writers.map((ctx, i) => addInBatch(ctx, `同批居民${i}`)));
    expect(new Set(results.map((result) => result.txid)).size).toBeLessThan(results.length);
    expect(writers.every((ctx) => ctx.audited)).toBe(true);
    const entries = await rows<{ actor_username: string; entity_id: string }>(sql`SELECT actor_username, entity_id FROM audit_log WHERE after->>'name' LIKE '同批居民%'`);
    expect(entries.map((entry) => [entry.actor_username, entry.entity_id]).sort()).toEqual(writers.map((_, i) => [`batcher${i}`, `同批居民${i}`]).sort());
  });

  it("fails only the request that cannot be written; the rest of its batch is written with its audit entries", async () => {
    const attempts = Array.from({ length: 20 }, (_, i) => addInBatch(contextOf(`partly${i}`, city.accounts.get("grid_worker")!), `半批居民${i}`, i === 6 ? 987_654_321 : undefined));
    const settled = await Promise.allSettled(attempts);
    expect(settled.flatMap((outcome, i) => (outcome.status === "rejected" ? [i] : []))).toEqual([6]);
    const kept = await t.db.select({ name: persons.name }).from(persons).where(sql`${persons.name} LIKE '半批居民%'`);
    expect(kept).toHaveLength(19);
    expect(kept.map((person) => person.name)).not.toContain("半批居民6");
    const audited = await rows<{ entity_id: string }>(sql`SELECT entity_id FROM audit_log WHERE after->>'name' LIKE '半批居民%'`);
    expect(audited).toHaveLength(19);
    expect(audited.map((entry) => entry.entity_id)).not.toContain("半批居民6");
  });

  it("refuses a request that declares no audit entry before writing anything", async () => {
    const ctx = contextOf("silent", city.accounts.get("grid_worker")!);
    await expect(writeBatched(ctx, addResidents, { name: "无审计批次居民", nodeId: city.nodes.get("T1V1G1M1")!.id }, [])).rejects.toThrow("a write must record at least one audit entry");
    expect(ctx.audited).toBe(false);
    expect(await t.db.select().from(persons).where(eq(persons.name, "无审计批次居民"))).toHaveLength(0);
  });
});
