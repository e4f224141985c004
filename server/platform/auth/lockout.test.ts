import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, TEST_PASSWORD, type TestContext } from "../../test/harness";

/**
 * Sign-in locks (issue 10, point 7): the answers never tell an unknown username from a real one, a
 * lock holds per name from one address, per address and per name from anywhere, each lock lasts
 * longer than the last, and the security administrator sees the attempts and the locks.
 */
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({ lockoutThreshold: 5, lockoutMinutes: 15 });
  await seedSmallCity(t.db);
});
afterAll(async () => t.close());

const WRONG = "Wrong@pass2026";
const attempt = (username: string, password: string, from: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress: from });
const answer = async (username: string, password: string, from: string) => {
  const response = await attempt(username, password, from);
  return response.statusCode === 200 ? "ok" : `${response.statusCode} ${response.json().error.code}`;
};

describe("sign-in locks", () => {
  it("answers an unknown username exactly as a real one, before, at and during the lock", async () => {
    const sequence = async (username: string, from: string) => {
      const answers: string[] = [];
      for (let i = 0; i < 6; i++) answers.push(await answer(username, WRONG, from));
      return answers;
    };
    const real = await sequence("leader", "10.1.0.1");
    const unknown = await sequence("nobody.here", "10.1.0.2");
    expect(real).toEqual(["401 invalid_credentials", "401 invalid_credentials", "401 invalid_credentials", "401 invalid_credentials", "401 account_locked", "401 account_locked"]);
    expect(unknown).toEqual(real);
    expect(await answer("leader", TEST_PASSWORD, "10.1.0.1")).toBe("401 account_locked");
    // The lock is on that name from that address: the leader's own machine is not affected.
    expect(await answer("leader", TEST_PASSWORD, "10.1.0.3")).toBe("ok");
  });

  it("keeps a stranger from locking an administrator out of the machine they sign in from", async () => {
    expect(await answer("security_admin", TEST_PASSWORD, "10.2.0.10")).toBe("ok");
    // Guesses from many addresses, a few each: the name locks for every address it never signed in from …
    for (let i = 1; i <= 10; i++) expect(await answer("security_admin", WRONG, `10.66.0.${i}`)).toMatch(/^401 /);
    expect(await answer("security_admin", TEST_PASSWORD, "10.2.0.99")).toBe("401 account_locked");
    expect(await answer("unknown.admin", WRONG, "10.2.0.99")).toBe("401 invalid_credentials");
    // … but not for the administrator's own.
    expect(await answer("security_admin", TEST_PASSWORD, "10.2.0.10")).toBe("ok");
    // Neither does hammering from the administrator's network neighbour lock the administrator's own address.
    for (let i = 0; i < 5; i++) await answer("security_admin", WRONG, "10.2.0.11");
    expect(await answer("security_admin", TEST_PASSWORD, "10.2.0.11")).toBe("401 account_locked");
    expect(await answer("security_admin", TEST_PASSWORD, "10.2.0.10")).toBe("ok");
  });

  it("locks an address that tries many names, whatever name it tries next", async () => {
    for (let i = 0; i < 20; i++) await answer(`sprayed.${i}`, WRONG, "10.3.0.1");
    expect(await answer("grid_worker", TEST_PASSWORD, "10.3.0.1")).toBe("401 account_locked");
    expect(await answer("grid_worker", TEST_PASSWORD, "10.3.0.2")).toBe("ok");
  });

  it("makes each lock twice as long as the one before", async () => {
    const lock = async () => {
      for (let i = 0; i < 5; i++) await answer("unit_staff", WRONG, "10.4.0.1");
    };
    await lock();
    t.clock.advance(16 * 60_000);
    // The first lock has run out; the next five failures lock again, for twice as long.
    await lock();
    t.clock.advance(16 * 60_000);
    expect(await answer("unit_staff", TEST_PASSWORD, "10.4.0.1")).toBe("401 account_locked");
    t.clock.advance(15 * 60_000);
    expect(await answer("unit_staff", TEST_PASSWORD, "10.4.0.1")).toBe("ok");
  });

  it("shows the security administrator the attempts and the locks running, and lets them end one", async () => {
    for (let i = 0; i < 5; i++) await answer("nobody.else", WRONG, "10.5.0.1");
    for (let i = 0; i < 20; i++) await answer(`sprayed.${i}`, WRONG, "10.5.0.9");
    const security = await t.login("security_admin");
    const attempts = (await security.get("/api/security/login-attempts?username=nobody.else")).json();
    expect(attempts.total).toBe(5);
    expect(attempts.items[0]).toMatchObject({ username: "nobody.else", accountExists: false, ip: "10.5.0.1", outcome: "failed_locked" });
    expect((await security.get("/api/security/login-attempts?username=leader&outcome=success")).json().items[0]).toMatchObject({ accountExists: true, ip: "10.1.0.3" });
    const locks = (await security.get("/api/security/login-locks")).json().items;
    expect(locks).toEqual(expect.arrayContaining([expect.objectContaining({ key: "user:nobody.else|10.5.0.1", kind: "account_address", locks: 1 })]));
    expect(locks).toEqual(expect.arrayContaining([expect.objectContaining({ key: "ip:10.5.0.9", kind: "address" })]));
    expect(await answer("grid_worker", TEST_PASSWORD, "10.5.0.9")).toBe("401 account_locked");
    expect((await security.post("/api/security/login-locks/clear", { key: "ip:10.5.0.9" })).statusCode).toBe(200);
    expect((await security.post("/api/security/login-locks/clear", { key: "ip:10.5.0.9" })).statusCode).toBe(404);
    expect(await answer("grid_worker", TEST_PASSWORD, "10.5.0.9")).toBe("ok");

    const system = await t.login("sys_admin");
    expect((await system.get("/api/security/login-attempts")).statusCode).toBe(403);
    expect((await system.get("/api/security/login-locks")).statusCode).toBe(403);
  });
});
