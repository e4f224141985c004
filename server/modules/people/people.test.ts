import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;
let secretary: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  secretary = await t.login("village_secretary");
});
afterAll(async () => t.close());

const micro = () => city.nodes.get("T1V1G1M1")!;

describe("people", () => {
  it("registers a person and shows their ID number, phone and address masked", async () => {
    const created = await secretary.post("/api/persons", {
      nodeId: micro().id,
      name: "王秀英",
      gender: "F",
      phone: "13812345678",
      idNumber: "140882198001010020",
      address: "山西省河津市清涧街道东关村12号",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ phone: "138****5678", idNumber: "1408**********0020", address: expect.stringMatching(/\*{4}$/) });
    expect(created.json().address).not.toContain("12号");
    const listed = (await secretary.get(`/api/persons?q=${encodeURIComponent("秀英")}`)).json();
    expect(listed.total).toBe(1);
    expect(JSON.stringify(listed)).not.toContain("13812345678");
  });

  it("refuses an ID number whose check digit is wrong", async () => {
    const response = await secretary.post("/api/persons", { nodeId: micro().id, name: "错号", gender: "M", idNumber: "140882198001010021" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].field).toBe("idNumber");
  });

  it("reveals a field in clear only to a role that needs it", async () => {
    const person = (await secretary.get(`/api/persons?q=${encodeURIComponent("秀英")}`)).json().items[0];
    expect(person.abilities.reveal).toBe(true);
    expect((await secretary.post(`/api/persons/${person.id}/reveal`, { field: "idNumber" })).json().value).toBe("140882198001010020");
    const leader = await t.login("leader");
    const seen = (await leader.get(`/api/persons/${person.id}`)).json();
    expect(seen.abilities.reveal).toBe(false);
    expect((await leader.post(`/api/persons/${person.id}/reveal`, { field: "idNumber" })).statusCode).toBe(403);
  });

  it("paginates and filters by post and party membership", async () => {
    const page = (await secretary.get("/api/persons?pageSize=2&page=1")).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const workers = (await secretary.get("/api/persons?post=grid_worker")).json();
    expect(workers.items.map((p: { name: string }) => p.name)).toEqual(["网格员甲"]);
    expect(workers.items[0].posts[0]).toMatchObject({ post: "grid_worker", title: "专职网格员" });
  });

  it("detects a concurrent edit and keeps the first one", async () => {
    const person = (await secretary.get(`/api/persons?q=${encodeURIComponent("秀英")}`)).json().items[0];
    const first = await secretary.patch(`/api/persons/${person.id}`, { version: person.version, name: "王秀英甲" });
    const second = await secretary.patch(`/api/persons/${person.id}`, { version: person.version, name: "王秀英乙" });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect((await secretary.get(`/api/persons/${person.id}`)).json().name).toBe("王秀英甲");
  });

  it("moves a person only to a node the caller manages", async () => {
    const person = (await secretary.get(`/api/persons?q=${encodeURIComponent("秀英")}`)).json().items[0];
    const away = await secretary.patch(`/api/persons/${person.id}`, { version: person.version, nodeId: city.nodes.get("T1V2G1M1")!.id });
    expect(away.statusCode).toBe(404);
  });

  it("soft-deletes with a reason: gone from lists, kept in the database and the audit trail", async () => {
    const person = (await secretary.get(`/api/persons?q=${encodeURIComponent("秀英")}`)).json().items[0];
    const deleted = await secretary.delete(`/api/persons/${person.id}`, { version: person.version, reason: "迁出本村" });
    expect(deleted.statusCode).toBe(200);
    expect((await secretary.get(`/api/persons/${person.id}`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/persons?q=${encodeURIComponent("秀英")}`)).json().total).toBe(0);
    const audit = await t.login("audit_admin");
    const entry = (await audit.get("/api/audit?action=person.delete")).json().items[0];
    expect(entry.after).toEqual({ reason: "迁出本村" });
    expect(JSON.stringify(entry)).not.toContain("140882198001010020");
  });
});
