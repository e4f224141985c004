import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { heldWithoutNode, roles as roleDefinitions, type NodeKind, type RoleName } from "../../../shared/permissions";
import type { Me, RoleAssignment } from "../../../shared/schemas/auth";
import type { Database } from "../../db/client";
import { nodeRefs, type NodeRef } from "../tree";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Actor, Grant, RequestContext } from "../context";
import { AppError, invalidField, unauthorized } from "../errors";
import { permissionsOf, requireActor } from "../policy";
import { auditOnly, write } from "../write";
import { hashPassword, passwordWeakness, verifyPassword } from "./passwords";
import * as repo from "./repository";
import { SessionCache, writeAccess } from "./session-cache";
import { accountKey, countFailure, lockedUntil, loginKeys } from "./lockout";

export const SESSION_COOKIE = "zhili_sid";
/** Activity is written back at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 30_000;

const sessions = new SessionCache<NonNullable<Awaited<ReturnType<typeof repo.findSessionWithUser>>>>();

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function grantsOf(db: Database, userIds: number[]): Promise<Map<number, Grant[]>> {
  const assignments = await repo.activeAssignments(db, userIds);
  return grantsFrom(assignments, await nodeRefs(db, assignments.map((a) => a.nodeId).filter((id): id is number => id !== null)));
}

function grantsFrom(assignments: repo.GrantedRole[], nodes: Map<number, NodeRef>): Map<number, Grant[]> {
  const byUser = new Map<number, Grant[]>();
  for (const assignment of assignments) {
    const node = assignment.nodeId === null ? undefined : nodes.get(assignment.nodeId);
    // A role held at a node that was retired lapses with it.
    if (assignment.nodeId !== null && (!node || node.retiredAt)) continue;
    const grant: Grant = {
      assignmentId: assignment.id,
      role: assignment.role as RoleName,
      nodeId: assignment.nodeId,
      nodeName: node?.name ?? null,
      path: node?.path ?? null,
      cityId: node?.cityId ?? assignment.cityId,
    };
    byUser.set(assignment.userId, [...(byUser.get(assignment.userId) ?? []), grant]);
  }
  return byUser;
}

export function presentGrants(grants: Grant[], grantedAt: Map<number, Date>): z.infer<typeof RoleAssignment>[] {
  return grants.map((grant) => ({
    id: grant.assignmentId,
    role: grant.role,
    nodeId: grant.nodeId,
    nodeName: grant.nodeName,
    nodePath: grant.path,
    cityId: grant.cityId,
    grantedAt: (grantedAt.get(grant.assignmentId) ?? new Date(0)).toISOString(),
  }));
}

export async function presentMe(db: Database, actor: Actor, config: Config): Promise<z.infer<typeof Me>> {
  const assignments = await repo.activeAssignments(db, [actor.userId]);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    cityId: actor.cityId,
    mustChangePassword: actor.mustChangePassword,
    roles: presentGrants(actor.grants, new Map(assignments.map((a) => [a.id, a.grantedAt]))),
    permissions: permissionsOf(actor),
    csrfToken: actor.csrfToken,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    passwordReset: actor.mustChangePassword ? await resetNotice(db, actor.userId) : null,
  };
}

/** What the holder of a reset account is told while they must choose a new password: when, and by whom. */
async function resetNotice(db: Database, userId: number) {
  const reset = await repo.lastAppliedReset(db, userId);
  if (!reset) return null;
  const names = await repo.usernames(db, [reset.requestedBy, ...(reset.decidedBy ? [reset.decidedBy] : [])]);
  return {
    at: (reset.decidedAt ?? reset.requestedAt).toISOString(),
    by: names.get(reset.requestedBy) ?? "",
    approvedBy: reset.decidedBy && reset.decidedBy !== reset.requestedBy ? (names.get(reset.decidedBy) ?? null) : null,
  };
}

