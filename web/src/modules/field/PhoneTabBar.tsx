import { AlertOutlined, CameraOutlined, DashboardOutlined, HeartOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { hrefTo, useLocation } from "../../app/router";
import { useCanOpen } from "../../app/useCanOpen";
import { useI18n, type MessageKey } from "../../i18n";

const tabs: { path: string; label: MessageKey; icon: ReactNode; exact?: boolean }[] = [
  { path: "/", label: "nav.home", icon: <DashboardOutlined />, exact: true },
  { path: "/events/report", label: "events.nav.report", icon: <CameraOutlined />, exact: true },
  { path: "/events", label: "nav.events", icon: <AlertOutlined /> },
  { path: "/pairing", label: "nav.pairing", icon: <HeartOutlined /> },
];

/** The height the bar takes, so the page can leave room for it. */
export const PHONE_TAB_BAR_PX = 56;

/**
 * A bottom tab bar for those who work from a phone in the field (whoever may report an event): the
 * pages they use all day within a thumb's reach. Shown on phones only; each tab only if its page opens.
 */
export function usePhoneTabBar(isMobile: boolean): ReactNode {
  const i18n = useI18n();
  const canOpen = useCanOpen();
  const { path } = useLocation();
  if (!isMobile || !canOpen("/events/report")) return null;
  const shown = tabs.filter((tab) => canOpen(tab.path));
  const active = shown.find((tab) => (tab.exact ? path === tab.path : path.startsWith(tab.path) && !shown.some((other) => other.exact && other.path === path)));
  return (
    <nav
      aria-label={i18n.t("nav.menu")}
      data-testid="phone-tab-bar"
      style={{ position: "fixed", left: 0, right: 0, bottom: 0, height: PHONE_TAB_BAR_PX, display: "flex", background: "#fff", borderTop: "1px solid #f0f0f0", zIndex: 100, paddingBottom: "env(safe-area-inset-bottom)" }}
    >
      {shown.map((tab) => (
        <a
          key={tab.path}
          href={hrefTo(tab.path)}
          aria-current={tab === active ? "page" : undefined}
          data-testid={`phone-tab-${tab.path}`}
          style={{ flex: 1, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: 2, fontSize: 12, color: tab === active ? "#b71c1c" : "#595959", minWidth: 0 }}
        >
          <span style={{ fontSize: 20 }}>{tab.icon}</span>
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", maxWidth: "100%" }}>{i18n.t(tab.label)}</span>
        </a>
      ))}
    </nav>
  );
}
