import { MenuOutlined, UserOutlined } from "@ant-design/icons";
import { Suspense, type ReactNode } from "react";
import { hrefTo, navigate } from "../../app/router";
import { navigation } from "../../app/routes";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { Button, Popover } from "../../components/light";
import { useI18n } from "../../i18n";
import { useAuth, useMe } from "../auth/AuthContext";
import { HeaderTitle } from "../layout/HeaderTitle";
import { OutboxBadge } from "./OutboxBadge";
import { PHONE_TAB_BAR_PX, usePhoneTabBar } from "./PhoneTabBar";

/** The app's menu entries the caller may open, as links: the way from a field page to the rest of the app. */
function Menu() {
  const i18n = useI18n();
  const auth = useAuth();
  return (
    <Popover
      button={(open, toggle) => <Button kind="text" icon={<MenuOutlined />} aria-label={i18n.t("nav.openMenu")} aria-expanded={open} data-testid="menu-toggle" onClick={toggle} />}
    >
      {(close) => (
        <nav aria-label={i18n.t("nav.menu")} data-testid="nav-menu">
          <ul className="zl-list">
            {navigation.menu(auth.can).map((entry) => (
              <li key={entry.path}>
                <a href={hrefTo(entry.path)} onClick={close} data-testid={`nav-${entry.path === "/" ? "home" : entry.path.slice(1)}`}>
                  {i18n.t(entry.menu.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Popover>
  );
}

function UserMenu() {
  const i18n = useI18n();
  const auth = useAuth();
  const me = useMe();
  const go = (close: () => void, path: string) => {
    close();
    navigate(path);
  };
  return (
    <Popover button={(open, toggle) => <Button kind="text" icon={<UserOutlined />} aria-label={me.displayName} aria-expanded={open} data-testid="user-menu" onClick={toggle} />}>
      {(close) => (
        <ul className="zl-list">
          <li className="zl-muted">{me.username}</li>
          <li>
            <Button kind="link" onClick={() => go(close, "/password")}>
              {i18n.t("nav.password")}
            </Button>
          </li>
          <li>
            <Button kind="link" onClick={() => go(close, "/notifications")} data-testid="user-menu-notifications">
              {i18n.t("notify.settings.title")}
            </Button>
          </li>
          <li>
            <Button kind="link" onClick={() => void auth.signOut()}>
              {i18n.t("nav.signOut")}
            </Button>
          </li>
        </ul>
      )}
    </Popover>
  );
}

/**
 * The light frame of a field page on a phone: a header (menu, title, what waits to be sent, language,
 * account) and the bottom tab bar. No antd: with the page's own light components, the phone loads no
 * UI library. Signing out everywhere and the notifications' bell are on the desktop frame's pages.
 */
export default function PhoneFrame({ children }: { children: ReactNode }) {
  const tabBar = usePhoneTabBar(true);
  return (
    <div style={{ minHeight: "100vh", background: "#f5f5f5" }} data-testid="phone-frame">
      <header style={{ position: "sticky", top: 0, zIndex: 10, display: "flex", alignItems: "center", gap: 2, height: 56, padding: "0 4px", background: "#fff", borderBottom: "1px solid #f0f0f0" }}>
        <Menu />
        <h1 style={{ margin: 0, flex: 1, minWidth: 0, fontSize: 16, fontWeight: 600, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
          <Suspense fallback={null}>
            <HeaderTitle isMobile />
          </Suspense>
        </h1>
        <OutboxBadge />
        <LanguageSwitch compact />
        <UserMenu />
      </header>
      <main style={{ padding: 8, paddingBottom: PHONE_TAB_BAR_PX + 8, minWidth: 0 }}>{children}</main>
      {tabBar}
    </div>
  );
}
