import type { z } from "zod";
import { heldWithoutNode, provinceRoles, roleGrants, roles as roleDefinitions, type NodeKind, type RoleName } from "../../../shared/permissions";
import type { Account, CreateAccountBody, GrantRoleBody, ResetPasswordBody, UpdateAccountBody } from "../../../shared/schemas/accounts";
import { cityExists, nodeRef } from "../tree";
import type { Actor, RequestContext } from "../context";
import { conflict, forbidden, invalidField, notFound, versionConflict } from "../errors";
import { hasPermission, requirePermission, scopeOf } from "../policy";
import { writeAccess } from "./session-cache";
import { hashPassword, passwordWeakness } from "./passwords";
import * as repo from "./repository";
import { grantsOf, presentGrants, roleHeldAt } from "./service";
import { accountKey } from "./lockout";

/** Accounts are visible city by city: the system roles see every city, a city role only its own. */
export function visibleCities(actor: Actor): number[] | "all" {
  const scope = scopeOf(actor, "account.read");
  if (scope.all) return "all";
  return [...new Set(actor.grants.filter((g) => g.path !== null && scope.paths.includes(g.path)).map((g) => g.cityId).filter((id): id is number => id !== null))];
}

export async function visibleUser(ctx: RequestContext, id: number): Promise<{ actor: Actor; user: repo.UserRow }> {
  const actor = requirePermission(ctx, "account.read");
  const user = await repo.findUser(ctx.db, id);
  const cities = visibleCities(actor);
  if (!user || (cities !== "all" && (user.cityId === null || !cities.includes(user.cityId)))) throw notFound("账号");
  return { actor, user };
}

async function present(ctx: RequestContext, actor: Actor, users: repo.UserRow[]): Promise<z.infer<typeof Account>[]> {
  const grants = await grantsOf(ctx.db, users.map((u) => u.id));
  const assignments = await repo.activeAssignments(ctx.db, users.map((u) => u.id));
  const grantedAt = new Map(assignments.map((a) => [a.id, a.grantedAt]));
  const now = ctx.clock.now();
  const locks = await repo.activeLocks(ctx.db, users.map((u) => accountKey(u.username)), now);
  return users.map((user) => {
    const self = user.id === actor.userId;
    const held = grants.get(user.id) ?? [];
    const secondApproval = guarded(held.map((g) => g.role));
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      cityId: user.cityId,
      disabled: user.disabledAt !== null,
      locked: locks.some((lock) => lock.key.startsWith(accountKey(user.username))),
      mustChangePassword: user.mustChangePassword,
      roles: presentGrants(held, grantedAt),
      version: user.version,
      createdAt: user.createdAt.toISOString(),
      abilities: {
        update: hasPermission(actor, "account.manage") && !self,
        // An account holding a system role or reveal rights is reset only through a request a security administrator approves.
        resetPassword: hasPermission(actor, "account.manage") && !self && !secondApproval,
        requestPasswordReset: hasPermission(actor, "account.manage") && !self && secondApproval,
        grantRole: hasPermission(actor, "role.manage") && !self,
        unlock: hasPermission(actor, "security.manage"),
      },
    };
  });
}

