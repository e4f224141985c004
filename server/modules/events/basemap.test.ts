import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, createTestContext, seedSmallCity, type Session, type TestContext } from "../../test/harness";

/**
 * The city's base map: the campaign office sets a tile address (天地图's WMTS in key-value form here),
 * every member of the city and the public side read it, a bad address is 400 with the field, a stale
 * version 409, and the pages' CSP lets images come from exactly the configured tile servers.
 */
let t: TestContext;
let admin: Session;
let worker: Session;
const TIANDITU = "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=demo-key";

const imgSrc = (csp: string | undefined) => (csp ?? "").split(";").map((part) => part.trim()).find((part) => part.startsWith("img-src"))!.split(/\s+/).slice(1);

beforeAll(async () => {
  t = await createTestContext();
  await seedSmallCity(t.db);
  admin = await t.login("campaign_admin");
  worker = await t.login("grid_worker");
});
afterAll(async () => t.close());

describe("the base map", () => {
  it("is outlines only until the campaign office sets an address", async () => {
    const shown = await worker.get("/api/base-map");
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ tileUrl: null, subdomains: "", attribution: "", maxZoom: 18, version: 1 });
    const page = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(imgSrc(page.headers["content-security-policy"] as string)).toEqual(["'self'", "data:", "blob:"]);
  });

  it("refuses an address that is not an http(s) tile template, naming the field, and changes nothing", async () => {
    const before = await auditCount(t.db);
    for (const tileUrl of ["javascript:alert(1)//{z}/{x}/{y}", "https://tiles.example.org/{z}/{x}.png", "https://tiles.example.org/{z}/{x}/{y}.png?q={q}", "https://user:pw@tiles.example.org/{z}/{x}/{y}.png", "https://t{s}.example.org/{z}/{x}/{y}.png"]) {
      const refused = await admin.patch("/api/base-map", { version: 1, tileUrl, subdomains: "", attribution: "", maxZoom: 18 });
      expect([tileUrl, refused.statusCode]).toEqual([tileUrl, 400]);
      expect(refused.json().error.fields.map((field: { field: string }) => field.field)).toContain("tileUrl");
    }
    expect(await auditCount(t.db)).toBe(before);
  });

  it("lets only the campaign office set it", async () => {
    const refused = await worker.patch("/api/base-map", { version: 1, tileUrl: TIANDITU, subdomains: "01", attribution: "天地图", maxZoom: 18 });
    expect(refused.statusCode).toBe(403);
  });

  it("is set with an audit entry, read by members and the public, and its tile servers are allowed as image sources", async () => {
    const before = await auditCount(t.db);
    const saved = await admin.patch("/api/base-map", { version: 1, tileUrl: TIANDITU, subdomains: "01", attribution: "天地图", maxZoom: 17 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ tileUrl: TIANDITU, subdomains: "01", attribution: "天地图", maxZoom: 17, version: 2 });
    expect(await auditCount(t.db)).toBe(before + 1);
    expect((await worker.get("/api/base-map")).json().tileUrl).toBe(TIANDITU);
    const shownPublic = await t.app.inject({ method: "GET", url: "/api/public/base-map?city=testcity" });
    expect(shownPublic.json()).toEqual({ tileUrl: TIANDITU, subdomains: "01", attribution: "天地图", maxZoom: 17 });
    const page = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(imgSrc(page.headers["content-security-policy"] as string)).toEqual(["'self'", "data:", "blob:", "https://t0.tianditu.gov.cn", "https://t1.tianditu.gov.cn"]);
    // Scripts and connections stay this origin's only.
    expect(page.headers["content-security-policy"]).toContain("script-src 'self';");
    expect(page.headers["content-security-policy"]).toContain("connect-src 'self';");
  });

  it("answers 409 to a change made from a stale version, and clears back to outlines", async () => {
    const stale = await admin.patch("/api/base-map", { version: 1, tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png", subdomains: "", attribution: "", maxZoom: 18 });
    expect(stale.statusCode).toBe(409);
    const cleared = await admin.patch("/api/base-map", { version: 2, tileUrl: null, subdomains: "", attribution: "", maxZoom: 18 });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().tileUrl).toBeNull();
    const page = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(imgSrc(page.headers["content-security-policy"] as string)).toEqual(["'self'", "data:", "blob:"]);
  });

  it("names an unknown city on the public side", async () => {
    const unknown = await t.app.inject({ method: "GET", url: "/api/public/base-map?city=nowhere" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe("city");
  });
});
