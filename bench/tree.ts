import { sql } from "drizzle-orm";
import type { Database } from "../server/db/client";
import { countNodesOfKind, listChildren, searchNodes } from "../server/modules/orgs/repository";

/**
 * A province of 100 cities of ~5,000 nodes each (≈ 500,000 nodes): city > 10 townships > 20 villages
 * > 2 grids > 11 micro-grids. Rows are written with their ids and paths in batches.
 */
export async function buildProvince(db: Database, cities = 100): Promise<{ nodes: number; seconds: number }> {
  const started = performance.now();
  let nextId = 1_000_000;
  let total = 0;
  const batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.execute(
      sql.raw(
        `INSERT INTO org_nodes (id, city_id, parent_id, kind, code, name, path, depth, sort) OVERRIDING SYSTEM VALUE VALUES ${batch.join(",")}`,
      ),
    );
    total += batch.length;
    batch.length = 0;
  };
  const add = async (cityId: number, parent: { id: number; path: string } | null, kind: string, code: string, name: string, sort: number) => {
    const id = nextId++;
    const path = `${parent?.path ?? "/"}${id}/`;
    batch.push(`(${id}, ${cityId}, ${parent?.id ?? "NULL"}, '${kind}', '${code}', '${name}', '${path}', ${path.split("/").length - 3}, ${sort})`);
    if (batch.length >= 2000) await flush();
    return { id, path };
  };
  for (let c = 1; c <= cities; c++) {
    const [city] = ((await db.execute(sql`INSERT INTO cities (code, name) VALUES (${`bench${c}`}, ${`基准市${c}`}) RETURNING id`)) as unknown as { rows: { id: number }[] }).rows;
    const cityId = city!.id;
    const root = await add(cityId, null, "city", `C${c}`, `基准市${c}`, 0);
    for (let t = 1; t <= 10; t++) {
      const township = await add(cityId, root, "township", `C${c}T${t}`, `第${t}镇`, t);
      for (let v = 1; v <= 20; v++) {
        const village = await add(cityId, township, "village", `C${c}T${t}V${v}`, `第${t}镇${v}村`, v);
        for (let g = 1; g <= 2; g++) {
          const grid = await add(cityId, village, "grid", `C${c}T${t}V${v}G${g}`, `${v}村${g}网格`, g);
          for (let m = 1; m <= 11; m++) await add(cityId, grid, "micro_grid", `C${c}T${t}V${v}G${g}M${m}`, `${v}村${g}网格${m}微网格`, m);
        }
      }
    }
  }
  await flush();
  await db.execute(sql`ANALYZE org_nodes`);
  return { nodes: total, seconds: (performance.now() - started) / 1000 };
}

export interface Timing {
  name: string;
  runs: number;
  p50: number;
  p99: number;
}

export async function time(name: string, runs: number, body: (i: number) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await body(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, runs, p50: at(0.5), p99: at(0.99) };
}

/** Subtree queries the platform runs on every scoped list and figure, at random places in the province. */
export async function benchTree(db: Database): Promise<Timing[]> {
  const pick = async (kind: string, limit: number) =>
    ((await db.execute(sql`SELECT id, path FROM org_nodes WHERE kind = ${kind} ORDER BY md5(id::text) LIMIT ${limit}`)) as unknown as { rows: { id: number; path: string }[] }).rows;
  const cities = await pick("city", 50);
  const townships = await pick("township", 200);
  const villages = await pick("village", 200);
  return [
    await time("micro-grids in a city's subtree (≈5,000 nodes)", cities.length, (i) => countNodesOfKind(db, cities[i]!.path, "micro_grid")),
    await time("micro-grids in a township's subtree (≈500 nodes)", townships.length, (i) => countNodesOfKind(db, townships[i]!.path, "micro_grid")),
    await time("children of a village (lazy tree)", villages.length, (i) => listChildren(db, villages[i]!.id, { includeRetired: false, limit: 500, offset: 0 })),
    await time("search '网格' within a township scope", townships.length, (i) => searchNodes(db, { all: false, paths: [townships[i]!.path] }, "网格", 20)),
    await time("search '3村' within a city scope", cities.length, (i) => searchNodes(db, { all: false, paths: [cities[i]!.path] }, "3村", 20)),
  ];
}
