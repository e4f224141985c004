import { useEffect, useMemo, useState } from "react";
import { eventsApi, type EventMapPointData } from "../../api/events";
import { figuresApi, type FiguresData } from "../../api/figures";
import { provinceRoles } from "../../../../shared/permissions";
import { navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { ACCENT, EventMapChart, RED, loadShapes, registerShapes } from "./charts";
import { CAMPAIGN_KEYS, COUNTER_KEYS, Counter, PROGRESS_KEYS, Panel, RateBar, ScreenFrame, ScreenHeader, TrendPanel, dayText, useScreenStream } from "./layout";
import { RecordsPanel } from "./RecordsPanel";

/** A live event as the stream sends it (server/modules/figures/stream.ts). */
interface LiveEvent {
  id: number;
  nodeName: string;
  typeName: string;
  stage: string;
  open: boolean;
  light: "green" | "yellow" | "red" | null;
  lon: number | null;
  lat: number | null;
  reportedAt: string;
  deleted: boolean;
  reason: "change" | "overdue";
}

type FigureItemData = FiguresData["items"][number];

/** 指挥大屏: the caller's own screen; the province's readers, who hold no node, have the province's. */
export default function BigScreenPage() {
  const auth = useAuth();
  const org = positiveInt(useLocation().query.get("org"));
  const province = org === undefined && auth.me?.roles.some((held) => provinceRoles.includes(held.role)) === true;
  useEffect(() => {
    if (province) navigate("/bigscreen/province", { replace: true });
  }, [province]);
  return province ? null : <NodeScreen org={org} />;
}

/** One node on a dark 1920 × 1080 screen without the app's frame, kept current by server-sent events. */
function NodeScreen({ org }: { org: number | undefined }) {
  const i18n = useI18n();
  const [live, setLive] = useState<Map<number, LiveEvent>>(new Map());
  const [ticker, setTicker] = useState<LiveEvent[]>([]);
  const [open, setOpen] = useState<FigureItemData | null>(null);
  const { connected, version: figuresVersion } = useScreenStream(figuresApi.streamUrl(org), "event", (data) => {
    const event = JSON.parse(data) as LiveEvent;
    setLive((current) => new Map(current).set(event.id, event));
    if (event.light === "red" && event.open && !event.deleted) setTicker((current) => [event, ...current.filter((e) => e.id !== event.id)].slice(0, 8));
  });

  const figures = useAsync((signal) => figuresApi.get(org, signal), [org, figuresVersion]);
  const today = dayText(new Date());
  const monthAgo = dayText(new Date(Date.now() - 29 * 86_400_000));
  const trend = useAsync((signal) => figuresApi.series({ org, key: "events.total", from: monthAgo, to: today }, signal), [org, today, figuresVersion]);
  const ranking = useAsync((signal) => eventsApi.stats({ org }, signal), [org, figuresVersion]);
  const shapes = useAsync(async (signal) => {
    return registerShapes(`bigscreen-${org ?? "own"}`, await loadShapes(org, signal));
  }, [org]);
  const points = useAsync((signal) => eventsApi.map({ org, open: "true" }, signal), [org]);
  const reds = useAsync((signal) => eventsApi.list({ org, light: "red", pageSize: 8 }, signal), [org]);


  const mapPoints = useMemo(() => {
    const byId = new Map((points.data?.items ?? []).map((p) => [p.id, p]));
    for (const event of live.values()) {
      if (!event.open || event.deleted || event.lon === null || event.lat === null) byId.delete(event.id);
      else byId.set(event.id, { id: event.id, lon: event.lon, lat: event.lat, stage: event.stage as EventMapPointData["stage"], light: event.light, typeName: event.typeName });
    }
    return [...byId.values()];
  }, [points.data, live]);

  const tickerItems = useMemo(() => {
    const initial = (reds.data?.items ?? []).map((e) => ({ id: e.id, typeName: e.typeName, nodeName: e.nodeName, reportedAt: e.reportedAt }));
    const seen = new Set(ticker.map((e) => e.id));
    return [...ticker, ...initial.filter((e) => !seen.has(e.id))].slice(0, 8);
  }, [ticker, reds.data]);

  const items = figures.data?.items ?? [];
  const byKey = new Map(items.map((item) => [item.key, item]));
  const counters = COUNTER_KEYS.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
  const progress = PROGRESS_KEYS.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
  const campaign = CAMPAIGN_KEYS.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
  const ranked = [...(ranking.data?.children ?? [])].sort((a, b) => b.counts.open - a.counts.open).slice(0, 8);
  const topOpen = Math.max(1, ...ranked.map((row) => row.counts.open));

  return (
    <ScreenFrame testId="bigscreen" columns="520px 1fr 520px" rows="84px 1fr 1fr" overlay={<RecordsPanel item={open} onClose={() => setOpen(null)} />}>
          <ScreenHeader title={i18n.t("bigscreen.title", { name: figures.data?.org.name ?? "" })} connected={connected} live={i18n.t("bigscreen.live")} offline={i18n.t("bigscreen.offline")} />

          <Panel title={i18n.t("bigscreen.counters")} style={{ gridColumn: 1, gridRow: 2 }}>
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
              {counters.map((item) => (
                <Counter key={item.key} i18n={i18n} figure={item.key} value={item.value} red={item.key.endsWith("overdue")} onOpen={() => setOpen(item)} />
              ))}
            </div>
          </Panel>

          <Panel title={i18n.t("bigscreen.map")} style={{ gridColumn: 2, gridRow: "2 / 4" }}>
            {shapes.data ? <EventMapChart mapName={shapes.data} points={mapPoints} /> : null}
          </Panel>

          <TrendPanel i18n={i18n} trend={trend.data} />

          <Panel title={i18n.t("bigscreen.progress")} style={{ gridColumn: 1, gridRow: 3 }}>
            {progress.map((item) => (
              <RateBar key={item.key} i18n={i18n} figure={item.key} value={item.value} onOpen={() => setOpen(item)} />
            ))}
            <div style={{ display: "flex", gap: 16, marginTop: 8 }}>
              {campaign.map((item) => (
                <button key={item.key} type="button" data-testid={`counter-${item.key}`} onClick={() => setOpen(item)} style={{ flex: 1, background: "none", border: "1px solid #1d4f7c", borderRadius: 4, color: "inherit", cursor: "pointer", padding: 8 }}>
                  <div style={{ fontSize: 15, color: "#8fb3d9" }}>{figureLabel(i18n, item.key)}</div>
                  <div style={{ fontSize: 30, fontWeight: 700 }}>{i18n.number(item.value)}</div>
                </button>
              ))}
            </div>
          </Panel>

          <div style={{ gridColumn: 3, gridRow: 3, display: "grid", gridTemplateRows: "1fr 1fr", gap: 16, minHeight: 0 }}>
            <Panel title={i18n.t("bigscreen.ranking")}>
              {ranked.map((row, index) => (
                <div key={row.nodeId} style={{ display: "flex", alignItems: "center", gap: 8, fontSize: 16, lineHeight: "26px" }}>
                  <span style={{ width: 24, color: index < 3 ? "#faad14" : "#8fb3d9" }}>{index + 1}</span>
                  <span style={{ width: 150, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{row.name}</span>
                  <span style={{ flex: 1, height: 10, background: "#0b2545" }}>
                    <span style={{ display: "block", height: 10, width: `${(100 * row.counts.open) / topOpen}%`, background: ACCENT }} />
                  </span>
                  <span style={{ width: 60, textAlign: "right" }}>{i18n.number(row.counts.open)}</span>
                </div>
              ))}
            </Panel>
            <Panel title={i18n.t("bigscreen.ticker")}>
              {tickerItems.length === 0 ? <div style={{ color: "#8fb3d9" }}>{i18n.t("bigscreen.tickerEmpty")}</div> : null}
              {tickerItems.map((event) => (
                <div key={event.id} data-testid="ticker-item" data-id={event.id} style={{ display: "flex", gap: 8, fontSize: 16, lineHeight: "26px", whiteSpace: "nowrap" }}>
                  <span style={{ color: RED }}>● {i18n.t("bigscreen.overdue")}</span>
                  <span style={{ flex: 1, overflow: "hidden", textOverflow: "ellipsis" }}>
                    {event.nodeName} · {event.typeName}
                  </span>
                  <span style={{ color: "#8fb3d9" }}>{i18n.dateTime(event.reportedAt)}</span>
                </div>
              ))}
            </Panel>
          </div>
    </ScreenFrame>
  );
}
