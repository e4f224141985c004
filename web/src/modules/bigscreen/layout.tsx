import { ConfigProvider, Progress, theme } from "antd";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { I18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { ACCENT, RED, TrendChart } from "./charts";

// The frame every big screen (a node's, the province's) is drawn in: dark, full screen, no app frame.

/** The figures every big screen shows: counters, rates as progress bars, and the campaign's. */
export const COUNTER_KEYS = ["events.total", "events.open", "events.closed", "events.stage.reported", "problems.total", "problems.open", "problems.overdue", "problems.closed"];
export const PROGRESS_KEYS = ["problems.closureRate", "problems.onTimeClosureRate", "events.rate.closure", "events.rate.onTimeClosure", "events.rate.satisfaction"];
export const CAMPAIGN_KEYS = ["campaign.projects", "campaign.concreteProjects", "campaign.measures"];

/** A Beijing calendar day as the series asks for it. */
export function dayText(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Laid out for 1920 × 1080 and scaled as a whole to the screen it is on (4K, 1366 × 768), so a room reads the same picture. */
const WIDTH = 1920;
const HEIGHT = 1080;
const PANEL: React.CSSProperties = { background: "rgba(16, 36, 66, 0.85)", border: "1px solid #1d4f7c", borderRadius: 6, padding: 16, overflow: "hidden" };

function useScale(): number {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT));
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, []);
  return scale;
}

/** The dark 1920 × 1080 grid, scaled to the window; `overlay` (side panels) sits outside the scaling. */
export function ScreenFrame({ testId, columns, rows, children, overlay }: { testId: string; columns: string; rows: string; children: React.ReactNode; overlay?: React.ReactNode }) {
  const scale = useScale();
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div style={{ position: "fixed", inset: 0, background: "#030b1a", overflow: "hidden" }} data-testid={testId}>
        <div
          style={{
            width: WIDTH,
            height: HEIGHT,
            transform: `scale(${scale})`,
            transformOrigin: "0 0",
            color: "#e6f1ff",
            fontSize: 18,
            display: "grid",
            gridTemplateColumns: columns,
            gridTemplateRows: rows,
            gap: 16,
            padding: 16,
            boxSizing: "border-box",
            background: "radial-gradient(ellipse at center, #0a2748 0%, #030b1a 75%)",
          }}
        >
          {children}
        </div>
        {overlay}
      </div>
    </ConfigProvider>
  );
}

export function Panel({ title, children, style }: { title: string; children: React.ReactNode; style?: React.CSSProperties }) {
  return (
    <section style={{ ...PANEL, ...style, display: "flex", flexDirection: "column" }}>
      <h2 style={{ margin: "0 0 12px", fontSize: 22, color: ACCENT, letterSpacing: 2 }}>{title}</h2>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
    </section>
  );
}

/** The screen's title and whether its live stream is connected. */
export function ScreenHeader({ title, connected, live, offline }: { title: string; connected: boolean; live: string; offline: string }) {
  return (
    <header style={{ gridColumn: "1 / 4", display: "flex", alignItems: "center", justifyContent: "space-between", borderBottom: "2px solid #1d4f7c" }}>
      <h1 style={{ margin: 0, fontSize: 40, letterSpacing: 4, color: "#fff" }}>{title}</h1>
      <span style={{ fontSize: 22, color: connected ? ACCENT : RED }} data-testid="live-state">
        ● {connected ? live : offline}
      </span>
    </header>
  );
}

/** A figure as a big counter that opens what lies behind it. */
export function Counter({ i18n, figure, value, red = false, onOpen }: { i18n: I18n; figure: string; value: number; red?: boolean; onOpen(): void }) {
  return (
    <button
      type="button"
      data-testid={`counter-${figure}`}
      data-value={value}
      onClick={onOpen}
      style={{ background: "rgba(54,207,201,0.08)", border: "1px solid #1d4f7c", borderRadius: 4, padding: "8px 12px", textAlign: "left", color: "inherit", cursor: "pointer" }}
    >
      {/* Line heights fixed: four rows of counters fit a half-height panel (with the font's own, the fourth was cut off). */}
      <div style={{ fontSize: 16, lineHeight: "22px", color: "#8fb3d9", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{figureLabel(i18n, figure)}</div>
      <div style={{ fontSize: 38, lineHeight: "44px", fontWeight: 700, color: red ? RED : "#fff", fontVariantNumeric: "tabular-nums" }}>{i18n.number(value)}</div>
    </button>
  );
}

/** The trend of the last days with its 同比 and 环比. */
export function TrendPanel({ i18n, trend }: { i18n: I18n; trend: { yoy: number | null; mom: number | null; points: { day: string; value: number; lastYear: number }[] } | undefined }) {
  const change = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${value > 0 ? "+" : ""}${i18n.number(value)}%`);
  return (
    <Panel title={i18n.t("bigscreen.trend")} style={{ gridColumn: 3, gridRow: 2 }}>
      <div style={{ display: "flex", gap: 24, fontSize: 18 }}>
        <span>
          {i18n.t("bigscreen.yoy")} <b data-testid="trend-yoy">{change(trend?.yoy)}</b>
        </span>
        <span>
          {i18n.t("bigscreen.mom")} <b data-testid="trend-mom">{change(trend?.mom)}</b>
        </span>
      </div>
      <div style={{ height: 320 }}>{trend ? <TrendChart i18n={i18n} points={trend.points} /> : null}</div>
    </Panel>
  );
}

/** A rate as a progress bar that opens what lies behind it. */
export function RateBar({ i18n, figure, value, onOpen }: { i18n: I18n; figure: string; value: number; onOpen(): void }) {
  return (
    <button type="button" onClick={onOpen} style={{ display: "block", width: "100%", background: "none", border: 0, color: "inherit", textAlign: "left", cursor: "pointer", padding: "2px 0" }}>
      <div style={{ fontSize: 16, color: "#8fb3d9" }}>{figureLabel(i18n, figure)}</div>
      <Progress percent={value} strokeColor={ACCENT} format={(p) => `${i18n.number(p ?? 0)}%`} />
    </button>
  );
}

/**
 * A screen's live stream (server-sent events): whether it is connected, and a version that moves
 * within a second of changes, however many arrive in it, so the screen asks its figures again once.
 */
export function useScreenStream(url: string, eventName: string, onMessage?: (data: string) => void): { connected: boolean; version: number } {
  const [connected, setConnected] = useState(false);
  const [version, setVersion] = useState(0);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    let refresh: number | null = null;
    const source = new EventSource(url);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener(eventName, (message) => {
      handler.current?.((message as MessageEvent<string>).data);
      if (refresh === null) {
        refresh = window.setTimeout(() => {
          refresh = null;
          setVersion((v) => v + 1);
        }, 800);
      }
    });
    return () => {
      source.close();
      if (refresh !== null) window.clearTimeout(refresh);
    };
  }, [url, eventName]);
  return { connected, version };
}
