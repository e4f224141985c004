import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedEventCatalogue } from "../../test/events-fixture";
import { openStream, until } from "../../test/sse";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The big screen's live stream (server-sent events over a real socket): a screen hears of a change in
 * its node's subtree within moments, of an event turning red when its time runs out, and of nothing
 * outside its subtree.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let base: string;
let typeId: number;

const node = (code: string) => city.nodes.get(code)!.id;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  typeId = await seedEventCatalogue(t, city, admin);
  base = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => t.close());

/** Opens a node's screen (its stream) as a browser would. */
const openScreen = (username: string, org?: number) => openStream(t, base, `/api/figures/stream${org ? `?org=${org}` : ""}`, username);

async function report(lon: number): Promise<number> {
  const created = await admin.post("/api/events", { typeId, description: "路灯不亮，联系13812345678", lon, lat: 35.05 });
  expect(created.statusCode).toBe(201);
  return created.json().id;
}

describe("the big screen's stream", () => {
  it("delivers a new event to the screens of its subtree within 2 s, and nothing to a screen outside it", async () => {
    const township1 = await openScreen("campaign_admin", node("T1"));
    const township2 = await openScreen("campaign_admin", node("T2"));
    // The township cadre's own screen: their township, by default.
    const cadre = await openScreen("township_cadre");
    expect([township1.status, township2.status, cadre.status]).toEqual([200, 200, 200]);
    await until(() => [township1, township2, cadre].every((screen) => screen.received.some((r) => r.event === "hello")));
    expect(cadre.received[0]!.data).toMatchObject({ org: { id: node("T1") } });

    const inT1 = await report(110.05);
    await until(() => township1.received.some((r) => r.event === "event" && r.data.id === inT1));
    await until(() => cadre.received.some((r) => r.event === "event" && r.data.id === inT1));
    const shown = township1.received.find((r) => r.event === "event")!.data;
    expect(shown).toMatchObject({ id: inT1, stage: "reported", typeName: "路灯损坏", light: "green", reason: "change" });
    // A screen on a wall shows no personal data: no description, no reporter, no internal path.
    expect(JSON.stringify(shown)).not.toContain("138");
    expect(Object.keys(shown)).not.toContain("path");

    const inT2 = await report(111.05);
    await until(() => township2.received.some((r) => r.event === "event" && r.data.id === inT2));
    // Both were sent before this point; the other screens never heard of the other township's event.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(township1.received.filter((r) => r.event === "event").map((r) => r.data.id)).toEqual([inT1]);
    expect(cadre.received.filter((r) => r.event === "event").map((r) => r.data.id)).toEqual([inT1]);
    expect(township2.received.filter((r) => r.event === "event").map((r) => r.data.id)).toEqual([inT2]);
    for (const screen of [township1, township2, cadre]) screen.close();
  });

  it("shows an event turning red when its time runs out, within 2 s", async () => {
    const screen = await openScreen("campaign_admin", node("T1"));
    await until(() => screen.received.some((r) => r.event === "hello"));
    const id = await report(110.06);
    const detail = (await admin.get(`/api/events/${id}`)).json();
    await until(() => screen.received.some((r) => r.data.id === id));
    t.clock.set(new Date(Date.parse(detail.timer.dueAt) + 1000));
    const waited = await until(() => screen.received.some((r) => r.data.id === id && r.data.reason === "overdue"));
    expect(waited).toBeLessThan(2000);
    expect(screen.received.find((r) => r.data.reason === "overdue")!.data).toMatchObject({ id, light: "red" });
    screen.close();
  });

  it("refuses a node outside the caller's subtree (404) and a role without figures (403)", async () => {
    const outside = await openScreen("township_cadre", node("T2"));
    expect(outside.status).toBe(404);
    outside.close();
    const sysadmin = await openScreen("sys_admin", node("T1"));
    expect(sysadmin.status).toBe(403);
    sysadmin.close();
  });
});
