import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../test/database";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * Two server processes on one database (here two apps, each over its own connection): a change
 * committed through one drops the figures and list totals the other keeps, without waiting for
 * FIGURES_CACHE_MS (ten minutes here) or the kept store's bound, through LISTEN/NOTIFY (platform/changes.ts).
 */
let database: TestDatabase;
let here: TestContext;
let there: TestContext;
let city: SmallCity;
const session = {} as Record<"here" | "there", Session>;

beforeAll(async () => {
  database = await freshDatabase();
  here = await createTestContext({ figuresCacheMs: 600_000 }, database);
  there = await createTestContext({ figuresCacheMs: 600_000 }, await database.another());
  city = await seedSmallCity(here.db);
  session.here = await here.login("campaign_admin");
  session.there = await there.login("campaign_admin");
});

afterAll(async () => {
  await there?.close();
  await here?.close();
});

async function problemsTotal(who: Session, code: string): Promise<number> {
  const answer = await who.get(`/api/figures?org=${city.nodes.get(code)!.id}`);
  expect(answer.statusCode).toBe(200);
  return answer.json().figures["problems.total"] as number;
}

/** Asks again every 50 ms for up to 2 s: a notice crosses between connections, not within the request. */
async function eventually(read: () => Promise<number>, expected: number): Promise<number> {
  let value = await read();
  for (let waited = 0; value !== expected && waited < 2000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe("kept figures in another process", () => {
  it("follow a change committed here within two seconds, in both directions", async () => {
    const before = await problemsTotal(session.there, "T1");
    expect(await problemsTotal(session.here, "T1")).toBe(before);
    const problem = { nodeId: city.nodes.get("T1V1")!.id, channel: "symposium", source: "self", category: "governance", title: "另一进程的问题", description: "描述" };
    expect((await session.here.post("/api/problems", problem)).statusCode).toBe(201);
    // This process dropped its own at once; the other hears of it.
    expect(await problemsTotal(session.here, "T1")).toBe(before + 1);
    expect(await eventually(() => problemsTotal(session.there, "T1"), before + 1)).toBe(before + 1);

    expect((await session.there.post("/api/problems", { ...problem, title: "回来的问题" })).statusCode).toBe(201);
    expect(await problemsTotal(session.there, "T1")).toBe(before + 2);
    expect(await eventually(() => problemsTotal(session.here, "T1"), before + 2)).toBe(before + 2);
  });

  it("answer 304 in the other process while nothing changed", async () => {
    const first = await session.there.get(`/api/figures?org=${city.nodes.get("T2")!.id}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await session.there.request({ method: "GET", url: `/api/figures?org=${city.nodes.get("T2")!.id}`, headers: { "if-none-match": first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(first.headers.etag);
  });
});

describe("kept list totals in another process", () => {
  it("follow a problem committed in the other within two seconds", async () => {
    const total = async () => {
      const answer = await session.there.get(`/api/problems?org=${city.nodes.get("T2V1")!.id}&pageSize=1`);
      expect(answer.statusCode).toBe(200);
      return answer.json().total as number;
    };
    const before = await total();
    expect(await total()).toBe(before);
    const problem = { nodeId: city.nodes.get("T2V1")!.id, channel: "hotline", source: "residents", category: "infrastructure", title: "另一进程的村道", description: "描述" };
    expect((await session.here.post("/api/problems", problem)).statusCode).toBe(201);
    expect(await eventually(total, before + 1)).toBe(before + 1);
  });
});
