import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heldWithoutNode, roleNames, roles, type RoleName } from "../../../shared/permissions";
import { createTestContext, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * 三员分立 against password resets: the penetration test's path (the system administrator resets an
 * auditor's password and reads the trail) is closed by a second administrator's approval, and an
 * exploration tries every call of each system role, in every order over two rounds, checking after
 * each change that the role has not come to hold anybody else's rights.
 */
let t: TestContext;
let city: SmallCity;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
});
afterAll(async () => t.close());

let address = 0;
/** A sign-in from an address of its own, so the lockout never stands in for the rule under test. */
async function signIn(username: string, password: string, on: TestContext = t) {
  address++;
  return on.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress: `10.20.${address >> 8}.${address & 255}` });
}

async function account(session: Session, id: number) {
  return (await session.get(`/api/accounts/${id}`)).json() as { id: number; version: number; abilities: Record<string, boolean>; mustChangePassword: boolean };
}

describe("a reset of an account with rights of its own needs a second administrator", () => {
  it("closes the penetration test's path: the reset waits, the trail stays shut, the approval and the holder's notice follow", async () => {
    const sys = await t.login("sys_admin");
    const sec = await t.login("security_admin");
    const created = (await sys.post("/api/accounts", { username: "auditor.two", displayName: "审计员二", cityId: null, password: "First#Pass2026" })).json();
    expect((await sec.post(`/api/accounts/${created.id}/roles`, { role: "audit_admin", nodeId: null })).statusCode).toBe(201);
    const holder = await t.login("auditor.two", "First#Pass2026");
    expect((await holder.get("/api/audit")).json().error.code).toBe("password_change_required");
    expect((await holder.post("/api/auth/password", { currentPassword: "First#Pass2026", newPassword: "Holder#Own2026" })).statusCode).toBe(200);

    const target = await account(sys, created.id);
    expect(target.abilities).toMatchObject({ resetPassword: false, requestPasswordReset: true });
    const asked = await sys.post(`/api/accounts/${created.id}/reset-password`, { version: target.version, password: "Taken#Over2026" });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toMatchObject({ status: "pending", username: "auditor.two", requestedBy: "sys_admin", abilities: { approve: false } });
    expect((await signIn("auditor.two", "Taken#Over2026")).statusCode).toBe(401);
    expect((await signIn("auditor.two", "Holder#Own2026")).statusCode).toBe(200);
    const again = await sys.post(`/api/accounts/${created.id}/reset-password`, { version: target.version, password: "Second#Try2026" });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "reset_pending"]);

    const reset = asked.json();
    expect((await sys.post(`/api/password-resets/${reset.id}/approve`, { version: reset.version })).statusCode).toBe(403);
    expect((await (await t.login("audit_admin")).post(`/api/password-resets/${reset.id}/approve`, { version: reset.version })).statusCode).toBe(403);
    expect((await sec.post(`/api/password-resets/${reset.id}/approve`, { version: reset.version + 1 })).statusCode).toBe(409);
    const pending = (await sec.get("/api/password-resets?status=pending")).json();
    expect(pending.items).toEqual([expect.objectContaining({ id: reset.id, abilities: { approve: true, reject: true } })]);
    const approved = await sec.post(`/api/password-resets/${reset.id}/approve`, { version: reset.version });
    expect(approved.json()).toMatchObject({ status: "applied", decidedBy: "security_admin" });
    expect((await sec.post(`/api/password-resets/${reset.id}/approve`, { version: approved.json().version })).statusCode).toBe(409);

    expect((await signIn("auditor.two", "Holder#Own2026")).statusCode).toBe(401);
    const after = await t.login("auditor.two", "Taken#Over2026");
    const me = (await after.get("/api/auth/me")).json();
    expect(me).toMatchObject({ mustChangePassword: true, passwordReset: { by: "sys_admin", approvedBy: "security_admin" } });
    expect((await after.get("/api/audit")).statusCode).toBe(403);

    const trail = (await (await t.login("audit_admin")).get("/api/audit?limit=200")).json().items.map((e: { action: string; actorUsername: string | null }) => `${e.action} ${e.actorUsername}`);
    expect(trail).toEqual(expect.arrayContaining(["account.reset_password_requested sys_admin", "account.reset_password_approved security_admin", "account.reset_password security_admin"]));
  });

  it("lets the security administrator refuse a reset, and nobody decide a reset of their own account", async () => {
    const sys = await t.login("sys_admin");
    const sec = await t.login("security_admin");
    const secretary = await account(sys, city.accounts.get("village_secretary")!);
    expect(secretary.abilities.resetPassword).toBe(false);
    const asked = (await sys.post(`/api/accounts/${secretary.id}/reset-password`, { version: secretary.version, password: "Taken#Over2026" })).json();
    const refused = await sec.post(`/api/password-resets/${asked.id}/reject`, { version: asked.version });
    expect(refused.json()).toMatchObject({ status: "rejected", decidedBy: "security_admin" });
    expect((await signIn("village_secretary", "Taken#Over2026")).statusCode).toBe(401);
    expect((await signIn("village_secretary", TEST_PASSWORD)).statusCode).toBe(200);

    const own = await account(sys, city.accounts.get("security_admin")!);
    const ownReset = (await sys.post(`/api/accounts/${own.id}/reset-password`, { version: own.version, password: "Taken#Over2026" })).json();
    expect((await sec.post(`/api/password-resets/${ownReset.id}/approve`, { version: ownReset.version })).statusCode).toBe(403);
    expect((await sec.post(`/api/password-resets/${ownReset.id}/reject`, { version: ownReset.version })).statusCode).toBe(403);
  });

  it("resets an account without such rights at once, forces a new password and tells the holder", async () => {
    const sys = await t.login("sys_admin");
    const leader = await account(sys, city.accounts.get("leader")!);
    expect(leader.abilities).toMatchObject({ resetPassword: true, requestPasswordReset: false });
    const reset = await sys.post(`/api/accounts/${leader.id}/reset-password`, { version: leader.version, password: "Reset#Pass2026" });
    expect([reset.statusCode, reset.json().mustChangePassword]).toEqual([200, true]);
    const session = await t.login("leader", "Reset#Pass2026");
    expect((await session.get("/api/auth/me")).json().passwordReset).toMatchObject({ by: "sys_admin", approvedBy: null });
    expect((await session.get("/api/orgs/roots")).json().error.code).toBe("password_change_required");
    expect((await session.post("/api/auth/password", { currentPassword: "Reset#Pass2026", newPassword: TEST_PASSWORD + "x" })).statusCode).toBe(200);
    expect((await session.get("/api/orgs/roots")).statusCode).toBe(200);
    expect((await session.get("/api/auth/me")).json().passwordReset).toBeNull();
  });
});

