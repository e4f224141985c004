import { createHash, randomBytes } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { eq, sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "../db/client";
import { users } from "../db/schema";
import { loadDemoCity, type DemoLoadResult } from "./generate";

const loadTimeout = 180_000;
const password = "Demo-Test@2026";
const now = new Date("2026-06-01T09:00:00+08:00");

/** drizzle types execute() per driver; both drivers answer with { rows }. */
async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function count(db: Database, query: SQL): Promise<number> {
  const [row] = await rows<{ n: number | string }>(db, query);
  return Number(row?.n);
}

/** Written here again, independently of the generator, so that a wrong generator cannot pass its own check. */
function validIdNumber(idNumber: string): boolean {
  if (!/^1408\d{13}[\dX]$/.test(idNumber)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(idNumber[index]), 0);
  return "10X98765432"[sum % 11] === idNumber[17];
}

function plausibleBirthDate(idNumber: string): boolean {
  const text = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) && date.getUTCFullYear() >= 1920 && date < now;
}

interface Boundary {
  type: string;
  coordinates: number[][][];
}

/** Shoelace area of a polygon's exterior ring, in square degrees (enough to compare tilings). */
function area(boundary: Boundary): number {
  const ring = boundary.coordinates[0] ?? [];
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

function parseBoundary(value: unknown): Boundary {
  return (typeof value === "string" ? JSON.parse(value) : value) as Boundary;
}

/** Hash of everything that must not change between runs: people and places. */
async function fingerprint(db: Database): Promise<string> {
  const people = await rows<{ name: string; id_number: string }>(db, sql`SELECT name, id_number FROM persons ORDER BY id_number`);
  const places = await rows<{ code: string; name: string; boundary: unknown }>(db, sql`SELECT code, name, boundary FROM org_nodes ORDER BY code`);
  const digest = createHash("sha256");
  for (const person of people) digest.update(`${person.name}|${person.id_number}\n`);
  for (const place of places) digest.update(`${place.code}|${place.name}|${JSON.stringify(parseBoundary(place.boundary).coordinates)}\n`);
  return digest.digest("hex");
}

interface Target {
  name: string;
  open(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

function pgliteTarget(): Target {
  return { name: "PGlite", open: () => openDatabase({ dataDir: "memory://" }), cleanup: async () => {} };
}

/** A database of its own on the server DATABASE_URL points at, dropped afterwards. */
function postgresTarget(baseUrl: string): Target {
  const databaseName = `zhili_demo_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: "PostgreSQL",
    async open() {
      await admin(`CREATE DATABASE ${databaseName}`);
      const url = new URL(baseUrl);
      url.pathname = `/${databaseName}`;
      return openDatabase({ url: url.toString(), poolSize: 2 });
    },
    cleanup: () => admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`),
  };
}

const targets = [pgliteTarget(), ...(process.env.DATABASE_URL ? [postgresTarget(process.env.DATABASE_URL)] : [])];

for (const target of targets) {
  describe(`the demo city on ${target.name}`, () => {
    let handle: DatabaseHandle | undefined;
    let result: DemoLoadResult;
    const db = (): Database => {
      if (!handle) throw new Error("the database did not open");
      return handle.db;
    };

    beforeAll(async () => {
      handle = await target.open();
      const started = performance.now();
      result = await loadDemoCity(handle.db, { password, now });
      console.info(`demo city loaded on ${target.name} in ${Math.round(performance.now() - started)} ms`);
    }, loadTimeout);

    afterAll(async () => {
      await handle?.close();
      await target.cleanup();
    }, loadTimeout);

    it("has the tree of the article: 9 townships and streets, 14 communities, 143 villages, 527 grids, 3,590 micro-grids", async () => {
      const kinds = await rows<{ kind: string; n: number }>(db(), sql`SELECT kind, count(*)::int AS n FROM org_nodes WHERE city_id = ${result.cityId} GROUP BY kind`);
      expect(Object.fromEntries(kinds.map((row) => [row.kind, Number(row.n)]))).toEqual({
        city: 1,
        street: 2,
        township: 7,
        community: 14,
        village: 143,
        grid: 527,
        micro_grid: 3_590,
      });
      // Communities only in the two streets.
      expect(
        await count(db(), sql`SELECT count(*)::int AS n FROM org_nodes c JOIN org_nodes p ON p.id = c.parent_id WHERE c.kind = 'community' AND p.kind <> 'street'`),
      ).toBe(0);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM org_nodes WHERE code !~ '^[A-Za-z0-9_-]+$'`)).toBe(0);
      expect(
        await count(db(), sql`SELECT count(DISTINCT name)::int AS n FROM org_nodes WHERE kind IN ('village', 'community', 'township', 'street')`),
      ).toBe(166);
    });

    it("keeps every path equal to the parent's path plus its own id, and every micro-grid inside its village's path", async () => {
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM org_nodes WHERE parent_id IS NULL AND (path <> '/' || id || '/' OR depth <> 0)`)).toBe(0);
      expect(
        await count(
          db(),
          sql`SELECT count(*)::int AS n FROM org_nodes c JOIN org_nodes p ON p.id = c.parent_id
              WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`,
        ),
      ).toBe(0);
      expect(
        await count(
          db(),
          sql`SELECT count(*)::int AS n FROM org_nodes m JOIN org_nodes g ON g.id = m.parent_id JOIN org_nodes v ON v.id = g.parent_id
              WHERE m.kind = 'micro_grid' AND m.path LIKE v.path || '%' AND v.kind IN ('village', 'community')`,
        ),
      ).toBe(3_590);
    });

    it("tiles every village and community exactly with its micro-grids", async () => {
      const places = await rows<{ id: number; boundary: unknown }>(db(), sql`SELECT id, boundary FROM org_nodes WHERE kind IN ('village', 'community')`);
      const micros = await rows<{ village: number; boundary: unknown }>(
        db(),
        sql`SELECT g.parent_id AS village, m.boundary FROM org_nodes m JOIN org_nodes g ON g.id = m.parent_id WHERE m.kind = 'micro_grid'`,
      );
      const sums = new Map<number, number>();
      for (const micro of micros) {
        const boundary = parseBoundary(micro.boundary);
        expect(boundary.type).toBe("Polygon");
        expect(boundary.coordinates[0]).toHaveLength(5);
        expect(area(boundary)).toBeGreaterThan(0);
        sums.set(Number(micro.village), (sums.get(Number(micro.village)) ?? 0) + area(boundary));
      }
      expect(places).toHaveLength(157);
      for (const place of places) {
        const whole = area(parseBoundary(place.boundary));
        const parts = sums.get(Number(place.id)) ?? 0;
        expect(Math.abs(parts - whole) / whole).toBeLessThan(1e-9);
      }
    });

    it("has 24 departments in the grid with 45 functions, at least 29 organ units and 84 city-organ party organisations", async () => {
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM departments WHERE in_grid AND city_id = ${result.cityId}`)).toBe(24);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM department_functions WHERE city_id = ${result.cityId}`)).toBe(45);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM units WHERE kind = 'organ'`)).toBeGreaterThanOrEqual(29);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM party_orgs WHERE unit_id IS NOT NULL`)).toBe(84);
      const byLevel = await rows<{ kind: string; n: number }>(
        db(),
        sql`SELECT n.kind, count(*)::int AS n FROM party_orgs p JOIN org_nodes n ON n.id = p.node_id WHERE p.unit_id IS NULL GROUP BY n.kind`,
      );
      expect(Object.fromEntries(byLevel.map((row) => [row.kind, Number(row.n)]))).toEqual({ city: 1, street: 2, township: 7, village: 143, community: 14 });
    });

    it("has the people of the article in their posts", async () => {
      const posts = async (post: string) =>
        count(db(), sql`SELECT count(DISTINCT person_id)::int AS n FROM posts WHERE post = ${post} AND city_id = ${result.cityId}`);
      expect(await posts("county_leader")).toBe(29);
      expect(await posts("standing_committee")).toBe(10);
      expect(await posts("township_cadre")).toBe(455);
      expect(await posts("grid_worker")).toBe(527);
      expect(await posts("reserve_cadre")).toBe(475);
      expect(await posts("village_secretary")).toBe(157);
      // Every standing committee member is also a county-level leader.
      expect(
        await count(
          db(),
          sql`SELECT count(*)::int AS n FROM posts s WHERE s.post = 'standing_committee'
              AND NOT EXISTS (SELECT 1 FROM posts c WHERE c.person_id = s.person_id AND c.post = 'county_leader')`,
        ),
      ).toBe(0);
      const placed = async (post: string, kinds: string[]) =>
        count(
          db(),
          sql`SELECT count(*)::int AS n FROM posts p JOIN org_nodes n ON n.id = p.node_id
              WHERE p.post = ${post} AND n.kind NOT IN (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})`,
        );
      expect(await placed("township_cadre", ["township", "street"])).toBe(0);
      expect(await placed("grid_worker", ["grid"])).toBe(0);
      expect(await placed("reserve_cadre", ["village", "community"])).toBe(0);
      expect(await placed("village_secretary", ["village", "community"])).toBe(0);
      expect(await placed("county_leader", ["city"])).toBe(0);
      expect(await count(db(), sql`SELECT count(DISTINCT node_id)::int AS n FROM posts WHERE post = 'grid_worker'`)).toBe(527);
      expect(await count(db(), sql`SELECT count(DISTINCT node_id)::int AS n FROM posts WHERE post = 'village_secretary'`)).toBe(157);
      // Cadres are party members of an organisation.
      expect(
        await count(
          db(),
          sql`SELECT count(*)::int AS n FROM posts p JOIN persons x ON x.id = p.person_id
              WHERE p.post IN ('county_leader', 'village_secretary') AND (NOT x.is_party_member OR x.party_org_id IS NULL)`,
        ),
      ).toBe(0);
    });

    it("gives everyone a valid ID number, a mobile where they have one, and an address in Hejin", async () => {
      const people = await rows<{ id_number: string; phone: string | null; address: string; gender: string }>(
        db(),
        sql`SELECT id_number, phone, address, gender FROM persons WHERE city_id = ${result.cityId}`,
      );
      expect(people.length).toBeGreaterThan(5_241);
      expect(people.length).toBeLessThan(25_000);
      const invalid = people.filter((person) => !validIdNumber(person.id_number) || !plausibleBirthDate(person.id_number));
      expect(invalid).toEqual([]);
      // The 17th digit is odd for men, even for women.
      expect(people.filter((person) => (Number(person.id_number[16]) % 2 === 1 ? "M" : "F") !== person.gender)).toEqual([]);
      expect(new Set(people.map((person) => person.id_number)).size).toBe(people.length);
      expect(people.filter((person) => person.phone !== null && !/^1[358]\d{9}$/.test(person.phone))).toEqual([]);
      expect(people.filter((person) => !person.address.startsWith("山西省河津市"))).toEqual([]);
    });

    it("registers at least 5,241 households in micro-grids, each with a head and 1 to 4 residents", async () => {
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM households WHERE city_id = ${result.cityId}`)).toBeGreaterThanOrEqual(5_241);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM households h JOIN org_nodes n ON n.id = h.node_id WHERE n.kind <> 'micro_grid'`)).toBe(0);
      expect(
        await count(
          db(),
          sql`SELECT count(*)::int AS n FROM households h
              WHERE NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.person_id = h.head_person_id AND m.relation = '户主')
                 OR (SELECT count(*) FROM household_members m WHERE m.household_id = h.id) NOT BETWEEN 1 AND 4`,
        ),
      ).toBe(0);
      expect(
        await count(
          db(),
          sql`SELECT count(*)::int AS n FROM household_members m JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = m.household_id
              WHERE p.node_id <> h.node_id`,
        ),
      ).toBe(0);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM org_nodes m WHERE m.kind = 'micro_grid' AND NOT EXISTS (SELECT 1 FROM households h WHERE h.node_id = m.id)`)).toBe(0);
    });

    it("creates one account per role with the shared password, and writes no audit entry or session", async () => {
      expect(result.accounts.map((account) => `${account.username}:${account.role}`)).toEqual([
        "admin.office:campaign_admin",
        "leader.city:leader",
        "unit.zzb:unit_staff",
        "cadre.qingjian:township_cadre",
        "cadre.fancun:township_cadre",
        "secretary.t02-v001:village_secretary",
        "grid.worker1:grid_worker",
        "dept.handler:department_handler",
        "supervisor.city:supervisor",
        "sysadmin:sys_admin",
        "secadmin:security_admin",
        "auditadmin:audit_admin",
        "province.zzb:province_reader",
      ]);
      const accounts = await rows<{ username: string; city_id: number | null; node_kind: string | null; node_name: string | null; password_hash: string; person_post: string | null }>(
        db(),
        sql`SELECT u.username, r.city_id, n.kind AS node_kind, n.name AS node_name, u.password_hash,
                   (SELECT min(p.post) FROM posts p WHERE p.person_id = u.person_id) AS person_post
            FROM users u JOIN role_assignments r ON r.user_id = u.id LEFT JOIN org_nodes n ON n.id = r.node_id ORDER BY u.id`,
      );
      const byName = new Map(accounts.map((account) => [account.username, account]));
      expect(byName.get("cadre.qingjian")?.node_name).toBe("清涧街道");
      expect(byName.get("cadre.fancun")?.node_name).toBe("樊村镇");
      // The department handler acts for one department only (issue 10): 市综合行政执法局.
      const bound = await rows<{ username: string; name: string }>(
        db(),
        sql`SELECT u.username, d.name FROM handler_departments h JOIN users u ON u.id = h.user_id JOIN departments d ON d.id = h.department_id`,
      );
      expect(bound).toEqual([{ username: "dept.handler", name: "市综合行政执法局" }]);
      expect(byName.get("leader.city")?.person_post).toBe("county_leader");
      expect(byName.get("grid.worker1")?.person_post).toBe("grid_worker");
      expect(byName.get("grid.worker1")?.node_kind).toBe("grid");
      expect(byName.get("secretary.t02-v001")?.node_kind).toBe("village");
      for (const system of ["sysadmin", "secadmin", "auditadmin"]) {
        expect(byName.get(system)?.city_id).toBeNull();
        expect(byName.get(system)?.node_kind).toBeNull();
      }
      const first = accounts[0];
      expect(first?.password_hash.startsWith("$argon2id$")).toBe(true);
      expect(await verify(first?.password_hash ?? "", password)).toBe(true);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM audit_log`)).toBe(0);
      expect(await count(db(), sql`SELECT count(*)::int AS n FROM sessions`)).toBe(0);
    });

    it("refuses to load the city a second time", async () => {
      await expect(loadDemoCity(db(), { password, now })).rejects.toThrow(/already exists/);
    });
  });
}

describe("the demo generator", () => {
  it(
    "produces identical people and places on every run",
    async () => {
      const prints: string[] = [];
      for (let run = 0; run < 2; run++) {
        const handle = await openDatabase({ dataDir: "memory://" });
        try {
          await loadDemoCity(handle.db, { password });
          prints.push(await fingerprint(handle.db));
        } finally {
          await handle.close();
        }
      }
      expect(prints[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(prints[1]).toBe(prints[0]);
    },
    loadTimeout,
  );

  it(
    "leaves a system account the platform already made alone, and still loads",
    async () => {
      const handle = await openDatabase({ dataDir: "memory://" });
      try {
        await handle.db.insert(users).values({ username: "sysadmin", displayName: "platform", passwordHash: "kept" });
        const result = await loadDemoCity(handle.db, { password });
        expect(result.accounts.map((account) => account.username)).not.toContain("sysadmin");
        expect(result.accounts).toHaveLength(12);
        const kept = await handle.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.username, "sysadmin"));
        expect(kept).toEqual([{ passwordHash: "kept" }]);
      } finally {
        await handle.close();
      }
    },
    loadTimeout,
  );
});
