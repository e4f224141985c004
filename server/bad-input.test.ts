import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";

/**
 * Every route that takes a body or a query is fed malformed JSON, wrong types, oversize strings and
 * unknown fields: each must answer 400 naming the field, and no table may change. The list of routes
 * comes from the OpenAPI document, so a new route without a valid example here fails the suite.
 */
let t: TestContext;
let city: SmallCity;
let session: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  session = await t.login("campaign_admin");
});
afterAll(async () => t.close());

const id = () => city.nodes.get("T1V1")!.id;
const validBodies: Record<string, () => Record<string, unknown>> = {
  "POST /api/auth/login": () => ({ username: "leader", password: "Whatever#2026" }),
  "POST /api/auth/password": () => ({ currentPassword: "Whatever#2026", newPassword: "Another#2026x" }),
  "POST /api/accounts": () => ({ username: "fresh.user", displayName: "新用户", cityId: null, password: "Fresh#Pass2026" }),
  "PATCH /api/accounts/{id}": () => ({ version: 1, displayName: "改名" }),
  "POST /api/accounts/{id}/reset-password": () => ({ version: 1, password: "Fresh#Pass2026" }),
  "POST /api/accounts/{id}/roles": () => ({ role: "leader", nodeId: id() }),
  "POST /api/orgs": () => ({ parentId: id(), kind: "grid", code: "NEWG", name: "新网格" }),
  "PATCH /api/orgs/{id}": () => ({ version: 1, name: "新名" }),
  "POST /api/orgs/{id}/move": () => ({ version: 1, parentId: id() }),
  "POST /api/orgs/{id}/retire": () => ({ version: 1, reason: "合并" }),
  "POST /api/persons": () => ({ nodeId: id(), name: "张三", gender: "M" }),
  "PATCH /api/persons/{id}": () => ({ version: 1, name: "李四" }),
  "DELETE /api/persons/{id}": () => ({ version: 1, reason: "迁出" }),
  "POST /api/persons/{id}/reveal": () => ({ field: "phone" }),
};

interface Operation {
  key: string;
  method: string;
  path: string;
  hasBody: boolean;
  queryParams: string[];
}

function operations(): Operation[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string; name: string }[] }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith("/api/")) continue;
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        hasBody: Boolean(op.requestBody),
        queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      });
    }
  }
  return ops;
}

async function tableCounts(): Promise<string> {
  const tables = ["org_nodes", "org_node_history", "persons", "posts", "households", "users", "role_assignments", "audit_log"];
  const parts = [];
  for (const table of tables) {
    const result = (await t.db.execute(sql.raw(`SELECT count(*)::int AS n, coalesce(max(${table === "audit_log" || table === "org_node_history" ? "id" : "1"}), 0)::text AS m FROM ${table}`))) as unknown as { rows: { n: number; m: string }[] };
    parts.push(`${table}=${result.rows[0]!.n}`);
  }
  const versions = (await t.db.execute(sql`SELECT coalesce(sum(version), 0)::int AS v FROM org_nodes`)) as unknown as { rows: { v: number }[] };
  return `${parts.join(" ")} nodeVersions=${versions.rows[0]!.v}`;
}

function urlOf(path: string): string {
  return path.replace("{id}", String(id()));
}

async function send(op: Operation, payload: string, contentType = "application/json") {
  return session.request({ method: op.method as "POST", url: urlOf(op.path), payload, headers: { "content-type": contentType } });
}

describe("bad input", () => {
  it("has a valid example body for every route that takes one", () => {
    const withBody = operations().filter((op) => op.hasBody).map((op) => op.key).sort();
    expect(withBody).toEqual(Object.keys(validBodies).sort());
  });

  it("answers malformed JSON, a wrong body type, wrong field types, oversize strings and unknown fields with 400, changing nothing", async () => {
    const before = await tableCounts();
    for (const op of operations().filter((candidate) => candidate.hasBody)) {
      const valid = validBodies[op.key]!();
      const cases: [string, string][] = [
        ["malformed JSON", '{"name": "未闭合'],
        ["a JSON array", "[1,2,3]"],
        ["a JSON string", '"text"'],
        ["an unknown field", JSON.stringify({ ...valid, unexpectedField: 1 })],
      ];
      for (const field of Object.keys(valid)) {
        cases.push([`${field} as an object`, JSON.stringify({ ...valid, [field]: { nested: true } })]);
        if (typeof valid[field] === "string") cases.push([`${field} oversize`, JSON.stringify({ ...valid, [field]: "长".repeat(5000) })]);
        if (typeof valid[field] === "number") cases.push([`${field} negative`, JSON.stringify({ ...valid, [field]: -5 })]);
      }
      for (const [label, payload] of cases) {
        const response = await send(op, payload);
        expect([op.key, label, response.statusCode]).toEqual([op.key, label, 400]);
        const error = response.json().error;
        expect(error.code).toBeTruthy();
        if (label.includes(" as an object") || label.includes("oversize") || label.includes("negative")) {
          expect(error.fields.map((f: { field: string }) => f.field)).toContain(label.split(" ")[0]);
        }
        if (label === "an unknown field") expect(JSON.stringify(error.fields)).toContain("unexpectedField");
      }
    }
    expect(await tableCounts()).toBe(before);
  });

  it("answers a bad path id with 400 on every route that takes one", async () => {
    for (const op of operations().filter((candidate) => candidate.path.includes("{id}"))) {
      for (const bad of ["abc", "-1", "0", "1.5", "99999999999999999999"]) {
        const valid = validBodies[op.key];
        const response = await session.request({ method: op.method as "GET", url: op.path.replace("{id}", bad), ...(valid ? { payload: valid() } : {}) });
        expect([op.key, bad, response.statusCode]).toEqual([op.key, bad, 400]);
      }
    }
  });

  it("answers bad and unknown query parameters with 400 on every route that takes a query", async () => {
    for (const op of operations().filter((candidate) => candidate.queryParams.length > 0)) {
      const unknown = await session.request({ method: "GET", url: `${urlOf(op.path)}?notAParameter=1` });
      expect([op.key, "unknown", unknown.statusCode]).toEqual([op.key, "unknown", 400]);
      for (const param of op.queryParams) {
        const response = await session.request({ method: "GET", url: `${urlOf(op.path)}?${param}=${"x".repeat(300)}` });
        expect([op.key, param, response.statusCode]).toEqual([op.key, param, 400]);
      }
    }
  });

  it("refuses a NUL byte or a control character in text with 400, not a database error", async () => {
    const before = await tableCounts();
    const response = await session.post("/api/persons", { nodeId: id(), name: "张\u0000三", gender: "M" });
    expect(response.statusCode).toBe(400);
    expect(await tableCounts()).toBe(before);
  });
});
