import { generateKeyPairSync } from "node:crypto";
import { getTableColumns, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { chainHash } from "./chain";
import { checkpointsSignedBy, sealAuditChain, verifyAuditChain } from "./service";

/**
 * The audit chain detects every change: each column of an entry is in its hash, and the newest entries
 * cut off the trail show as missing after the last checkpoint, also against a signed copy kept outside.
 */
let t: TestContext;
let city: SmallCity;
let auditor: Session;
const { privateKey, publicKey } = generateKeyPairSync("ed25519");

beforeAll(async () => {
  t = await createTestContext({ auditSigningKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() });
  city = await seedSmallCity(t.db);
  auditor = await t.login("audit_admin");
});
afterAll(async () => t.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function renameVillage(name: string) {
  const cadre = await t.login("township_cadre");
  const village = city.nodes.get("T1V1")!;
  const current = (await cadre.get(`/api/orgs/${village.id}`)).json();
  expect((await cadre.patch(`/api/orgs/${village.id}`, { version: current.version, name })).statusCode).toBe(200);
}

/** Cuts entries off the end of a chain as a superuser could, with the triggers switched off. */
async function cutNewest(cityId: number, count: number) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE city_id = ${cityId} ORDER BY seq DESC LIMIT ${count})`);
  });
}

/** The chain's own columns: prev_hash is hashed as the link, seq is checked as the position, hash is the result. */
const CHAIN_COLUMNS = new Set(["seq", "prevHash", "hash"]);
const hashedColumns = Object.keys(getTableColumns(auditLog)).filter((column) => !CHAIN_COLUMNS.has(column));

function changed(value: unknown, column: string): unknown {
  if (value instanceof Date) return new Date(value.getTime() + 1);
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") return `${value}x`;
  if (value === null) return column === "before" || column === "after" ? { x: 1 } : column.endsWith("Id") && column !== "entityId" ? 1 : "x";
  return { ...(value as object), tampered: true };
}

describe("every column of an entry is in its hash", () => {
  it.each(hashedColumns)("a change of %s changes the hash", async (column) => {
    await renameVillage(`改名${column}`);
    await sealAuditChain(t.db);
    const [entry] = await t.db.select().from(auditLog).where(sql`${auditLog.action} = 'org.rename' AND ${auditLog.hash} IS NOT NULL`).limit(1);
    expect(chainHash(entry!.prevHash!, entry!)).toBe(entry!.hash);
    const tampered = { ...entry!, [column]: changed(entry![column as keyof typeof entry], column) };
    expect(chainHash(entry!.prevHash!, tampered)).not.toBe(entry!.hash);
  });
});

describe("checkpoints", () => {
  it("exports every chain's checkpoints signed, for the audit administrator only", async () => {
    await renameVillage("导出前");
    const exported = await auditor.get("/api/audit/checkpoints");
    expect(exported.statusCode).toBe(200);
    const file = exported.json();
    expect(file.checkpoints.length).toBeGreaterThan(0);
    expect(checkpointsSignedBy(file, publicKey.export({ type: "spki", format: "pem" }).toString())).toBe(true);
    const edited = { ...file, checkpoints: file.checkpoints.slice(0, -1) };
    expect(checkpointsSignedBy(edited)).toBe(false);
    for (const username of ["sys_admin", "security_admin", "campaign_admin"]) {
      expect([username, (await (await t.login(username)).get("/api/audit/checkpoints")).statusCode]).toEqual([username, 403]);
    }
  });

  it("refuses to change or remove a checkpoint through SQL", async () => {
    for (const statement of [sql`UPDATE audit_checkpoints SET hash = 'x'`, sql`DELETE FROM audit_checkpoints`, sql`TRUNCATE audit_checkpoints`]) {
      await expect(t.db.execute(statement)).rejects.toThrow();
    }
  });

  it("detects the newest entries cut off the trail, through the API and against the signed copy kept outside", async () => {
    await renameVillage("截断前");
    const kept = (await auditor.get("/api/audit/checkpoints")).json();
    expect((await auditor.post("/api/audit/verify")).json()).toMatchObject({ ok: true, missing: [] });
    const [head] = await rows<{ seq: number }>(sql`SELECT max(seq)::int AS seq FROM audit_log WHERE city_id = ${city.cityId}`);
    await cutNewest(city.cityId, 2);
    const result = (await auditor.post("/api/audit/verify")).json();
    expect(result).toMatchObject({ ok: false, firstBroken: null, missing: [{ cityId: city.cityId, sealedUpTo: head!.seq - 2, checkpointSeq: head!.seq }] });

    // Cut off the checkpoints too: the copy kept outside still shows it.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM audit_checkpoints WHERE chain = ${city.cityId} AND seq > ${head!.seq - 2}`);
    });
    expect((await verifyAuditChain(t.db)).missing.filter((gap) => gap.cityId === city.cityId)).toEqual([]);
    const outside = await verifyAuditChain(t.db, kept.checkpoints);
    expect(outside.ok).toBe(false);
    expect(outside.missing).toContainEqual(expect.objectContaining({ cityId: city.cityId, checkpointSeq: head!.seq }));
  });
});