const invalidCredentials = () => new AppError(401, "invalid_credentials", "用户名或密码错误 (wrong username or password)");

const signInLocked = (until: Date) =>
  new AppError(401, "account_locked", `登录失败次数过多，请于 ${until.toISOString()} 后重试 (too many failed sign-ins; try again after ${until.toISOString()})`);

/**
 * Sign-in. Every answer but success is the same for an unknown username and a real one: the same
 * code, the same locks (see lockout.ts), and a password hash checked either way so the time matches.
 */
export async function login(ctx: RequestContext, username: string, password: string, userAgent: string | null): Promise<{ token: string; actor: Actor }> {
  const now = ctx.clock.now();
  const name = username.toLowerCase();
  const ip = ctx.ip ?? "unknown";
  const user = await repo.findUserByUsername(ctx.db, name);
  const keys = loginKeys(ctx.config, name, ip, user ? await repo.signedInFrom(ctx.db, user.id, ip) : false);
  const attempt = (outcome: string) => repo.insertLoginAttempt(ctx.db, { at: now, username: name.slice(0, 64), userId: user?.id ?? null, ip: ctx.ip, outcome });
  const until = await lockedUntil(ctx.db, keys.checked, now);
  if (until) {
    await attempt("locked");
    await auditOnly(ctx, { action: "auth.login_refused_locked", entity: "user", entityId: user?.id ?? null, cityId: user?.cityId ?? null, after: { username: name, lockedUntil: until } });
    throw signInLocked(until);
  }
  const usable = user && !user.disabledAt ? user : undefined;
  const verified = await verifyPassword(usable?.passwordHash ?? null, password);
  if (!usable || !verified) {
    const locked = await countFailure(ctx.db, ctx.config, keys, now);
    await attempt(locked ? "failed_locked" : "failed");
    const reason = !user ? "unknown" : user.disabledAt ? "disabled" : "wrong_password";
    await auditOnly(ctx, { action: locked ? "auth.locked" : "auth.login_failed", entity: "user", entityId: user?.id ?? null, cityId: user?.cityId ?? null, after: { username: name, reason } });
    throw locked ? signInLocked(locked) : invalidCredentials();
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const sessionId = sha256(token);
  const actor = await write(ctx, async (tx, audit) => {
    // The account's own count ends with a success; the address's does not, so spraying cannot be washed out by one good password.
    await repo.deleteThrottles(tx, [keys.counted[0]!.key, accountKey(name)]);
    await repo.insertLoginAttempt(tx, { at: now, username: name, userId: usable.id, ip: ctx.ip, outcome: "success" });
    await repo.insertSession(tx, {
      id: sessionId,
      userId: usable.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000),
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    const grants = (await grantsOf(tx, [usable.id])).get(usable.id) ?? [];
    const signedIn = actorOf(usable, grants, sessionId, csrfToken);
    ctx.actor = signedIn;
    audit({ action: "auth.login", entity: "user", entityId: usable.id, cityId: usable.cityId, after: { sessionCreated: true } });
    return signedIn;
  });
  return { token, actor };
}

function actorOf(user: repo.SignedInUser, grants: Grant[], sessionId: string, csrfToken: string): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    cityId: user.cityId,
    mustChangePassword: user.mustChangePassword,
    grants,
    sessionId,
    csrfToken,
  };
}

/**
 * The caller behind a session cookie. An idle, expired or revoked session is refused with 401 and
 * the reason; a live one is touched so the idle clock restarts.
 */
