import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleAssignments } from "../../db/schema";
import { createTestContext, seedSmallCity, TEST_PASSWORD, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;

beforeAll(async () => {
  t = await createTestContext({ lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutSeconds: 1800 });
  city = await seedSmallCity(t.db);
});
afterAll(async () => t.close());

const loginAttempt = (username: string, password: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

describe("sign-in", () => {
  it("signs in with the right password and sets a strict HttpOnly session cookie", async () => {
    const response = await loginAttempt("township_cadre", TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "zhili_sid")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    const me = response.json();
    expect(me.username).toBe("township_cadre");
    expect(me.roles).toEqual([expect.objectContaining({ role: "township_cadre", nodeId: city.nodes.get("T1")!.id })]);
    expect(me.permissions).toContain("person.reveal");
    expect(me.csrfToken).toMatch(/.{20,}/);
  });

  it("refuses a wrong password with 401 and the same answer as an unknown user", async () => {
    const wrong = await loginAttempt("leader", "Wrong@pass2026");
    const unknown = await loginAttempt("nobody.here", "Wrong@pass2026");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("invalid_credentials");
    expect(unknown.json().error.code).toBe("invalid_credentials");
  });

  it("locks an account after five failures, even against the right password, until the lock runs out", async () => {
    for (let i = 0; i < 4; i++) expect((await loginAttempt("supervisor", "Wrong@pass2026")).json().error.code).toBe("invalid_credentials");
    const fifth = await loginAttempt("supervisor", "Wrong@pass2026");
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().error.code).toBe("account_locked");
    const right = await loginAttempt("supervisor", TEST_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe("account_locked");
    t.clock.advance(16 * 60_000);
    expect((await loginAttempt("supervisor", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("lets the security administrator unlock a locked account at once", async () => {
    for (let i = 0; i < 5; i++) await loginAttempt("unit_staff", "Wrong@pass2026");
    expect((await loginAttempt("unit_staff", TEST_PASSWORD)).json().error.code).toBe("account_locked");
    const security = await t.login("security_admin");
    const unlocked = await security.post(`/api/accounts/${city.accounts.get("unit_staff")}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await loginAttempt("unit_staff", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("ends a session after the idle timeout and keeps a busy one alive", async () => {
    const session = await t.login("leader");
    t.clock.advance(20 * 60_000);
    expect((await session.get("/api/auth/me")).statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await session.get("/api/auth/me")).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const idle = await session.get("/api/auth/me");
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe("session_idle");
    expect((await session.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("rejects a state-changing request without the CSRF token, and changes nothing", async () => {
    const session = await t.login("township_cadre");
    const village = city.nodes.get("T1V1")!;
    const before = (await session.get(`/api/orgs/${village.id}`)).json();
    const noToken = await session.request({ method: "PATCH", url: `/api/orgs/${village.id}`, payload: { version: before.version, name: "改名村" }, headers: { "x-csrf-token": "" } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf");
    const wrongToken = await session.request({ method: "PATCH", url: `/api/orgs/${village.id}`, payload: { version: before.version, name: "改名村" }, headers: { "x-csrf-token": "forged" } });
    expect(wrongToken.statusCode).toBe(403);
    expect((await session.get(`/api/orgs/${village.id}`)).json().name).toBe(before.name);
  });

  it("changes the password only with the current one and a strong new one", async () => {
    const session = await t.login("grid_worker");
    const wrongCurrent = await session.post("/api/auth/password", { currentPassword: "nope", newPassword: "Strong#Pass2027" });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.fields[0].field).toBe("currentPassword");
    const weak = await session.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "short" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].field).toBe("newPassword");
    expect((await session.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Strong#Pass2027" })).statusCode).toBe(200);
    expect((await loginAttempt("grid_worker", TEST_PASSWORD)).statusCode).toBe(401);
    expect((await loginAttempt("grid_worker", "Strong#Pass2027")).statusCode).toBe(200);
  });

  it("signs out one session, or every session of the account", async () => {
    const first = await t.login("village_secretary");
    const second = await t.login("village_secretary");
    expect((await first.post("/api/auth/logout")).statusCode).toBe(200);
    expect((await first.get("/api/auth/me")).statusCode).toBe(401);
    expect((await second.get("/api/auth/me")).statusCode).toBe(200);
    const third = await t.login("village_secretary");
    expect((await third.post("/api/auth/logout-all")).json().ended).toBe(2);
    expect((await second.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("answers 401 to a caller without a session", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/orgs/roots" });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("unauthenticated");
  });
});

/**
 * A signed-in request finds its session in a short-lived cache: changes to access made through this
 * server take effect on the very next request; a change made elsewhere (another server process,
 * here a direct update) within a second.
 */
describe("sessions looked up a moment ago", () => {
  it("refuses the next request at once after the account is disabled or a role revoked here", async () => {
    const cadre = await t.login("township_cadre");
    const security = await t.login("security_admin");
    const system = await t.login("sys_admin");
    expect((await cadre.get("/api/orgs/roots")).statusCode).toBe(200);
    const [assignment] = await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, city.accounts.get("township_cadre")!));
    expect((await security.delete(`/api/role-assignments/${assignment!.id}`)).statusCode).toBe(200);
    expect((await cadre.get("/api/auth/me")).json().roles).toEqual([]);

    const secretary = await t.login("village_secretary");
    expect((await secretary.get("/api/auth/me")).statusCode).toBe(200);
    const account = (await system.get(`/api/accounts/${city.accounts.get("village_secretary")}`)).json();
    expect((await system.patch(`/api/accounts/${account.id}`, { version: account.version, disabled: true })).statusCode).toBe(200);
    expect((await secretary.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("sees a session ended by another server process within a second", async () => {
    const worker = await t.login("grid_worker", "Strong#Pass2027");
    expect((await worker.get("/api/auth/me")).statusCode).toBe(200);
    await t.db.execute(sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${city.accounts.get("grid_worker")!} AND revoked_at IS NULL`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await worker.get("/api/auth/me")).statusCode).toBe(401);
  });
});
