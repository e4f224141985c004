import { ApartmentOutlined, AuditOutlined, DashboardOutlined, KeyOutlined, TeamOutlined, UserSwitchOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import type { Permission } from "../../../../shared/permissions";
import type { MessageKey } from "../../i18n";

export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown when the caller holds any of these; an empty list means everyone signed in. */
  anyOf: readonly Permission[];
}

export const menuEntries: readonly MenuEntry[] = [
  { path: "/", label: "nav.home", icon: <DashboardOutlined />, anyOf: ["figures.read"] },
  { path: "/orgs", label: "nav.orgs", icon: <ApartmentOutlined />, anyOf: ["org.read"] },
  { path: "/people", label: "nav.people", icon: <TeamOutlined />, anyOf: ["person.read"] },
  { path: "/accounts", label: "nav.accounts", icon: <UserSwitchOutlined />, anyOf: ["account.read", "role.read"] },
  { path: "/audit", label: "nav.audit", icon: <AuditOutlined />, anyOf: ["audit.read"] },
  { path: "/password", label: "nav.password", icon: <KeyOutlined />, anyOf: [] },
];

export function visibleEntries(can: (p: Permission) => boolean): MenuEntry[] {
  return menuEntries.filter((entry) => entry.anyOf.length === 0 || entry.anyOf.some(can));
}

/** The menu entry a path belongs to: "/orgs/12" belongs to "/orgs". */
export function entryForPath(path: string): MenuEntry | undefined {
  const first = `/${path.split("/").filter(Boolean)[0] ?? ""}`;
  return menuEntries.find((entry) => entry.path === first);
}
