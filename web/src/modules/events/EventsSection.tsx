import { Button, Result, Tabs } from "antd";
import { lazy, Suspense } from "react";
import type { Permission } from "../../../../shared/permissions";
import { matchPath, navigate, useLocation } from "../../app/router";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";

const EventListPage = lazy(() => import("./EventListPage"));
const EventPage = lazy(() => import("./EventPage"));
const ReportPage = lazy(() => import("./ReportPage"));
const EventMapPage = lazy(() => import("./EventMapPage"));
const StatsPage = lazy(() => import("./StatsPage"));

interface SectionTab {
  key: string;
  label: MessageKey;
  anyOf: readonly Permission[];
}

const tabs: readonly SectionTab[] = [
  { key: "/events", label: "events.nav.list", anyOf: ["event.read"] },
  { key: "/events/report", label: "events.nav.report", anyOf: ["event.report"] },
  { key: "/events/map", label: "events.nav.map", anyOf: ["event.read"] },
  { key: "/events/stats", label: "events.nav.stats", anyOf: ["event.read"] },
  { key: "/events/departments", label: "events.nav.departments", anyOf: ["event.read"] },
];

export function tabOf(path: string): string {
  const part = path.split("/")[2] ?? "";
  return ["report", "map", "stats", "departments"].includes(part) ? `/events/${part}` : "/events";
}

function SectionPage({ path }: { path: string }) {
  const i18n = useI18n();
  const auth = useAuth();
  switch (path) {
    case "/events":
      return <EventListPage />;
    case "/events/report":
      return auth.can("event.report") ? <ReportPage /> : <Result status="403" title={i18n.t("nav.forbidden")} />;
    case "/events/map":
      return <EventMapPage />;
    case "/events/stats":
      return <StatsPage view="nodes" />;
    case "/events/departments":
      return <StatsPage view="departments" />;
  }
  const params = matchPath("/events/:id", path);
  const id = params ? positiveInt(params.id) : undefined;
  if (id) return <EventPage key={id} id={id} />;
  return (
    <Result
      status="404"
      title={i18n.t("nav.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/events")}>
          {i18n.t("events.nav.list")}
        </Button>
      }
    />
  );
}

/** 网格事件: the section's tabs (by permission) and the page of the path. */
export default function EventsSection() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const visible = tabs.filter((tab) => tab.anyOf.some(auth.can));
  return (
    <div data-testid="events-section">
      <Tabs
        activeKey={tabOf(location.path)}
        onChange={(key) => navigate(key)}
        items={visible.map((tab) => ({ key: tab.key, label: <span data-testid={`events-tab-${tab.key.split("/")[2] ?? "list"}`}>{i18n.t(tab.label)}</span> }))}
        size="small"
        style={{ marginBottom: 4 }}
      />
      <Suspense fallback={<Loading />}>
        <SectionPage path={location.path} />
      </Suspense>
    </div>
  );
}
