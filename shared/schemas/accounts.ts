import { z } from "zod";
import { roleNames } from "../permissions";
import { abilitiesOf, Id, Version, plain, text } from "./common";
import { RoleAssignment } from "./auth";

const Username = z.string().trim().min(3).max(32).regex(/^[a-z0-9_.-]+$/, "lower-case letters, digits, . _ - only");

/** What the caller may do with the record (answered on the server at its node). */
export const accountAbilityKeys = ["update", "resetPassword", "requestPasswordReset", "grantRole", "unlock"] as const;
export type AccountAbilities = Record<(typeof accountAbilityKeys)[number], boolean>;

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
  abilities: abilitiesOf(accountAbilityKeys),
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

/** A password reset of an account; one that needs a second administrator waits as `pending`. */
export const passwordResetStatuses = ["pending", "applied", "rejected"] as const;
export const PasswordReset = z.object({
  id: Id,
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  status: z.enum(passwordResetStatuses),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  abilities: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type PasswordReset = z.infer<typeof PasswordReset>;
export const PasswordResetQuery = z.strictObject({
  status: z.enum(passwordResetStatuses).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const DecideResetBody = z.strictObject({ version: Version });

/** One sign-in attempt, as the security administrator sees it. */
export const loginOutcomes = ["success", "failed", "failed_locked", "locked"] as const;
export const LoginAttempt = z.object({
  id: Id,
  at: z.string(),
  username: z.string(),
  accountExists: z.boolean(),
  ip: z.string().nullable(),
  outcome: z.enum(loginOutcomes),
});
export const LoginAttemptQuery = z.strictObject({
  username: plain().trim().toLowerCase().max(64).optional(),
  ip: plain().trim().max(64).optional(),
  outcome: z.enum(loginOutcomes).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
/** A lock running now: on a username, a username from one address, or an address. */
export const LoginLock = z.object({ key: z.string(), kind: z.enum(["account", "account_address", "address"]), lockedUntil: z.string(), locks: z.number().int() });