/**
 * The exploration. Each system role, alone, calls everything it might use to reach another account:
 * create an account, reset a password, grant every role to every account (itself included), unlock,
 * approve whatever reset waits. It knows only the passwords it chose itself. After each call that
 * succeeds it signs in to every account whose password it knows, chooses a new password where it must,
 * and checks that it holds no permission of another system role and no right to reveal personal data. Two rounds run every call against every
 * account, so every pair of calls happens in both orders, with the accounts the first round created.
 */
const systemRoles = ["sys_admin", "security_admin", "audit_admin"] as const;

function nodeFor(city: SmallCity, role: RoleName): number | null {
  const heldAt: Partial<Record<RoleName, string>> = { township_cadre: "T2", village_secretary: "T2V1", grid_worker: "T2V1G1" };
  if (heldWithoutNode(role)) return null;
  return city.nodes.get(heldAt[role] ?? "C")!.id;
}

describe.each(systemRoles)("%s alone", (role) => {
  let t: TestContext;
  let city: SmallCity;
  // A database of its own: what one role's exploration changed is no starting point for another's.
  beforeAll(async () => {
    t = await createTestContext();
    city = await seedSmallCity(t.db);
  });
  afterAll(async () => t.close());

  it("cannot come to hold another role's rights by any sequence of its own calls", async () => {
    const self = await t.login(role);
    const own = new Set<string>((await self.get("/api/auth/me")).json().permissions);
    // Another system role's rights, and the right to see personal data: what no administrator may take alone.
    const guarded = new Set<string>([...systemRoles.flatMap((other) => roles[other].permissions), "person.reveal"].filter((p) => !own.has(p)));
    const known = new Map<string, string>();
    const gained: string[] = [];
    let created = 0;
    let changes = 0;

    const check = async (step: string) => {
      await t.db.execute(sql`DELETE FROM login_throttles`);
      for (const permission of (await self.get("/api/auth/me")).json().permissions as string[]) if (guarded.has(permission)) gained.push(`${step}: ${role} itself holds ${permission}`);
      for (const [username, password] of known) {
        const response = await signIn(username, password, t);
        if (response.statusCode !== 200) {
          expect([username, response.json().error.code]).toEqual([username, "invalid_credentials"]);
          continue;
        }
        const cookies = { zhili_sid: response.cookies.find((c) => c.name === "zhili_sid")!.value };
        let permissions: string[] = response.json().permissions;
        if (response.json().mustChangePassword) {
          const chosen = `${password}9`;
          await t.app.inject({ method: "POST", url: "/api/auth/password", cookies, headers: { "x-csrf-token": response.json().csrfToken }, payload: { currentPassword: password, newPassword: chosen } });
          known.set(username, chosen);
          permissions = (await t.app.inject({ method: "GET", url: "/api/auth/me", cookies })).json().permissions;
        }
        for (const permission of permissions) if (guarded.has(permission)) gained.push(`${step}: signed in as ${username}, holds ${permission}`);
      }
    };
    const attempt = async (step: string, call: Promise<{ statusCode: number }>, onSuccess?: () => void) => {
      const response = await call;
      if (response.statusCode < 300) {
        changes++;
        onSuccess?.();
        await check(step);
      }
    };

    for (let round = 1; round <= 2; round++) {
      created++;
      const username = `x.${role.replace("_", "")}.${created}`;
      const password = `Chosen#${created}Pw2026`;
      await attempt(`create ${username}`, self.post("/api/accounts", { username, displayName: "探索账号", cityId: null, password }), () => known.set(username, password));
      const accounts = (await self.get("/api/accounts?pageSize=200")).json().items ?? [];
      const targets: { id: number; username: string }[] = accounts.length ? accounts : [...city.accounts].map(([name, id]) => ({ id, username: name }));
      for (const target of targets) {
        const current = (await self.get(`/api/accounts/${target.id}`)).json();
        const chosen = `Reset#${round}${target.id}Pw2026`;
        await attempt(`reset ${target.username}`, self.post(`/api/accounts/${target.id}/reset-password`, { version: current.version ?? 1, password: chosen }), () => known.set(target.username, chosen));
        await attempt(`unlock ${target.username}`, self.post(`/api/accounts/${target.id}/unlock`));
        for (const granted of roleNames) {
          await attempt(`grant ${granted} to ${target.username}`, self.post(`/api/accounts/${target.id}/roles`, { role: granted, nodeId: nodeFor(city, granted) }));
        }
      }
      for (const reset of (await self.get("/api/password-resets?status=pending&pageSize=200")).json().items ?? []) {
        await attempt(`approve reset of ${reset.username}`, self.post(`/api/password-resets/${reset.id}/approve`, { version: reset.version }));
      }
    }
    expect(gained).toEqual([]);
    // The exploration did something: each role but the auditor changed data along the way.
    expect(changes > 0).toBe(role !== "audit_admin");
    // Every step signs in every account it knows (argon2id each time): minutes on a busy two-core machine.
  }, 600_000);
});
