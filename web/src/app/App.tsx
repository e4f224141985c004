import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { Button, Result, Toasts } from "../components/light";
import { Loading, PageError } from "../components/PageState";
import { I18nProvider, loadMessages, packsOfPath, useI18n, type MessageKey } from "../i18n";
import { AuthProvider, useAuth } from "../modules/auth/AuthContext";
import { navigate, useLocation } from "./router";
import { navigation } from "./routes";
import { SectionFrame } from "./SectionTabs";
import { useNarrow } from "./useNarrow";

/*
 * The entry loads no antd: it decides the frame and loads it. The desktop frame (antd's providers, side
 * menu, section tabs) comes for office pages and wide screens; a phone on a field page (route `phone`)
 * gets the light phone frame, and the residents' side its own light frame.
 */
const AntProviders = lazy(() => import("./AntProviders"));
const DesktopApp = lazy(() => import("./DesktopFrame"));
const PhoneApp = lazy(() => import("../modules/field/PhoneFrame"));
// Forms a signed-in phone seldom shows: their code (antd's forms and inputs) loads when they are.
const LoginPage = lazy(() => import("../modules/auth/LoginPage").then((module) => ({ default: module.LoginPage })));
const ChangePasswordPage = lazy(() => import("../modules/auth/ChangePasswordPage").then((module) => ({ default: module.ChangePasswordPage })));

function NotFound({ home = "/", label = "nav.backHome" }: { home?: string; label?: MessageKey }) {
  const i18n = useI18n();
  return (
    <Result
      status="404"
      title={i18n.t("nav.notFound")}
      extra={
        <Button kind="primary" onClick={() => navigate(home)}>
          {i18n.t(label)}
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

/** The page of the path, as the route table says: shown, refused (403) or not found, inside its section's frame. */
function Routes() {
  const { path } = useLocation();
  const auth = useAuth();
  const { locale } = useI18n();
  // The section's messages start loading with its page's code rather than after it (loaded once, so harmless in render).
  void loadMessages(locale, packsOfPath(path)).catch(() => undefined);
  const found = navigation.resolve(path, auth.can);
  if (found.kind === "forbidden" && found.route?.path === "/") {
    // No overview for this role: open its first menu entry instead.
    const first = navigation.menu(auth.can)[0];
    if (first) return <Redirect to={first.path} />;
  }
  let content: ReactNode;
  if (found.kind === "page") content = found.route.render(found.params);
  else if (found.kind === "forbidden") content = <Forbidden />;
  else {
    const root = found.section ? navigation.route(navigation.sections[found.section].root) : undefined;
    content = root ? <NotFound home={root.path} label={root.tab?.label} /> : <NotFound />;
  }
  const section = found.kind === "page" ? found.route.section : found.section;
  return section ? (
    <SectionFrame key={section} section={section}>
      {content}
    </SectionFrame>
  ) : (
    content
  );
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

/** A page's code loading under its frame, and a broken page kept from blanking the app. */
function Page({ children, minHeight }: { children: ReactNode; minHeight?: number }) {
  return (
    <RouteBoundary>
      <Suspense fallback={<Loading minHeight={minHeight} />}>{children}</Suspense>
    </RouteBoundary>
  );
}

function Shell() {
  const i18n = useI18n();
  const auth = useAuth();
  const narrow = useNarrow();
  const { path } = useLocation();
  const { state } = auth;
  // The residents' side (公示, 群众反映) needs no sign-in: it is shown whoever is (or is not) signed in. Its frame is light.
  const open = navigation.match(path);
  if (open?.route.public) return <Page minHeight={400}>{open.route.render(open.params)}</Page>;
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
      return (
        <Page minHeight={400}>
          <AntProviders>
            <LoginPage notice={state.notice} />
          </AntProviders>
        </Page>
      );
    case "signedIn":
      if (state.me.mustChangePassword) {
        return (
          <Page minHeight={400}>
            <AntProviders>
              <ChangePasswordPage forced />
            </AntProviders>
          </Page>
        );
      }
      if (open?.route.bare) {
        return (
          <Page minHeight={400}>
            <AntProviders>
              <Routes />
            </AntProviders>
          </Page>
        );
      }
      // Those who report from the field, on a phone, on a page built for it: the light frame.
      if (narrow && open?.route.phone && navigation.resolve("/events/report", auth.can).kind === "page") {
        return (
          <Suspense fallback={<Loading minHeight={400} />}>
            <PhoneApp>
              <Page>
                <Routes />
              </Page>
            </PhoneApp>
          </Suspense>
        );
      }
      return (
        <Suspense fallback={<Loading minHeight={400} />}>
          <DesktopApp>
            <Page>
              <Routes />
            </Page>
          </DesktopApp>
        </Suspense>
      );
  }
}

export function Root() {
  return (
    <I18nProvider>
      {/* Should the frame ask for a message of a pack not loaded yet (main.tsx loads the shell's), it waits here. */}
      <Suspense fallback={null}>
        <AuthProvider>
          <Shell />
        </AuthProvider>
        <Toasts />
      </Suspense>
    </I18nProvider>
  );
}
