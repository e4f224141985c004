import { Drawer, Select, Table } from "antd";
import { useMemo, useState } from "react";
import { figuresApi, type ProvinceFiguresData } from "../../api/figures";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { isFigureKey, type FigureKey } from "../../../../shared/figures";
import { useI18n } from "../../i18n";
import { figureLabel, figureUnit } from "../../i18n/figureLabels";
import { rank } from "../home/ProvinceHome";
import { ACCENT } from "./charts";
import { CAMPAIGN_KEYS, COUNTER_KEYS, Counter, PROGRESS_KEYS, Panel, RateBar, ScreenFrame, ScreenHeader, TrendPanel, dayText, useScreenStream } from "./layout";

/** A tile's colour: the brighter, the higher the city's value among the cities (none: grey). */
function tileColour(value: number | null, top: number): string {
  if (value === null) return "rgba(143,179,217,0.12)";
  const share = top > 0 ? value / top : 0;
  return `rgba(54,207,201,${(0.12 + 0.68 * share).toFixed(2)})`;
}

/**
 * 全省指挥大屏: the province's figures (every city's summed, or one prefecture's) on a dark 1920 × 1080
 * screen, kept current by the province's stream. The province has no records of its own (its reader
 * reads figures only), so a figure opens its breakdown by city, and a city opens that city's figures.
 */
