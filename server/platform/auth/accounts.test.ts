import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;
let sys: Session;
let sec: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await seedOtherCity(t.db);
  sys = await t.login("sys_admin");
  sec = await t.login("security_admin");
});
afterAll(async () => t.close());

describe("accounts and the separation of the three administrators (三员分立)", () => {
  it("the system administrator creates an account with a strong password, and it must change it on first sign-in", async () => {
    const weak = await sys.post("/api/accounts", { username: "li.ming", displayName: "李明", cityId: city.cityId, password: "abc" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].field).toBe("password");
    const created = await sys.post("/api/accounts", { username: "li.ming", displayName: "李明", cityId: city.cityId, password: "Start#Pass2026" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: "li.ming", mustChangePassword: true, roles: [] });
    const duplicate = await sys.post("/api/accounts", { username: "li.ming", displayName: "李明二", cityId: city.cityId, password: "Start#Pass2026" });
    expect(duplicate.statusCode).toBe(409);
    const first = await t.login("li.ming", "Start#Pass2026");
    expect((await first.get("/api/auth/me")).json().mustChangePassword).toBe(true);
  });

  it("only the security administrator grants roles, at a node of the right kind", async () => {
    const user = (await sys.get("/api/accounts?q=li.ming")).json().items[0];
    expect((await sys.post(`/api/accounts/${user.id}/roles`, { role: "leader", nodeId: city.nodes.get("T1")!.id })).statusCode).toBe(403);
    const wrongKind = await sec.post(`/api/accounts/${user.id}/roles`, { role: "village_secretary", nodeId: city.nodes.get("T1")!.id });
    expect(wrongKind.statusCode).toBe(400);
    const granted = await sec.post(`/api/accounts/${user.id}/roles`, { role: "village_secretary", nodeId: city.nodes.get("T1V2")!.id });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().roles).toEqual([expect.objectContaining({ role: "village_secretary", nodeName: "第1镇2村" })]);
    const session = await t.login("li.ming", "Start#Pass2026");
    expect((await session.post("/api/auth/password", { currentPassword: "Start#Pass2026", newPassword: "Own#Choice2026" })).statusCode).toBe(200);
    expect((await session.get("/api/orgs/roots")).json().items.map((n: { name: string }) => n.name)).toEqual(["第1镇2村"]);
    expect((await sec.post(`/api/accounts/${user.id}/roles`, { role: "village_secretary", nodeId: city.nodes.get("T1V2")!.id })).statusCode).toBe(409);
  });

  it("keeps the three system roles apart from each other and from business roles", async () => {
    const created = (await sys.post("/api/accounts", { username: "ops.two", displayName: "运维二", cityId: null, password: "Start#Pass2026" })).json();
    expect((await sec.post(`/api/accounts/${created.id}/roles`, { role: "sys_admin", nodeId: null })).statusCode).toBe(201);
    const second = await sec.post(`/api/accounts/${created.id}/roles`, { role: "audit_admin", nodeId: null });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("separation_of_duties");
    const business = await sec.post(`/api/accounts/${created.id}/roles`, { role: "supervisor", nodeId: city.nodes.get("T1")!.id });
    expect(business.statusCode).toBe(409);
    const self = await sec.post(`/api/accounts/${city.accounts.get("security_admin")}/roles`, { role: "sys_admin", nodeId: null });
    expect(self.statusCode).toBe(403);
  });

  it("the audit administrator reads accounts and the trail but changes neither", async () => {
    const audit = await t.login("audit_admin");
    expect((await audit.get("/api/accounts")).statusCode).toBe(200);
    expect((await audit.post("/api/accounts", { username: "x.y", displayName: "X", cityId: null, password: "Start#Pass2026" })).statusCode).toBe(403);
    expect((await audit.post(`/api/accounts/${city.accounts.get("leader")}/unlock`)).statusCode).toBe(403);
    expect((await sys.get("/api/audit")).statusCode).toBe(403);
    expect((await sec.get("/api/audit")).statusCode).toBe(403);
  });

  it("a city's campaign office sees its own city's accounts only", async () => {
    const office = await t.login("campaign_admin");
    const names = (await office.get("/api/accounts?pageSize=200")).json().items.map((a: { username: string }) => a.username);
    expect(names).toContain("leader");
    expect(names).not.toContain("sys_admin");
    expect((await office.get(`/api/accounts/${city.accounts.get("sys_admin")}`)).statusCode).toBe(404);
  });

  it("disabling an account ends its sessions; resetting a password forces a change", async () => {
    const leader = await t.login("leader");
    const account = (await sys.get(`/api/accounts/${city.accounts.get("leader")}`)).json();
    const disabled = await sys.patch(`/api/accounts/${account.id}`, { version: account.version, disabled: true });
    expect(disabled.json().disabled).toBe(true);
    expect((await leader.get("/api/auth/me")).statusCode).toBe(401);
    const enabled = await sys.patch(`/api/accounts/${account.id}`, { version: disabled.json().version, disabled: false });
    const reset = await sys.post(`/api/accounts/${account.id}/reset-password`, { version: enabled.json().version, password: "Reset#Pass2026" });
    expect(reset.json().mustChangePassword).toBe(true);
    expect((await t.login("leader", "Reset#Pass2026")).username).toBe("leader");
    expect((await sys.patch(`/api/accounts/${city.accounts.get("sys_admin")}`, { version: 1, disabled: true })).statusCode).toBe(403);
  });
});
