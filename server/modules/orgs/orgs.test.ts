import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
});
afterAll(async () => t.close());

const node = (code: string) => city.nodes.get(code)!;

describe("the tree", () => {
  it("starts each caller at the top of their own scope", async () => {
    expect((await cadre.get("/api/orgs/roots")).json().items.map((n: { name: string }) => n.name)).toEqual(["第1镇"]);
    expect((await admin.get("/api/orgs/roots")).json().items.map((n: { name: string }) => n.name)).toEqual(["测试市"]);
    const worker = await t.login("grid_worker");
    expect((await worker.get("/api/orgs/roots")).json().items.map((n: { kind: string }) => n.kind)).toEqual(["grid"]);
  });

  it("lists children with their child counts, and searches only within scope", async () => {
    const children = (await cadre.get(`/api/orgs/${node("T1").id}/children`)).json();
    expect(children.items.map((n: { code: string; childCount: number }) => [n.code, n.childCount])).toEqual([
      ["T1V1", 1],
      ["T1V2", 1],
    ]);
    const found = (await cadre.get(`/api/orgs/search?q=${encodeURIComponent("2村")}`)).json();
    const names = found.items.map((n: { name: string }) => n.name);
    expect(names[0]).toBe("第1镇2村");
    expect(names.every((name: string) => name.startsWith("第1镇"))).toBe(true);
    const adminFound = (await admin.get(`/api/orgs/search?q=${encodeURIComponent("2村")}`)).json();
    expect(adminFound.items.slice(0, 2).map((n: { name: string }) => n.name)).toEqual(["第1镇2村", "第2镇2村"]);
  });

  it("lists the nodes of a kind in a subtree: the list behind a count", async () => {
    const micro = (await cadre.get(`/api/orgs/${node("T1").id}/descendants?kind=micro_grid&pageSize=3`)).json();
    expect(micro.total).toBe(4);
    expect(micro.items).toHaveLength(3);
    expect(micro.items.every((n: { kind: string; path: string }) => n.kind === "micro_grid" && n.path.startsWith(node("T1").path))).toBe(true);
    const figures = (await cadre.get(`/api/figures?org=${node("T1").id}`)).json().figures;
    expect(figures["grid.microGrids"]).toBe(micro.total);
    expect((await cadre.get(`/api/orgs/${node("T2").id}/descendants`)).statusCode).toBe(404);
  });

  it("shows a node with its ancestors and what the caller may do with it", async () => {
    const detail = (await cadre.get(`/api/orgs/${node("T1V1G1").id}`)).json();
    expect(detail.ancestors.map((a: { name: string }) => a.name)).toEqual(["测试市", "第1镇", "第1镇1村"]);
    expect(detail.abilities).toMatchObject({ update: true, createChild: true, readPeople: true });
    const own = (await cadre.get(`/api/orgs/${node("T1").id}`)).json();
    expect(own.abilities).toMatchObject({ update: false, move: false, retire: false, createChild: true });
  });

  it("creates a node only of a kind that fits under its parent, with a unique code", async () => {
    const wrongKind = await cadre.post("/api/orgs", { parentId: node("T1V1").id, kind: "micro_grid", code: "X1", name: "错层" });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.fields[0].field).toBe("kind");
    const created = await cadre.post("/api/orgs", { parentId: node("T1V1").id, kind: "grid", code: "T1V1G2", name: "第1镇1村二网格" });
    expect(created.statusCode).toBe(201);
    expect(created.json().path).toBe(`${node("T1V1").path}${created.json().id}/`);
    const duplicate = await cadre.post("/api/orgs", { parentId: node("T1V1").id, kind: "grid", code: "T1V1G2", name: "重复" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("duplicate_code");
  });

  it("renames with history, and refuses a stale version with 409", async () => {
    const current = (await cadre.get(`/api/orgs/${node("T1V2").id}`)).json();
    const renamed = await cadre.patch(`/api/orgs/${node("T1V2").id}`, { version: current.version, name: "新河村" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().version).toBe(current.version + 1);
    const stale = await cadre.patch(`/api/orgs/${node("T1V2").id}`, { version: current.version, name: "旧版本" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("version_conflict");
    const history = (await cadre.get(`/api/orgs/${node("T1V2").id}/history`)).json().items;
    expect(history.map((h: { action: string; before: { name: string }; after: { name: string } }) => [h.action, h.before.name, h.after.name])).toEqual([
      ["rename", current.name, "新河村"],
    ]);
  });

  it("moves a subtree with every descendant's path, and never under itself", async () => {
    const grid = (await admin.get(`/api/orgs/${node("T2V2G1").id}`)).json();
    const intoItself = await admin.post(`/api/orgs/${node("T2V2").id}/move`, { version: 1, parentId: node("T2V2G1").id });
    expect(intoItself.statusCode).toBe(400);
    const moved = await admin.post(`/api/orgs/${grid.id}/move`, { version: grid.version, parentId: node("T1V1").id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`${node("T1V1").path}${grid.id}/`);
    const micro = (await admin.get(`/api/orgs/${node("T2V2G1M1").id}`)).json();
    expect(micro.path).toBe(`${node("T1V1").path}${grid.id}/${micro.id}/`);
    expect(micro.ancestors.map((a: { name: string }) => a.name)).toContain("第1镇1村");
    // The moved grid is now inside the township cadre's scope, and out of the other township's.
    expect((await cadre.get(`/api/orgs/${node("T2V2G1M1").id}`)).statusCode).toBe(200);
  });

  it("retires a node only when nothing still hangs on it", async () => {
    const village = (await admin.get(`/api/orgs/${node("T2V1").id}`)).json();
    const withChildren = await admin.post(`/api/orgs/${village.id}/retire`, { version: village.version, reason: "撤并" });
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().error.code).toBe("has_children");
    const micro = (await admin.get(`/api/orgs/${node("T2V1G1M1").id}`)).json();
    const withPeople = await admin.post(`/api/orgs/${micro.id}/retire`, { version: micro.version, reason: "撤并" });
    expect(withPeople.statusCode).toBe(409);
    expect(withPeople.json().error.code).toBe("has_records");
    const empty = (await admin.post("/api/orgs", { parentId: node("T2V1G1").id, kind: "micro_grid", code: "EMPTY1", name: "空微网格" })).json();
    const retired = await admin.post(`/api/orgs/${empty.id}/retire`, { version: empty.version, reason: "撤并" });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().retiredAt).not.toBeNull();
    const children = (await admin.get(`/api/orgs/${node("T2V1G1").id}/children`)).json();
    expect(children.items.map((n: { code: string }) => n.code)).not.toContain("EMPTY1");
    const withRetired = (await admin.get(`/api/orgs/${node("T2V1G1").id}/children?includeRetired=true`)).json();
    expect(withRetired.items.map((n: { code: string }) => n.code)).toContain("EMPTY1");
    expect((await admin.patch(`/api/orgs/${empty.id}`, { version: retired.json().version, name: "复活" })).statusCode).toBe(409);
  });
});