export default function ProvinceScreenPage() {
  const i18n = useI18n();
  const query = useLocation().query;
  const prefecture = query.get("prefecture") ?? undefined;
  const asked = query.get("figure");
  const figure: FigureKey = asked && isFigureKey(asked) ? asked : "events.total";
  const [open, setOpen] = useState<FigureKey | null>(null);
  // A city's figures moved: the server recounts that city only.
  const { connected, version } = useScreenStream(figuresApi.provinceStreamUrl, "cities");

  const province = useAsync((signal) => figuresApi.province({ prefecture, figure }, signal), [prefecture, figure, version]);
  const today = dayText(new Date());
  const monthAgo = dayText(new Date(Date.now() - 29 * 86_400_000));
  const trend = useAsync((signal) => figuresApi.provinceSeries({ prefecture, key: "events.total", from: monthAgo, to: today }, signal), [prefecture, today, version]);


  const items = province.data?.items ?? [];
  const byKey = new Map(items.map((item) => [item.key, item]));
  const counters = COUNTER_KEYS.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
  const progress = PROGRESS_KEYS.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
  const campaign = CAMPAIGN_KEYS.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : []));
  const ranked = useMemo(() => rank(province.data?.cities ?? []), [province.data]);
  const top = Math.max(0, ...ranked.map((row) => row.city.value ?? 0));
  const unit = figureUnit(i18n, figure);
  const shown = (value: number | null) => (value === null ? "—" : `${i18n.number(value)}${unit ? ` ${unit}` : ""}`);
  const choose = (key: string) => navigate(withQuery("/bigscreen/province", { prefecture, figure: key }));
  const whole = prefecture ?? i18n.t("bigscreen.province.whole");

  return (
    <ScreenFrame testId="province-screen" columns="480px 1fr 520px" rows="84px 1fr 1fr" overlay={<CityBreakdown figure={open} prefecture={prefecture} onClose={() => setOpen(null)} />}>
      <ScreenHeader title={i18n.t("bigscreen.title", { name: whole })} connected={connected} live={i18n.t("bigscreen.live")} offline={i18n.t("bigscreen.offline")} />

      <Panel title={i18n.t("bigscreen.counters")} style={{ gridColumn: 1, gridRow: 2 }}>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
          {counters.map((item) => (
            <Counter key={item.key} i18n={i18n} figure={item.key} value={item.value} red={item.key.endsWith("overdue")} onOpen={() => setOpen(item.key as FigureKey)} />
          ))}
        </div>
      </Panel>

      <Panel title={i18n.t("bigscreen.province.cities", { figure: figureLabel(i18n, figure) })} style={{ gridColumn: 2, gridRow: "2 / 4" }}>
        <Select
          aria-label={i18n.t("bigscreen.province.figure")}
          data-testid="province-figure"
          value={figure}
          onChange={choose}
          style={{ width: 320, marginBottom: 12 }}
          options={[...COUNTER_KEYS, ...PROGRESS_KEYS, ...CAMPAIGN_KEYS].map((key) => ({ value: key, label: figureLabel(i18n, key) }))}
        />
        {/* The tree holds no coordinates of the cities: a tile for each, ranked, coloured by its value. */}
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: 8, overflow: "auto", maxHeight: 820 }}>
          {ranked.map((row) => (
            <a
              key={row.city.org.id}
              href={hrefTo(`/orgs/${row.city.org.id}`)}
              data-testid="city-tile"
              data-value={row.city.value ?? ""}
              title={row.city.prefecture ?? undefined}
              style={{ display: "block", padding: "10px 12px", borderRadius: 4, border: "1px solid #1d4f7c", background: tileColour(row.city.value, top), color: "#fff" }}
            >
              <div style={{ fontSize: 14, color: "#cfe3ff" }}>
                {row.rank ?? "—"} · {row.city.prefecture ?? ""}
              </div>
              <div style={{ fontSize: 18, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{row.city.org.name}</div>
              <div style={{ fontSize: 26, fontWeight: 700, fontVariantNumeric: "tabular-nums" }}>{shown(row.city.value)}</div>
            </a>
          ))}
        </div>
      </Panel>

      <TrendPanel i18n={i18n} trend={trend.data} />

      <Panel title={i18n.t("bigscreen.progress")} style={{ gridColumn: 1, gridRow: 3 }}>
        {progress.map((item) => (
          <RateBar key={item.key} i18n={i18n} figure={item.key} value={item.value} onOpen={() => setOpen(item.key as FigureKey)} />
        ))}
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr", gap: 12, marginTop: 12 }}>
          {campaign.map((item) => (
            <Counter key={item.key} i18n={i18n} figure={item.key} value={item.value} onOpen={() => setOpen(item.key as FigureKey)} />
          ))}
        </div>
      </Panel>

      <Panel title={i18n.t("bigscreen.province.ranking", { figure: figureLabel(i18n, figure) })} style={{ gridColumn: 3, gridRow: 3 }}>
        {ranked.slice(0, 10).map((row) => (
          <div key={row.city.org.id} data-testid="ranking-row" style={{ display: "flex", alignItems: "center", gap: 8, fontSize: 16, lineHeight: "30px" }}>
            <span style={{ width: 28, color: row.rank !== null && row.rank <= 3 ? "#faad14" : "#8fb3d9" }}>{row.rank ?? "—"}</span>
            <a href={hrefTo(`/orgs/${row.city.org.id}`)} style={{ width: 150, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", color: "inherit" }}>
              {row.city.org.name}
            </a>
            <span style={{ flex: 1, height: 10, background: "#0b2545" }}>
              <span style={{ display: "block", height: 10, width: `${top > 0 ? (100 * (row.city.value ?? 0)) / top : 0}%`, background: ACCENT }} />
            </span>
            <span style={{ width: 90, textAlign: "right" }}>{shown(row.city.value)}</span>
          </div>
        ))}
      </Panel>
    </ScreenFrame>
  );
}

type City = ProvinceFiguresData["cities"][number];

/** A province figure's breakdown by city in a side panel: the province's drill-down; a city's name opens its own figures. */
function CityBreakdown({ figure, prefecture, onClose }: { figure: FigureKey | null; prefecture: string | undefined; onClose(): void }) {
  const i18n = useI18n();
  const answer = useAsync((signal) => (figure ? figuresApi.province({ prefecture, figure }, signal) : Promise.resolve(null)), [figure, prefecture]);
  const rows = useMemo(() => rank(answer.data?.cities ?? []), [answer.data]);
  const unit = figure ? figureUnit(i18n, figure) : "";
  return (
    <Drawer open={figure !== null} onClose={onClose} size={560} title={figure ? i18n.t("bigscreen.province.breakdown", { label: figureLabel(i18n, figure) }) : ""} data-testid="city-breakdown">
      <Table<{ city: City; rank: number | null }>
        size="small"
        loading={answer.loading}
        rowKey={(row) => row.city.org.id}
        pagination={false}
        dataSource={rows}
        onRow={() => ({ "data-testid": "breakdown-row" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: i18n.t("home.province.rank"), width: 64, render: (_: unknown, row) => row.rank ?? "—" },
          { title: i18n.t("home.province.city"), render: (_: unknown, row) => <a href={hrefTo(`/orgs/${row.city.org.id}`)}>{row.city.org.name}</a> },
          { title: i18n.t("home.province.prefecture"), render: (_: unknown, row) => row.city.prefecture ?? "—" },
          {
            title: figure ? figureLabel(i18n, figure) : "",
            align: "right",
            render: (_: unknown, row) => <span data-testid="breakdown-value">{row.city.value === null ? "—" : `${i18n.number(row.city.value)}${unit ? ` ${unit}` : ""}`}</span>,
          },
        ]}
      />
    </Drawer>
  );
}
