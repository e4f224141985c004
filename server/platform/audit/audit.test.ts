import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, createTestContext, seedSmallCity, type SmallCity, type TestContext } from "../../test/harness";
import { sealAuditChain, verifyAuditChain } from "./service";

let t: TestContext;
let city: SmallCity;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
});
afterAll(async () => t.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe("audit trail", () => {
  it("records who changed what, where, before and after, for a write", async () => {
    const cadre = await t.login("township_cadre");
    const village = city.nodes.get("T1V1")!;
    const current = (await cadre.get(`/api/orgs/${village.id}`)).json();
    const renamed = await cadre.patch(`/api/orgs/${village.id}`, { version: current.version, name: "新名村" });
    expect(renamed.statusCode).toBe(200);
    const audit = await t.login("audit_admin");
    const page = (await audit.get("/api/audit?action=org.rename")).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      actorUsername: "township_cadre",
      nodeId: village.id,
      entity: "org_node",
      entityId: String(village.id),
      before: expect.objectContaining({ name: current.name }),
      after: expect.objectContaining({ name: "新名村" }),
    });
  });

  it("records every reveal of personal data, without the value", async () => {
    const worker = await t.login("grid_worker");
    const list = (await worker.get(`/api/persons?org=${city.nodes.get("T1V1G1M1")!.id}`)).json();
    const person = list.items[0];
    expect(person.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const revealed = await worker.post(`/api/persons/${person.id}/reveal`, { field: "phone" });
    expect(revealed.json().value).toMatch(/^1\d{10}$/);
    const entries = await rows<{ action: string; after: { field: string }; actor_username: string }>(
      sql`SELECT action, after, actor_username FROM audit_log WHERE action = 'person.reveal' AND entity_id = ${String(person.id)}`,
    );
    expect(entries).toEqual([{ action: "person.reveal", after: { field: "phone" }, actor_username: "grid_worker" }]);
    expect(JSON.stringify(entries)).not.toContain(revealed.json().value);
  });

  it("records failed sign-ins although the request fails", async () => {
    const before = await auditCount(t.db);
    await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "leader", password: "Wrong#pass2026" } });
    expect(await auditCount(t.db)).toBe(before + 1);
  });

  it("refuses to update or delete an entry through SQL", async () => {
    const failure = async (statement: ReturnType<typeof sql>) => {
      try {
        await t.db.execute(statement);
        return "succeeded";
      } catch (error) {
        return String((error as { cause?: Error }).cause?.message ?? error);
      }
    };
    expect(await failure(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`)).toMatch(/append-only/);
    expect(await failure(sql`DELETE FROM audit_log WHERE id = 1`)).toMatch(/append-only/);
  });

  it("chains entries written concurrently while sealers run, without gaps or forks", async () => {
    const cadre = await t.login("township_cadre");
    const parent = city.nodes.get("T1V1G1")!.id;
    const writes = Array.from({ length: 40 }, (_, i) => cadre.post("/api/orgs", { parentId: parent, kind: "micro_grid", code: `CC${i}`, name: `并发${i}` }));
    const sealers = Array.from({ length: 4 }, () => sealAuditChain(t.db));
    const statuses = (await Promise.all(writes)).map((r) => r.statusCode);
    await Promise.all(sealers);
    expect(statuses.every((status) => status === 201)).toBe(true);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    const [unsealed] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE hash IS NULL`);
    expect(unsealed!.n).toBe(0);
    const [chain] = await rows<{ n: number; max: number }>(sql`SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_log WHERE city_id = ${city.cityId}`);
    expect(chain!.max).toBe(chain!.n);
  });

  it("refuses to seal an entry twice or to rewrite a sealed one", async () => {
    await sealAuditChain(t.db);
    const [sealed] = await rows<{ id: number }>(sql`SELECT id FROM audit_log WHERE hash IS NOT NULL ORDER BY id LIMIT 1`);
    const attempt = async () => {
      try {
        await t.db.execute(sql`UPDATE audit_log SET seq = seq, prev_hash = prev_hash, hash = 'f00' WHERE id = ${sealed!.id}`);
        return "succeeded";
      } catch (error) {
        return String((error as { cause?: Error }).cause?.message ?? error);
      }
    };
    expect(await attempt()).toMatch(/append-only/);
  });

  it("verifies an intact chain, and names the first entry changed behind the application's back", async () => {
    const audit = await t.login("audit_admin");
    const intact = (await audit.post("/api/audit/verify")).json();
    expect(intact).toMatchObject({ ok: true, firstBroken: null });
    expect(intact.checked).toBeGreaterThan(5);

    const [victim] = await rows<{ id: number }>(sql`SELECT id FROM audit_log WHERE action = 'org.rename' ORDER BY id LIMIT 1`);
    // A superuser can switch triggers off; the chain still shows the change.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE id = ${victim!.id}`);
    });
    const broken = (await audit.post("/api/audit/verify")).json();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ id: victim!.id, reason: expect.stringContaining("changed") });
    expect((await verifyAuditChain(t.db)).firstBroken?.id).toBe(victim!.id);
  });

  it("names the entry after a removed one", async () => {
    const [last] = await rows<{ id: number }>(sql`SELECT max(id)::int AS id FROM audit_log`);
    await (await t.login("leader")).post("/api/auth/logout");
    const [removed] = await rows<{ id: number }>(sql`SELECT min(id)::int AS id FROM audit_log WHERE id > ${last!.id}`);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM audit_log WHERE id < ${removed!.id} AND action = 'org.rename'`);
    });
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toContain("link");
  });
});
