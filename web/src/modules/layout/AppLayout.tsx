import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { App, Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Typography, type MenuProps } from "antd";
import { Suspense, useState, type ReactNode } from "react";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { navigate, useLocation } from "../../app/router";
import { useI18n } from "../../i18n";
import { useAuth, useMe } from "../auth/AuthContext";
import { NotificationBell } from "../notifications/NotificationBell";
import { OutboxBadge } from "../field/OutboxBadge";
import { PHONE_TAB_BAR_PX, usePhoneTabBar } from "../field/PhoneTabBar";
import { navigation } from "../../app/routes";
import { useWorkBadges } from "../workbench/useWorkBadges";
import { HeaderTitle } from "./HeaderTitle";

const SIDER_WIDTH = 216;

function Brand({ collapsed = false, dark = true }: { collapsed?: boolean; dark?: boolean }) {
  const i18n = useI18n();
  return (
    <div
      style={{
        height: 56,
        display: "flex",
        alignItems: "center",
        gap: 8,
        padding: collapsed ? "0 20px" : "0 16px",
        color: dark ? "#fff" : "inherit",
        fontWeight: 600,
        whiteSpace: "nowrap",
        overflow: "hidden",
      }}
    >
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: "none" }} />
      {collapsed ? null : <span style={{ overflow: "hidden", textOverflow: "ellipsis" }}>{i18n.t("app.title")}</span>}
    </div>
  );
}

function NavMenu({ onNavigate, dark }: { onNavigate?: () => void; dark: boolean }) {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const selected = navigation.menuFor(location.path)?.path ?? "/";
  const badges = useWorkBadges();
  const items: MenuProps["items"] = navigation.menu(auth.can).map((entry) => ({
    key: entry.path,
    icon: entry.menu.icon,
    label: (
      <span data-testid={`nav-${entry.path === "/" ? "home" : entry.path.slice(1)}`}>
        {i18n.t(entry.menu.label)}
        {badges[entry.path] ? <Badge count={badges[entry.path]} overflowCount={99} size="small" style={{ marginInlineStart: 8, boxShadow: "none" }} data-testid={`nav-badge-${entry.path.slice(1)}`} /> : null}
      </span>
    ),
  }));
  return (
    <Menu
      theme={dark ? "dark" : "light"}
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      data-testid="nav-menu"
      aria-label={i18n.t("nav.menu")}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const i18n = useI18n();
  const auth = useAuth();
  const me = useMe();
  const { modal } = App.useApp();
  const items: MenuProps["items"] = [
    { key: "who", label: <Typography.Text type="secondary">{me.username}</Typography.Text>, disabled: true },
    { type: "divider" },
    { key: "password", label: i18n.t("nav.password") },
    { key: "notifications", label: <span data-testid="user-menu-notifications">{i18n.t("notify.settings.title")}</span> },
    { key: "signOut", icon: <LogoutOutlined />, label: i18n.t("nav.signOut") },
    { key: "signOutAll", label: i18n.t("nav.signOutAll"), danger: true },
  ];
  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "password") navigate("/password");
    else if (key === "notifications") navigate("/notifications");
    else if (key === "signOut") void auth.signOut();
    else if (key === "signOutAll")
      modal.confirm({
        title: i18n.t("nav.signOutAll"),
        content: i18n.t("nav.signOutAllConfirm"),
        okText: i18n.t("common.ok"),
        cancelText: i18n.t("common.cancel"),
        onOk: () => auth.signOut({ everywhere: true }),
      });
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={me.displayName}>
        {compact ? null : (
          <>
            <span style={{ maxWidth: 160, overflow: "hidden", textOverflow: "ellipsis", display: "inline-block", verticalAlign: "bottom" }}>
              {me.displayName}
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}

/** The signed-in frame: a side menu on wide screens, a drawer opened from the header on phones. */
export function AppLayout({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const tabBar = usePhoneTabBar(isMobile);

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {isMobile ? null : (
        <Layout.Sider
          width={SIDER_WIDTH}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
        >
          <Brand collapsed={collapsed} />
          <NavMenu dark />
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: "sticky",
            top: 0,
            zIndex: 10,
            display: "flex",
            alignItems: "center",
            gap: 4,
            padding: isMobile ? "0 4px" : "0 16px",
            height: 56,
            lineHeight: "56px",
            background: "#fff",
            borderBottom: "1px solid #f0f0f0",
          }}
        >
          {isMobile ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={i18n.t("nav.openMenu")}
              aria-expanded={drawerOpen}
              data-testid="menu-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          ) : null}
          <Typography.Title
            level={5}
            style={{ margin: 0, flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
          >
            <Suspense fallback={null}>
              <HeaderTitle isMobile={isMobile} />
            </Suspense>
          </Typography.Title>
          <OutboxBadge />
          <NotificationBell compact={isMobile} />
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 8 : 16, paddingBottom: tabBar ? PHONE_TAB_BAR_PX + 8 : undefined, minWidth: 0 }}>{children}</Layout.Content>
        {tabBar}
      </Layout>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={Math.min(280, typeof window === "undefined" ? 280 : window.innerWidth - 48)}
          title={<Brand dark={false} />}
          styles={{ body: { padding: 0 }, header: { padding: "0 8px" } }}
          data-testid="nav-drawer"
        >
          <NavMenu dark={false} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : null}
    </Layout>
  );
}
