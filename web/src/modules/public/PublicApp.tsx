import { AccountBookOutlined, ArrowLeftOutlined, CameraOutlined, FileSearchOutlined, FormOutlined, TrophyOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { hrefTo, matchPath, navigate, useLocation } from "../../app/router";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { Button, Result } from "../../components/light";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { DEFAULT_PUBLIC_CITY, isCityCode, publicPath } from "./city";
import { OutboxBadge } from "../field/OutboxBadge";
import "./public.css";

// The residents' frame is light (no antd), as is the 随手拍 page a phone opens; the other pages bring antd's providers.
const AntProviders = lazy(() => import("../../app/AntProviders"));
const PublicHome = lazy(() => import("./PublicHome"));
const PublicListPage = lazy(() => import("./PublicListPage"));
const PublicSubmitPage = lazy(() => import("./PublicSubmitPage"));
const PublicTrackPage = lazy(() => import("./PublicTrackPage"));
const PublicReportPage = lazy(() => import("./PublicReportPage"));
const PublicLedgersPage = lazy(() => import("../ledgers/PublicLedgersPage"));
const PublicRankingsPage = lazy(() => import("../evaluation/PublicRankingsPage"));

export interface PublicRoute {
  city: string;
  page: "home" | "list" | "submit" | "report" | "track" | "ledgers" | "rankings" | "notFound";
  listId?: number;
  /** A published village's ledger (村务公开). */
  villageId?: number;
}

/** #/public/<city>[/lists/<id> | /submit | /track]: which page, for which city. */
export function parsePublicPath(path: string): PublicRoute | { redirect: string } {
  if (path === "/public" || path === "/public/") return { redirect: publicPath(DEFAULT_PUBLIC_CITY) };
  const city = path.split("/")[2];
  if (!isCityCode(city)) return { city: DEFAULT_PUBLIC_CITY, page: "notFound" };
  if (matchPath("/public/:city", path)) return { city, page: "home" };
  if (matchPath("/public/:city/submit", path)) return { city, page: "submit" };
  if (matchPath("/public/:city/report", path)) return { city, page: "report" };
  if (matchPath("/public/:city/track", path)) return { city, page: "track" };
  if (matchPath("/public/:city/ledgers", path)) return { city, page: "ledgers" };
  if (matchPath("/public/:city/rankings", path)) return { city, page: "rankings" };
  const ledger = matchPath("/public/:city/ledgers/:id", path);
  const villageId = ledger ? positiveInt(ledger.id) : undefined;
  if (villageId) return { city, page: "ledgers", villageId };
  const list = matchPath("/public/:city/lists/:id", path);
  const listId = list ? positiveInt(list.id) : undefined;
  if (listId) return { city, page: "list", listId };
  return { city, page: "notFound" };
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function Tabs({ city, page }: { city: string; page: PublicRoute["page"] }) {
  const i18n = useI18n();
  const items: { key: PublicRoute["page"]; href: string; icon: ReactNode; label: string }[] = [
    { key: "home", href: publicPath(city), icon: <UnorderedListOutlined />, label: i18n.t("public.nav.lists") },
    { key: "report", href: publicPath(city, "report"), icon: <CameraOutlined />, label: i18n.t("field.public.nav.report") },
    { key: "submit", href: publicPath(city, "submit"), icon: <FormOutlined />, label: i18n.t("public.nav.submit") },
    { key: "track", href: publicPath(city, "track"), icon: <FileSearchOutlined />, label: i18n.t("public.nav.track") },
    { key: "ledgers", href: publicPath(city, "ledgers"), icon: <AccountBookOutlined />, label: i18n.t("ledgers.public.nav") },
    { key: "rankings", href: publicPath(city, "rankings"), icon: <TrophyOutlined />, label: i18n.t("evaluation.public.nav") },
  ];
  const current = page === "list" ? "home" : page;
  return (
    <nav className="zl-public-tabs" aria-label={i18n.t("nav.menu")}>
      {items.map((item) => (
        <a key={item.key} href={hrefTo(item.href)} className={item.key === current ? "active" : undefined} aria-current={item.key === current ? "page" : undefined} data-testid={`public-nav-${item.key}`}>
          {item.icon}
          <span>{item.label}</span>
        </a>
      ))}
    </nav>
  );
}

/**
 * The residents' side (公示 and 群众反映): no sign-in, nothing personal, phone first. Published lists
 * with each item's status and dates, a form to raise a problem that shows a tracking code once, and
 * the tracking page.
 */
export default function PublicApp() {
  const i18n = useI18n();
  const { path } = useLocation();
  const route = parsePublicPath(path);
  if ("redirect" in route) return <Redirect to={route.redirect} />;
  return (
    <div className="zl-public" data-testid="public-app">
      <header className="zl-public-header">
        <div className="zl-public-bar">
          {route.page === "list" ? (
            <Button kind="text" icon={<ArrowLeftOutlined />} aria-label={i18n.t("public.back")} onClick={() => navigate(publicPath(route.city))} className="zl-public-back" />
          ) : (
            <img src="/favicon.svg" alt="" width={28} height={28} />
          )}
          <div style={{ flex: 1, minWidth: 0 }}>
            <div className="zl-public-title">{i18n.t("public.title")}</div>
            <div className="zl-public-subtitle">{i18n.t("public.subtitle")}</div>
          </div>
          <OutboxBadge />
          <LanguageSwitch compact />
        </div>
        <Tabs city={route.city} page={route.page} />
      </header>
      <main className="zl-public-main">
        <Suspense fallback={<Loading />}>
          {route.page === "report" ? (
            <PublicReportPage city={route.city} />
          ) : (
            <AntProviders>
              {route.page === "home" ? <PublicHome city={route.city} /> : null}
              {route.page === "list" && route.listId ? <PublicListPage key={route.listId} city={route.city} id={route.listId} /> : null}
              {route.page === "submit" ? <PublicSubmitPage city={route.city} /> : null}
              {route.page === "track" ? <PublicTrackPage city={route.city} /> : null}
              {route.page === "rankings" ? <PublicRankingsPage city={route.city} /> : null}
              {route.page === "ledgers" ? <PublicLedgersPage key={route.villageId ?? 0} city={route.city} id={route.villageId} /> : null}
            </AntProviders>
          )}
          {route.page === "notFound" ? (
            <Result
              status="404"
              title={i18n.t("nav.notFound")}
              extra={
                <Button kind="primary" onClick={() => navigate(publicPath(DEFAULT_PUBLIC_CITY))}>
                  {i18n.t("public.nav.lists")}
                </Button>
              }
            />
          ) : null}
        </Suspense>
      </main>
      <footer className="zl-public-footer">
        <div className="zl-muted">{i18n.t("public.footer")}</div>
        <a href={hrefTo("/")}>{i18n.t("public.staff")}</a>
      </footer>
    </div>
  );
}
