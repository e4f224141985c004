import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  Account,
  AccountQuery,
  CreateAccountBody,
  DecideResetBody,
  GrantRoleBody,
  LoginAttempt,
  LoginAttemptQuery,
  LoginLock,
  PasswordReset,
  PasswordResetQuery,
  ResetPasswordBody,
  UpdateAccountBody,
} from "../../../shared/schemas/accounts";
import { ChangePasswordBody, LoginBody, Me } from "../../../shared/schemas/auth";
import { IdParams, Ok, pageOf } from "../../../shared/schemas/common";
import { requireActor } from "../policy";
import * as accounts from "./accounts";
import * as attempts from "./attempts";
import * as resets from "./resets";
import { SESSION_COOKIE, changePassword, login, logout, logoutEverywhere, presentMe } from "./service";

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["auth"];

  api.post("/api/auth/login", { schema: { tags, body: LoginBody, response: { 200: Me } } }, async (request, reply) => {
    const { token, actor } = await login(request.ctx, request.body.username, request.body.password, request.headers["user-agent"] ?? null);
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: request.ctx.config.secureCookies,
      maxAge: request.ctx.config.sessionMaxHours * 3600,
    });
    return presentMe(request.ctx.db, actor, request.ctx.config);
  });

  api.post("/api/auth/logout", { schema: { tags, response: { 200: Ok } } }, async (request, reply) => {
    await logout(request.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true as const };
  });

  api.post("/api/auth/logout-all", { schema: { tags, response: { 200: z.object({ ended: z.number().int() }) } } }, async (request, reply) => {
    const ended = await logoutEverywhere(request.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ended };
  });

  api.get("/api/auth/me", { schema: { tags, response: { 200: Me } } }, async (request) => presentMe(request.ctx.db, requireActor(request.ctx), request.ctx.config));

  api.post("/api/auth/password", { schema: { tags, body: ChangePasswordBody, response: { 200: Ok } } }, async (request) => {
    await changePassword(request.ctx, request.body.currentPassword, request.body.newPassword);
    return { ok: true as const };
  });

  const accountTags = ["accounts"];
  api.get("/api/accounts", { schema: { tags: accountTags, querystring: AccountQuery, response: { 200: pageOf(Account) } } }, async (request) =>
    accounts.listAccounts(request.ctx, request.query),
  );
  api.get("/api/accounts/:id", { schema: { tags: accountTags, params: IdParams, response: { 200: Account } } }, async (request) =>
    accounts.getAccount(request.ctx, request.params.id),
  );
  api.post("/api/accounts", { schema: { tags: accountTags, body: CreateAccountBody, response: { 201: Account } } }, async (request, reply) => {
    reply.status(201);
    return accounts.createAccount(request.ctx, request.body);
  });
  api.patch("/api/accounts/:id", { schema: { tags: accountTags, params: IdParams, body: UpdateAccountBody, response: { 200: Account } } }, async (request) =>
    accounts.updateAccount(request.ctx, request.params.id, request.body),
  );
  // 200 with the account when the reset is done; 202 with the request when it waits for a security administrator.
  api.post(
    "/api/accounts/:id/reset-password",
    { schema: { tags: accountTags, params: IdParams, body: ResetPasswordBody, response: { 200: Account, 202: PasswordReset } } },
    async (request, reply) => {
      const result = await accounts.resetPassword(request.ctx, request.params.id, request.body);
      if (result.account) return result.account;
      reply.status(202);
      return resets.getPasswordReset(request.ctx, result.pending.id);
    },
  );
  api.get("/api/password-resets", { schema: { tags: accountTags, querystring: PasswordResetQuery, response: { 200: pageOf(PasswordReset) } } }, async (request) =>
    resets.listPasswordResets(request.ctx, request.query),
  );
  api.post("/api/password-resets/:id/approve", { schema: { tags: accountTags, params: IdParams, body: DecideResetBody, response: { 200: PasswordReset } } }, async (request) =>
    resets.approvePasswordReset(request.ctx, request.params.id, request.body),
  );
  api.post("/api/password-resets/:id/reject", { schema: { tags: accountTags, params: IdParams, body: DecideResetBody, response: { 200: PasswordReset } } }, async (request) =>
    resets.rejectPasswordReset(request.ctx, request.params.id, request.body),
  );
  api.get("/api/security/login-attempts", { schema: { tags: accountTags, querystring: LoginAttemptQuery, response: { 200: pageOf(LoginAttempt) } } }, async (request) =>
    attempts.listLoginAttempts(request.ctx, request.query),
  );
  api.get("/api/security/login-locks", { schema: { tags: accountTags, response: { 200: z.object({ items: z.array(LoginLock) }) } } }, async (request) => attempts.listLoginLocks(request.ctx));
  api.post("/api/security/login-locks/clear", { schema: { tags: accountTags, body: z.strictObject({ key: z.string().min(1).max(200) }), response: { 200: Ok } } }, async (request) =>
    attempts.clearLoginLock(request.ctx, request.body.key),
  );
  api.post("/api/accounts/:id/unlock", { schema: { tags: accountTags, params: IdParams, response: { 200: Account } } }, async (request) =>
    accounts.unlockAccount(request.ctx, request.params.id),
  );
  api.post("/api/accounts/:id/revoke-sessions", { schema: { tags: accountTags, params: IdParams, response: { 200: z.object({ ended: z.number().int() }) } } }, async (request) =>
    accounts.revokeSessionsOf(request.ctx, request.params.id),
  );
  api.post("/api/accounts/:id/roles", { schema: { tags: accountTags, params: IdParams, body: GrantRoleBody, response: { 201: Account } } }, async (request, reply) => {
    reply.status(201);
    return accounts.grantRole(request.ctx, request.params.id, request.body);
  });
  api.delete("/api/role-assignments/:id", { schema: { tags: accountTags, params: IdParams, response: { 200: Account } } }, async (request) =>
    accounts.revokeRole(request.ctx, request.params.id),
  );
}
