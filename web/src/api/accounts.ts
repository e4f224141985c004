import { z } from "zod";
import {
  Account,
  AccountQuery,
  CreateAccountBody,
  GrantRoleBody,
  LoginAttempt,
  LoginAttemptQuery,
  LoginLock,
  PasswordReset,
  PasswordResetQuery,
  ResetPasswordBody,
  UpdateAccountBody,
} from "../../../shared/schemas/accounts";
import { RoleAssignment } from "../../../shared/schemas/auth";
import { pageOf } from "../../../shared/schemas/common";
import { request } from "./client";

export type AccountData = z.output<typeof Account>;
export type AccountParams = Partial<z.output<typeof AccountQuery>>;
export type CreateAccountInput = z.input<typeof CreateAccountBody>;
export type UpdateAccountInput = z.input<typeof UpdateAccountBody>;
export type ResetPasswordInput = z.input<typeof ResetPasswordBody>;
export type GrantRoleInput = z.input<typeof GrantRoleBody>;
export type RoleAssignmentData = z.output<typeof RoleAssignment>;

export type PasswordResetData = z.output<typeof PasswordReset>;
export type PasswordResetParams = Partial<z.output<typeof PasswordResetQuery>>;
export type LoginAttemptData = z.output<typeof LoginAttempt>;
export type LoginAttemptParams = Partial<z.output<typeof LoginAttemptQuery>>;
export type LoginLockData = z.output<typeof LoginLock>;

const AccountPage = pageOf(Account);
const ResetPage = pageOf(PasswordReset);
const AttemptPage = pageOf(LoginAttempt);
const Locks = z.object({ items: z.array(LoginLock) });
/** A reset answers with the account when done, or with the request when it waits for approval. */
const ResetOutcome = z.union([PasswordReset, Account]);
export type AccountPageData = z.output<typeof AccountPage>;
const Ignored = z.unknown();

export const accountsApi = {
  list: (params: AccountParams = {}, signal?: AbortSignal) => request("GET", "/accounts", { schema: AccountPage, query: params, signal }),
  create: (body: CreateAccountInput) => request("POST", "/accounts", { schema: Account, body }),
  update: (id: number, body: UpdateAccountInput) => request("PATCH", `/accounts/${id}`, { schema: Account, body }),
  /** "pending" when the reset waits for a security administrator's approval. */
  resetPassword: async (id: number, body: ResetPasswordInput): Promise<"done" | "pending"> => {
    const outcome = await request("POST", `/accounts/${id}/reset-password`, { schema: ResetOutcome, body });
    return "status" in outcome && outcome.status === "pending" ? "pending" : "done";
  },
  resets: (params: PasswordResetParams = {}, signal?: AbortSignal) => request("GET", "/password-resets", { schema: ResetPage, query: params, signal }),
  approveReset: (id: number, version: number) => request("POST", `/password-resets/${id}/approve`, { schema: PasswordReset, body: { version } }),
  rejectReset: (id: number, version: number) => request("POST", `/password-resets/${id}/reject`, { schema: PasswordReset, body: { version } }),
  loginAttempts: (params: LoginAttemptParams = {}, signal?: AbortSignal) => request("GET", "/security/login-attempts", { schema: AttemptPage, query: params, signal }),
  loginLocks: (signal?: AbortSignal) => request("GET", "/security/login-locks", { schema: Locks, signal }),
  clearLock: async (key: string) => {
    await request("POST", "/security/login-locks/clear", { schema: Ignored, body: { key } });
  },
  grantRole: async (id: number, body: GrantRoleInput) => {
    await request("POST", `/accounts/${id}/roles`, { schema: Ignored, body });
  },
  revokeRole: async (assignmentId: number) => {
    await request("DELETE", `/role-assignments/${assignmentId}`, { schema: Ignored });
  },
  unlock: async (id: number) => {
    await request("POST", `/accounts/${id}/unlock`, { schema: Ignored });
  },
};
