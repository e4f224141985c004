import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { migrate } from "./migrate";

const folder = mkdtempSync(join(tmpdir(), "zhili-data-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the embedded database", () => {
  it("keeps its data in the folder across restarts, and migrations run once", async () => {
    const first = await openDatabase({ dataDir: folder });
    await first.db.execute(sql`INSERT INTO cities (code, name) VALUES ('keep', '保留市')`);
    await first.close();
    const second = await openDatabase({ dataDir: folder });
    expect(await migrate(second.db, second.kind)).toEqual([]);
    const rows = ((await second.db.execute(sql`SELECT name FROM cities`)) as unknown as { rows: { name: string }[] }).rows;
    expect(rows).toEqual([{ name: "保留市" }]);
    await second.close();
  });

  it("refuses a second opener of the same folder while the first holds it", async () => {
    const holder = await openDatabase({ dataDir: folder });
    await expect(openDatabase({ dataDir: folder })).rejects.toThrow(/in use by process/);
    await holder.close();
    const again = await openDatabase({ dataDir: folder });
    await again.close();
  });
});
