import { z } from "zod";
import { roleNames } from "../permissions";
import { Abilities, Id, Version, plain, text } from "./common";
import { RoleAssignment } from "./auth";

const Username = z.string().trim().min(3).max(32).regex(/^[a-z0-9_.-]+$/, "lower-case letters, digits, . _ - only");

export const Account = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  cityId: Id.nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleAssignment),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: Abilities,
});
export type Account = z.infer<typeof Account>;

export const AccountQuery = z.strictObject({
  q: plain().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const CreateAccountBody = z.strictObject({
  username: Username,
  displayName: text(40),
  cityId: Id.nullable(),
  password: plain().min(1).max(256),
});
export const UpdateAccountBody = z.strictObject({
  version: Version,
  displayName: text(40).optional(),
  disabled: z.boolean().optional(),
});
export const ResetPasswordBody = z.strictObject({ version: Version, password: plain().min(1).max(256) });
export const GrantRoleBody = z.strictObject({ role: z.enum(roleNames), nodeId: Id.nullable() });
