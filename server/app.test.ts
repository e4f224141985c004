import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type TestContext } from "./test/harness";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await seedSmallCity(t.db);
});
afterAll(async () => t.close());

describe("the API surface", () => {
  it("answers health with the database it runs on", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
  });

  it("publishes its OpenAPI document without a session", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/auth/login", "/api/orgs/{id}", "/api/persons", "/api/figures", "/api/audit/verify"]));
    expect(doc.paths["/api/auth/login"].post.requestBody).toBeDefined();
  });

  it("answers an unknown API route with 404 in the error format", async () => {
    const response = await (await t.login("leader")).get("/api/no-such-thing");
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("not_found");
  });
});