export async function resolveSession(db: Database, clock: Clock, config: Config, token: string): Promise<Actor> {
  const now = clock.now();
  const key = sha256(token);
  const found = await sessions.get(db, key, () => repo.findSessionWithUser(db, key));
  if (!found || found.session.revokedAt) throw unauthorized("session_invalid", "会话已失效，请重新登录 (session ended; sign in again)");
  const { session, user } = found;
  if (session.expiresAt <= now) throw unauthorized("session_expired", "会话已过期，请重新登录 (session expired; sign in again)");
  if (now.getTime() - session.lastSeenAt.getTime() > config.idleTimeoutSeconds * 1000) {
    sessions.forget(db, key);
    await repo.revokeSession(db, session.id, now);
    throw unauthorized("session_idle", "长时间未操作，已自动退出 (signed out after inactivity)");
  }
  if (user.disabledAt) throw unauthorized("session_invalid", "账号已停用 (account disabled)");
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, session.id, now);
    session.lastSeenAt = now;
  }
  const grants = grantsFrom(found.assignments, found.nodes).get(user.id) ?? [];
  return actorOf(user, grants, session.id, session.csrfToken);
}

export async function logout(ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx);
  await writeAccess(ctx, async (tx, audit) => {
    await repo.revokeSession(tx, actor.sessionId, ctx.clock.now());
    audit({ action: "auth.logout", entity: "user", entityId: actor.userId, cityId: actor.cityId });
  });
}

export async function logoutEverywhere(ctx: RequestContext): Promise<number> {
  const actor = requireActor(ctx);
  return writeAccess(ctx, async (tx, audit) => {
    const count = await repo.revokeUserSessions(tx, actor.userId, ctx.clock.now());
    audit({ action: "auth.logout_all", entity: "user", entityId: actor.userId, cityId: actor.cityId, after: { sessionsEnded: count } });
    return count;
  });
}

export async function changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
  const actor = requireActor(ctx);
  const user = (await repo.findUser(ctx.db, actor.userId))!;
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw invalidField("currentPassword", "当前密码不正确 (the current password is wrong)");
  const weakness = passwordWeakness(newPassword, user.username);
  if (weakness) throw invalidField("newPassword", weakness);
  if (newPassword === currentPassword) throw invalidField("newPassword", "新密码不能与当前密码相同 (must differ from the current one)");
  const passwordHash = await hashPassword(newPassword);
  await writeAccess(ctx, async (tx, audit) => {
    const now = ctx.clock.now();
    const updated = await repo.updateUser(tx, user.id, user.version, { passwordHash, passwordChangedAt: now, mustChangePassword: false }, now);
    if (!updated) throw new AppError(409, "version_conflict", "请重试 (retry)");
    audit({ action: "auth.password_changed", entity: "user", entityId: user.id, cityId: user.cityId });
  });
}

export function roleHeldAt(role: RoleName, kind: NodeKind | null): boolean {
  if (heldWithoutNode(role)) return kind === null;
  return kind !== null && (roleDefinitions[role].heldAt as readonly NodeKind[]).includes(kind);
}

/** Whether an active account belongs to this city: a module that attaches accounts to its records asks first. */
export async function accountInCity(db: Database, userId: number, cityId: number): Promise<boolean> {
  const user = await repo.findUser(db, userId);
  return user !== undefined && user.cityId === cityId && !user.disabledAt;
}

/** The person behind an account, if the account is linked to one. */
export async function personOfUser(db: Database, userId: number): Promise<number | null> {
  return (await repo.findUser(db, userId))?.personId ?? null;
}

/** Active accounts of these persons: whom to notify about what a person leads. */
export function usersOfPersons(db: Database, personIds: number[]): Promise<number[]> {
  return repo.usersOfPersons(db, personIds);
}

/** Active accounts holding one of the roles anywhere in the city. */
export function usersWithRoles(db: Database, cityId: number, roles: string[]): Promise<number[]> {
  return repo.usersWithRoles(db, cityId, roles);
}

/** Active accounts holding one of the roles at one of these nodes exactly (a township's leader, not the city's). */
export function usersWithRoleAt(db: Database, nodeIds: number[], roles: string[]): Promise<number[]> {
  return repo.usersWithRoleAt(db, nodeIds, roles);
}

export function usernames(db: Database, ids: number[]): Promise<Map<number, string>> {
  return repo.usernames(db, ids);
}
