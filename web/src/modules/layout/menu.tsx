import {
  ApartmentOutlined,
  CalendarOutlined,
  ExceptionOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FlagOutlined,
  HomeOutlined,
  KeyOutlined,
  ProjectOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { Permission } from "../../../../shared/permissions";
import type { MessageKey } from "../../i18n";

export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown when the caller holds any of these; an empty list means everyone signed in. */
  anyOf: readonly Permission[];
  /** Other first path segments that belong to this entry (a list opened from it). */
  also?: readonly string[];
}

export const menuEntries: readonly MenuEntry[] = [
  { path: "/", label: "nav.home", icon: <DashboardOutlined />, anyOf: ["figures.read"] },
  { path: "/campaign", label: "nav.campaign", icon: <ProjectOutlined />, anyOf: ["campaign.read"] },
  { path: "/orgs", label: "nav.orgs", icon: <ApartmentOutlined />, anyOf: ["org.read"], also: ["/nodes"] },
  { path: "/people", label: "nav.people", icon: <TeamOutlined />, anyOf: ["person.read"] },
  { path: "/households", label: "nav.households", icon: <HomeOutlined />, anyOf: ["person.read"] },
  { path: "/departments", label: "nav.departments", icon: <ClusterOutlined />, anyOf: ["org.read"] },
  { path: "/units", label: "nav.units", icon: <BankOutlined />, anyOf: ["org.read"] },
  { path: "/party-orgs", label: "nav.partyOrgs", icon: <FlagOutlined />, anyOf: ["org.read"] },
  { path: "/problems", label: "nav.problems", icon: <ExceptionOutlined />, anyOf: ["problem.read"] },
  { path: "/events", label: "nav.events", icon: <AlertOutlined />, anyOf: ["event.read"] },
  { path: "/calendar", label: "nav.calendar", icon: <CalendarOutlined />, anyOf: ["calendar.manage"] },
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
  return menuEntries.find((entry) => entry.path === first) ?? menuEntries.find((entry) => entry.also?.includes(first));
}