export async function listAccounts(ctx: RequestContext, query: { q?: string; page: number; pageSize: number }) {
  const actor = requirePermission(ctx, "account.read");
  const { rows, total } = await repo.searchUsers(ctx.db, { q: query.q, cityIds: visibleCities(actor), offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return { items: await present(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getAccount(ctx: RequestContext, id: number) {
  const { actor, user } = await visibleUser(ctx, id);
  return (await present(ctx, actor, [user]))[0]!;
}

const accountSnapshot = (user: repo.UserRow) => ({
  username: user.username,
  displayName: user.displayName,
  cityId: user.cityId,
  disabled: user.disabledAt !== null,
  version: user.version,
});

export async function createAccount(ctx: RequestContext, body: z.infer<typeof CreateAccountBody>) {
  const actor = requirePermission(ctx, "account.manage");
  if (body.cityId !== null && !(await cityExists(ctx.db, body.cityId))) throw invalidField("cityId", "no such city");
  const weakness = passwordWeakness(body.password, body.username);
  if (weakness) throw invalidField("password", weakness);
  const passwordHash = await hashPassword(body.password);
  const user = await writeAccess(ctx, async (tx, audit) => {
    if (await repo.findUserByUsername(tx, body.username)) throw conflict(`用户名 ${body.username} 已存在 (username taken)`, "duplicate_username");
    const now = ctx.clock.now();
    const created = await repo.insertUser(tx, {
      username: body.username,
      displayName: body.displayName,
      cityId: body.cityId,
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    audit({ action: "account.create", entity: "user", entityId: created.id, cityId: created.cityId, after: accountSnapshot(created) });
    return created;
  });
  return (await present(ctx, actor, [user]))[0]!;
}

export async function updateAccount(ctx: RequestContext, id: number, body: z.infer<typeof UpdateAccountBody>) {
  requirePermission(ctx, "account.manage");
  const { actor, user } = await visibleUser(ctx, id);
  if (user.id === actor.userId) throw forbidden("不能修改自己的账号状态 (you cannot change your own account here)");
  const updated = await writeAccess(ctx, async (tx, audit) => {
    const now = ctx.clock.now();
    const disabledAt = body.disabled === undefined ? undefined : body.disabled ? (user.disabledAt ?? now) : null;
    const row = await repo.updateUser(tx, id, body.version, { displayName: body.displayName, disabledAt }, now);
    if (!row) throw versionConflict();
    if (body.disabled) await repo.revokeUserSessions(tx, id, now);
    audit({ action: body.disabled === undefined ? "account.update" : body.disabled ? "account.disable" : "account.enable", entity: "user", entityId: id, cityId: user.cityId, before: accountSnapshot(user), after: accountSnapshot(row) });
    return row;
  });
  return (await present(ctx, actor, [updated]))[0]!;
}

/** Whether a reset of an account holding these roles needs a second administrator's approval. */
export function guarded(roles: readonly RoleName[]): boolean {
  return roles.some((role) => roleDefinitions[role].system || roleGrants(role, "person.reveal"));
}

/** Files the reset for approval; the new password's hash waits with it, never applied until approved. */
async function requestReset(ctx: RequestContext, actor: Actor, user: repo.UserRow, passwordHash: string) {
  return writeAccess(ctx, async (tx, audit) => {
    if (await repo.pendingResetOf(tx, user.id)) throw conflict("该账号已有待批准的重置申请 (a reset of this account already waits for approval)", "reset_pending");
    const reset = await repo.insertPasswordReset(tx, { userId: user.id, status: "pending", passwordHash, requestedBy: actor.userId, requestedAt: ctx.clock.now() });
    audit({ action: "account.reset_password_requested", entity: "password_reset", entityId: reset.id, cityId: user.cityId, after: { userId: user.id, username: user.username } });
    return reset;
  });
}

/**
 * A reset by the system administrator. An account that holds a system role or may reveal personal data
 * is not reset here: the request waits for a security administrator (`resets.ts`), so no administrator
 * alone can take over an account with rights they do not hold. Either way the holder must choose a new
 * password at the next sign-in and is told of the reset there.
 */
export async function resetPassword(ctx: RequestContext, id: number, body: z.infer<typeof ResetPasswordBody>) {
  requirePermission(ctx, "account.manage");
  const { actor, user } = await visibleUser(ctx, id);
  if (user.id === actor.userId) throw forbidden("请通过修改密码功能更改自己的密码 (use change password for your own)");
  const weakness = passwordWeakness(body.password, user.username);
  if (weakness) throw invalidField("password", weakness);
  if (user.version !== body.version) throw versionConflict();
  const passwordHash = await hashPassword(body.password);
  const held = (await repo.activeAssignments(ctx.db, [id])).map((a) => a.role as RoleName);
  if (guarded(held)) return { pending: await requestReset(ctx, actor, user, passwordHash) } as const;
  const updated = await writeAccess(ctx, async (tx, audit) => {
    const now = ctx.clock.now();
    const row = await repo.updateUser(tx, id, body.version, { passwordHash, passwordChangedAt: now, mustChangePassword: true }, now);
    if (!row) throw versionConflict();
    await repo.revokeUserSessions(tx, id, now);
    await repo.deleteThrottles(tx, [], accountKey(user.username));
    const reset = await repo.insertPasswordReset(tx, { userId: id, status: "applied", requestedBy: actor.userId, requestedAt: now, decidedBy: actor.userId, decidedAt: now });
    audit({ action: "account.reset_password", entity: "user", entityId: id, cityId: user.cityId, after: { resetId: reset.id, approval: "not_needed" } });
    return row;
  });
  return { account: (await present(ctx, actor, [updated]))[0]! } as const;
}

export async function unlockAccount(ctx: RequestContext, id: number) {
  requirePermission(ctx, "security.manage");
  const { actor, user } = await visibleUser(ctx, id);
  await writeAccess(ctx, async (tx, audit) => {
    const cleared = await repo.deleteThrottles(tx, [], accountKey(user.username));
    audit({ action: "account.unlock", entity: "user", entityId: id, cityId: user.cityId, after: { locksCleared: cleared } });
  });
  return (await present(ctx, actor, [(await repo.findUser(ctx.db, id))!]))[0]!;
}

export async function revokeSessionsOf(ctx: RequestContext, id: number) {
  requirePermission(ctx, "security.manage");
  const { user } = await visibleUser(ctx, id);
  const ended = await writeAccess(ctx, async (tx, audit) => {
    const count = await repo.revokeUserSessions(tx, id, ctx.clock.now());
    audit({ action: "account.sessions_revoked", entity: "user", entityId: id, cityId: user.cityId, after: { sessionsEnded: count } });
    return count;
  });
  return { ended };
}

const isSystem = (role: RoleName) => roleDefinitions[role].system;
const isProvince = (role: RoleName) => provinceRoles.includes(role);

/**
 * Only the security administrator grants roles, never to themself, and the three system roles are
 * kept apart from each other and from every business role (三员分立).
 */
export async function grantRole(ctx: RequestContext, id: number, body: z.infer<typeof GrantRoleBody>) {
  requirePermission(ctx, "role.manage");
  const { actor, user } = await visibleUser(ctx, id);
  if (user.id === actor.userId) throw forbidden("不能给自己授权 (you cannot grant roles to yourself)");
  if (user.disabledAt) throw conflict("账号已停用 (the account is disabled)", "disabled");
  let kind: NodeKind | null = null;
  let cityId: number | null = null;
  if (body.nodeId !== null) {
    const node = await nodeRef(ctx.db, body.nodeId);
    if (!node) throw invalidField("nodeId", "no such node");
    if (node.retiredAt) throw invalidField("nodeId", "the node is retired");
    kind = node.kind as NodeKind;
    cityId = node.cityId;
    if (user.cityId !== null && user.cityId !== cityId) throw invalidField("nodeId", "the node lies in another city than the account");
  }
  if (!roleHeldAt(body.role, kind)) {
    throw invalidField(
      "nodeId",
      isSystem(body.role) ? "a system role is held without a node" : heldWithoutNode(body.role) ? `${body.role} is held without a node` : `${body.role} is held at: ${roleDefinitions[body.role].heldAt.join(", ")}`,
    );
  }
  const current = await repo.activeAssignments(ctx.db, [id]);
  if (isSystem(body.role) && user.cityId !== null) throw invalidField("role", "system roles go to accounts without a city");
  if (isProvince(body.role) && user.cityId !== null) throw invalidField("role", "the province reader goes to accounts without a city");
  for (const held of current) {
    const heldRole = held.role as RoleName;
    if (heldRole === body.role && held.nodeId === body.nodeId) throw conflict("该角色已授予 (already granted)", "duplicate_role");
    if (isSystem(heldRole) !== isSystem(body.role) || (isSystem(heldRole) && heldRole !== body.role)) {
      throw conflict("三员分立：系统管理员、安全管理员、审计管理员不得兼任，也不得兼任业务角色 (separation of duties)", "separation_of_duties");
    }
    // The province reader reaches every city read-only; a city role beside it would let the same account write there.
    if (isProvince(heldRole) !== isProvince(body.role)) {
      throw conflict("省级只读角色不得兼任其他角色 (the province reader holds no other role)", "province_reader_alone");
    }
  }
  await writeAccess(ctx, async (tx, audit) => {
    const created = await repo.insertAssignment(tx, { userId: id, role: body.role, nodeId: body.nodeId, cityId, grantedBy: actor.userId, grantedAt: ctx.clock.now() });
    audit({ action: "role.grant", entity: "role_assignment", entityId: created.id, nodeId: body.nodeId, cityId, after: { userId: id, role: body.role, nodeId: body.nodeId } });
  });
  return getAccount(ctx, id);
}

export async function revokeRole(ctx: RequestContext, assignmentId: number) {
  const actor = requirePermission(ctx, "role.manage");
  const assignment = await repo.findAssignment(ctx.db, assignmentId);
  if (!assignment || assignment.revokedAt) throw notFound("授权");
  await visibleUser(ctx, assignment.userId);
  if (assignment.userId === actor.userId) throw forbidden("不能撤销自己的授权 (you cannot revoke your own role)");
  await writeAccess(ctx, async (tx, audit) => {
    const revoked = await repo.revokeAssignment(tx, assignmentId, actor.userId, ctx.clock.now());
    if (!revoked) throw notFound("授权");
    audit({ action: "role.revoke", entity: "role_assignment", entityId: assignmentId, nodeId: assignment.nodeId, cityId: assignment.cityId, before: { userId: assignment.userId, role: assignment.role, nodeId: assignment.nodeId } });
  });
  return getAccount(ctx, assignment.userId);
}
