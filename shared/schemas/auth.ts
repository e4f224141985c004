import { z } from "zod";
import { permissionNames, roleNames } from "../permissions";
import { Id, plain } from "./common";

export const LoginBody = z.strictObject({
  username: plain().trim().min(1).max(64),
  password: plain().min(1).max(256),
});

export const RoleAssignment = z.object({
  id: Id,
  role: z.enum(roleNames),
  nodeId: Id.nullable(),
  nodeName: z.string().nullable(),
  nodePath: z.string().nullable(),
  cityId: Id.nullable(),
  grantedAt: z.string(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  cityId: Id.nullable(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleAssignment),
  permissions: z.array(z.enum(permissionNames)),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  /** While a new password must be chosen after an administrator's reset: when and by whom, so the holder knows. */
  passwordReset: z.object({ at: z.string(), by: z.string(), approvedBy: z.string().nullable() }).nullable(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: plain().min(1).max(256),
  newPassword: plain().min(1).max(256),
});
