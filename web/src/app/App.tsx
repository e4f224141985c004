import { App as AntApp, Button, ConfigProvider, Result } from "antd";
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { Loading, PageError } from "../components/PageState";
import { I18nProvider, useI18n } from "../i18n";
import { AuthProvider, useAuth } from "../modules/auth/AuthContext";
import { ChangePasswordPage } from "../modules/auth/ChangePasswordPage";
import { LoginPage } from "../modules/auth/LoginPage";
import { AppLayout } from "../modules/layout/AppLayout";
import { visibleEntries } from "../modules/layout/menu";
import { matchPath, navigate, useLocation } from "./router";

const HomePage = lazy(() => import("../modules/home/HomePage"));
const OrgsPage = lazy(() => import("../modules/orgs/OrgsPage"));
const PeoplePage = lazy(() => import("../modules/people/PeoplePage"));
const AccountsPage = lazy(() => import("../modules/accounts/AccountsPage"));
const AuditPage = lazy(() => import("../modules/audit/AuditPage"));
const NodesPage = lazy(() => import("../modules/nodes/NodesPage"));
const HouseholdsPage = lazy(() => import("../modules/households/HouseholdsPage"));
const DepartmentsPage = lazy(() => import("../modules/departments/DepartmentsPage"));
const UnitsPage = lazy(() => import("../modules/units/UnitsPage"));
const PartyOrgsPage = lazy(() => import("../modules/partyOrgs/PartyOrgsPage"));
const ProblemsSection = lazy(() => import("../modules/problems/ProblemsSection"));
const CalendarPage = lazy(() => import("../modules/calendar/CalendarPage"));
const PublicApp = lazy(() => import("../modules/public/PublicApp"));
const CampaignSection = lazy(() => import("../modules/campaign/CampaignSection"));
const EventsSection = lazy(() => import("../modules/events/EventsSection"));

export const theme = {
  token: { colorPrimary: "#c62828", colorLink: "#b71c1c", borderRadius: 6 },
};

function NotFound() {
  const i18n = useI18n();
  return (
    <Result
      status="404"
      title={i18n.t("nav.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/")}>
          {i18n.t("nav.backHome")}
        </Button>
      }
    />
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function Forbidden() {
  const i18n = useI18n();
  return <Result status="403" title={i18n.t("nav.forbidden")} />;
}

function Routes() {
  const { path } = useLocation();
  const auth = useAuth();
  const guard = (allowed: boolean, page: ReactNode) => (allowed ? page : <Forbidden />);

  if (path === "/") {
    if (auth.can("figures.read")) return <HomePage />;
    // No overview for this role: open its first menu entry instead.
    const first = visibleEntries(auth.can)[0];
    if (first && first.path !== "/") return <Redirect to={first.path} />;
    return <Forbidden />;
  }
  const orgMatch = path === "/orgs" ? {} : matchPath("/orgs/:id", path);
  if (orgMatch) {
    const id = orgMatch.id ? Number(orgMatch.id) : null;
    if (id !== null && !(Number.isInteger(id) && id > 0)) return <NotFound />;
    return guard(auth.can("org.read"), <OrgsPage selectedId={id} />);
  }
  if (path === "/nodes") return guard(auth.can("org.read"), <NodesPage />);
  if (path === "/people") return guard(auth.can("person.read"), <PeoplePage />);
  if (path === "/households") return guard(auth.can("person.read"), <HouseholdsPage />);
  if (path === "/departments") return guard(auth.can("org.read"), <DepartmentsPage />);
  if (path === "/units") return guard(auth.can("org.read"), <UnitsPage />);
  if (path === "/party-orgs") return guard(auth.can("org.read"), <PartyOrgsPage />);
  if (path === "/campaign" || path.startsWith("/campaign/")) return guard(auth.can("campaign.read"), <CampaignSection />);
  if (path === "/accounts") return guard(auth.can("account.read") || auth.can("role.read"), <AccountsPage />);
  if (path === "/audit") return guard(auth.can("audit.read"), <AuditPage />);
  if (path === "/problems" || path.startsWith("/problems/")) return guard(auth.can("problem.read"), <ProblemsSection />);
  if (path === "/events" || path.startsWith("/events/")) return guard(auth.can("event.read"), <EventsSection />);
  if (path === "/calendar") return guard(auth.can("calendar.manage"), <CalendarPage />);
  if (path === "/password") return <ChangePasswordPage />;
  return <NotFound />;
}

function RouteBoundary({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { path } = useLocation();
  return (
    <ErrorBoundary title={i18n.t("error.ui")} reloadLabel={i18n.t("app.reload")} resetKey={path}>
      {children}
    </ErrorBoundary>
  );
}

function Shell() {
  const i18n = useI18n();
  const auth = useAuth();
  const { path } = useLocation();
  const { state } = auth;
  // The residents' side (公示, 群众反映) needs no sign-in: it is shown whoever is (or is not) signed in.
  if (path === "/public" || path.startsWith("/public/")) {
    return (
      <RouteBoundary>
        <Suspense fallback={<Loading minHeight={400} />}>
          <PublicApp />
        </Suspense>
      </RouteBoundary>
    );
  }
  switch (state.status) {
    case "loading":
      return <Loading minHeight={400} />;
    case "unreachable":
      return (
        <div style={{ paddingTop: 80 }}>
          <PageError error={state.error} onRetry={auth.retry} />
          <div style={{ textAlign: "center", color: "#999" }}>{i18n.t("app.serverUnreachable")}</div>
        </div>
      );
    case "anonymous":
      return <LoginPage notice={state.notice} />;
    case "signedIn":
      if (state.me.mustChangePassword) return <ChangePasswordPage forced />;
      return (
        <AppLayout>
          <RouteBoundary>
            <Suspense fallback={<Loading />}>
              <Routes />
            </Suspense>
          </RouteBoundary>
        </AppLayout>
      );
  }
}

function Localized() {
  const i18n = useI18n();
  return (
    <ConfigProvider locale={i18n.locale === "zh" ? zhCN : enUS} theme={theme}>
      <AntApp>
        <AuthProvider>
          <Shell />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
