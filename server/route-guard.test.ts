import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { createTestContext, seedSmallCity, type TestContext } from "./test/harness";

/**
 * Every route of the API, taken from the OpenAPI document: without a session it answers 401 (before
 * it even reads the input), and with a session but without the CSRF token a change answers 403.
 * Only the sign-in, health and the residents' public side are open.
 */
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  await seedSmallCity(t.db);
});
afterAll(async () => t.close());

const open = (path: string) => path === "/api/auth/login" || path === "/api/health" || path.startsWith("/api/public/");

function operations() {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/"))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path, url: path.replace(/\{[^}]+\}/g, "1") })));
}

describe("route guard", () => {
  it("covers a sizeable API", () => {
    expect(operations().length).toBeGreaterThan(60);
  });

  it("answers 401 to every closed route without a session", async () => {
    for (const op of operations().filter((candidate) => !open(candidate.path))) {
      const response = await t.app.inject({ method: op.method as "GET", url: op.url, payload: op.method === "GET" ? undefined : {} });
      expect([op.method, op.path, response.statusCode]).toEqual([op.method, op.path, 401]);
    }
  });

  it("sends the security headers on every route, signed in or not, and on unknown paths", async () => {
    const admin = await t.login("campaign_admin");
    for (const op of operations()) {
      const anonymous = await t.app.inject({ method: op.method as "GET", url: op.url, payload: op.method === "GET" ? undefined : {} });
      const signedIn = await admin.request({ method: op.method as "GET", url: op.url, payload: op.method === "GET" ? undefined : {} });
      expect([op.method, op.path, securityHeaders(anonymous)]).toEqual([op.method, op.path, strict]);
      expect([op.method, op.path, securityHeaders(signedIn)]).toEqual([op.method, op.path, strict]);
    }
    for (const url of ["/api/no-such-route", "/no-such-page", "/docs", "/docs/json", "/open311/v2/discovery.json"]) {
      expect([url, securityHeaders(await t.app.inject({ method: "GET", url }))]).toEqual([url, strict]);
    }
  });

  it("sends HSTS only when the platform runs behind TLS (SECURE_COOKIES)", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/health" })).headers["strict-transport-security"]).toBeUndefined();
    const secure = await createTestContext({ secureCookies: true }, t.database);
    try {
      const response = await secure.app.inject({ method: "GET", url: "/api/health" });
      expect(response.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
      expect(response.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    } finally {
      await secure.app.close();
    }
  });

  it("answers 403 to every change sent without the CSRF token, whoever asks", async () => {
    const admin = await t.login("campaign_admin");
    for (const op of operations().filter((candidate) => candidate.method !== "GET" && !open(candidate.path))) {
      const response = await admin.request({ method: op.method as "POST", url: op.url, payload: {}, headers: { "x-csrf-token": "" } });
      expect([op.method, op.path, response.statusCode, response.json().error.code]).toEqual([op.method, op.path, 403, "csrf"]);
    }
  });
});

const strict = { nosniff: "nosniff", frame: "DENY", ancestors: true, scripts: true, objects: true };

/** What the browser needs to refuse framing, sniffing and any script not served by the platform itself. */
function securityHeaders(response: LightMyRequestResponse) {
  const csp = String(response.headers["content-security-policy"] ?? "");
  return {
    nosniff: response.headers["x-content-type-options"],
    frame: response.headers["x-frame-options"],
    ancestors: /(^|;)\s*frame-ancestors 'none'/.test(csp),
    scripts: /(^|;)\s*script-src 'self'(;|$)/.test(csp),
    objects: /(^|;)\s*object-src 'none'/.test(csp),
  };
}
