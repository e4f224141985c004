import { z } from "zod";
import { Account, AccountQuery, CreateAccountBody, GrantRoleBody, ResetPasswordBody, UpdateAccountBody } from "../../../shared/schemas/accounts";
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

const AccountPage = pageOf(Account);
export type AccountPageData = z.output<typeof AccountPage>;
const Ignored = z.unknown();

export const accountsApi = {
  list: (params: AccountParams = {}, signal?: AbortSignal) => request("GET", "/accounts", { schema: AccountPage, query: params, signal }),
  create: (body: CreateAccountInput) => request("POST", "/accounts", { schema: Account, body }),
  update: (id: number, body: UpdateAccountInput) => request("PATCH", `/accounts/${id}`, { schema: Account, body }),
  resetPassword: async (id: number, body: ResetPasswordInput) => {
    await request("POST", `/accounts/${id}/reset-password`, { schema: Ignored, body });
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
