import { z } from "zod";
import { ChangePasswordBody, LoginBody, Me } from "../../../shared/schemas/auth";
import { request } from "./client";

export type MeData = z.output<typeof Me>;
export type LoginInput = z.input<typeof LoginBody>;
export type ChangePasswordInput = z.input<typeof ChangePasswordBody>;

/** Logout and similar calls answer with `{ok: true}` or nothing; either is fine. */
const Ignored = z.unknown();

export const authApi = {
  login: (body: LoginInput) => request("POST", "/auth/login", { schema: Me, body, skipAuthRedirect: true }),
  me: (options: { skipAuthRedirect?: boolean } = {}) => request("GET", "/auth/me", { schema: Me, ...options }),
  logout: async () => {
    await request("POST", "/auth/logout", { schema: Ignored, skipAuthRedirect: true });
  },
  logoutAll: async () => {
    await request("POST", "/auth/logout-all", { schema: Ignored, skipAuthRedirect: true });
  },
  changePassword: async (body: ChangePasswordInput) => {
    await request("POST", "/auth/password", { schema: Ignored, body });
  },
};
