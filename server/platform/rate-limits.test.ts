import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, TEST_PASSWORD, type TestContext } from "../test/harness";

/**
 * Rate limits (issue 10, point 9) on the sign-in, the public side and Open311: per client address and,
 * for Open311, per API key; 429 with Retry-After; staff requests are not counted.
 */
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({ rateLimit: true, rateLimitLogin: 3, rateLimitPublic: 5, rateLimitOpen311: 5, rateLimitApiKey: 3 });
  await seedSmallCity(t.db);
});
afterAll(async () => t.close());

const from = (remoteAddress: string, method: "GET" | "POST", url: string, payload?: string | object, headers?: Record<string, string>) =>
  t.app.inject({ method, url, payload, headers, remoteAddress });

describe("rate limits", () => {
  it("limits sign-ins per client address, with Retry-After", async () => {
    for (let i = 0; i < 3; i++) expect((await from("10.30.0.1", "POST", "/api/auth/login", { username: "leader", password: "Wrong@pass2026" })).statusCode).toBe(401);
    const refused = await from("10.30.0.1", "POST", "/api/auth/login", { username: "leader", password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.headers["x-content-type-options"]).toBe("nosniff");
    expect((await from("10.30.0.2", "POST", "/api/auth/login", { username: "leader", password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it("limits the public side per client address and leaves staff requests alone", async () => {
    const staff = await t.login("campaign_admin");
    for (let i = 0; i < 5; i++) expect((await from("127.0.0.1", "GET", "/api/public/problem-lists")).statusCode).not.toBe(429);
    const refused = await from("127.0.0.1", "GET", "/api/public/problem-lists");
    expect([refused.statusCode, refused.json().error.code]).toEqual([429, "rate_limited"]);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await from("10.31.0.1", "GET", "/api/public/problem-lists")).statusCode).not.toBe(429);
    for (let i = 0; i < 10; i++) expect((await staff.get("/api/orgs/roots")).statusCode).toBe(200);
  });

  it("limits Open311 per client address, answering in the spec's error format", async () => {
    for (let i = 0; i < 5; i++) expect((await from("10.32.0.1", "GET", "/open311/v2/services.json")).statusCode).not.toBe(429);
    const json = await from("10.32.0.1", "GET", "/open311/v2/services.json");
    expect(json.statusCode).toBe(429);
    expect(json.json()).toEqual([{ code: 429, description: expect.stringContaining("retry after") }]);
    const xml = await from("10.32.0.1", "GET", "/open311/v2/services.xml");
    expect([xml.statusCode, xml.headers["content-type"]]).toEqual([429, "text/xml; charset=utf-8"]);
    expect(xml.body).toContain("<code>429</code>");
    expect(Number(xml.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("limits Open311 per API key, whatever address the key is sent from", async () => {
    const post = (address: string, key: string) =>
      from(address, "POST", "/open311/v2/requests.json", `api_key=${key}&service_code=x&lat=35.6&long=110.7&description=test`, { "content-type": "application/x-www-form-urlencoded" });
    for (let i = 0; i < 3; i++) expect((await post(`10.33.0.${i}`, "shared-key")).statusCode).not.toBe(429);
    const refused = await post("10.33.0.9", "shared-key");
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await post("10.33.0.9", "another-key")).statusCode).not.toBe(429);
  });
});
