import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Grid, Segmented, Space, Typography } from "antd";
import { useEffect, useMemo } from "react";
import { campaignApi, type BattleMapParams } from "../../api/campaign";
import { orgsApi } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { LevelTag, LightBadge, punctuation, lights, projectLevels, projectStatuses, useCampaign } from "./common";
import { GanttChart } from "./GanttChart";
import { ownFirst, timeRange } from "./gantt";
import { BoardView } from "./MapBoard";
import { MapFilters } from "./MapFilters";

type View = "gantt" | "board";

interface MapParams extends BattleMapParams {
  view: View;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function mapParamsFromQuery(query: URLSearchParams): MapParams {
  return {
    taskForce: positiveInt(query.get("taskForce")),
    leader: positiveInt(query.get("leader")),
    unit: positiveInt(query.get("unit")),
    node: positiveInt(query.get("node")),
    status: oneOf(projectStatuses, query.get("status")),
    light: oneOf(lights, query.get("light")),
    level: oneOf(projectLevels, query.get("level")),
    view: query.get("view") === "board" ? "board" : "gantt",
  };
}

/** While the battle map is on screen, printing drops the app's frame (campaign.css, html.zl-printing). */
function usePrintFrame() {
  useEffect(() => {
    document.documentElement.classList.add("zl-printing");
    return () => document.documentElement.classList.remove("zl-printing");
  }, []);
}

/**
 * 挂图作战: every project the caller can see, with its owner, deadline, progress and light, as a
 * timeline or as a board by status, filtered by task force, leader, unit, place, status and light.
 * The caller's own work comes first. Prints on A3 landscape for the wall.
 */
export default function BattleMapPage() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const location = useLocation();
  const params = mapParamsFromQuery(location.query);
  const isMobile = !Grid.useBreakpoint().md;
  usePrintFrame();

  const { view, ...filters } = params;
  const key = JSON.stringify(filters);
  const map = useAsync((signal) => campaignApi.battleMap(campaign.id, filters, signal), [campaign.id, key]);
  const taskForces = useAsync((signal) => campaignApi.taskForces(campaign.id, signal), [campaign.id]);
  // Units come from the city's list; should it be out of reach, the units on the map stand in.
  const units = useAsync((signal) => orgsApi.units(signal).catch(() => null), []);

  const go = (next: Partial<MapParams>) => {
    const merged = { ...params, ...next };
    navigate(href("/campaign/map", { ...merged, view: merged.view === "gantt" ? undefined : merged.view }), { replace: true });
  };

  const items = useMemo(() => ownFirst(map.data?.items ?? []), [map.data]);
  const range = useMemo(() => (map.data ? timeRange(map.data.campaign, map.data.items, map.data.today) : null), [map.data]);

  const leaderOptions = useMemo(() => {
    const seen = new Map<number, string>();
    for (const item of map.data?.items ?? []) if (item.leader) seen.set(item.leader.id, item.leader.name);
    return [...seen].sort((a, b) => i18n.compare(a[1], b[1])).map(([value, label]) => ({ value, label }));
  }, [map.data, i18n]);
  const unitOptions = useMemo(() => {
    const seen = new Map<number, string>();
    for (const unit of units.data?.items ?? []) seen.set(unit.id, unit.name);
    for (const item of map.data?.items ?? []) if (item.unit) seen.set(item.unit.id, item.unit.name);
    return [...seen].sort((a, b) => i18n.compare(a[1], b[1])).map(([value, label]) => ({ value, label }));
  }, [units.data, map.data, i18n]);
  const taskForceOptions = (taskForces.data?.items ?? []).map((tf) => ({ value: tf.id, label: tf.name }));

  const nameOf = (options: { value: number; label: string }[], id: number | undefined) => options.find((o) => o.value === id)?.label ?? `#${id}`;
  const tags: FilterTag[] = [];
  const tag = (keyName: keyof BattleMapParams, label: string, value: string) =>
    tags.push({ key: keyName, label: i18n.t("common.filterTag", { label, value }), onRemove: () => go({ [keyName]: undefined }) });
  if (params.taskForce) tag("taskForce", i18n.t("campaign.filter.taskForce"), nameOf(taskForceOptions, params.taskForce));
  if (params.leader) tag("leader", i18n.t("campaign.filter.leader"), nameOf(leaderOptions, params.leader));
  if (params.unit) tag("unit", i18n.t("campaign.filter.unit"), nameOf(unitOptions, params.unit));
  if (params.node) tag("node", i18n.t("campaign.filter.node"), `#${params.node}`);
  if (params.status) tag("status", i18n.t("campaign.filter.status"), i18n.t(`campaign.status.${params.status}`));
  if (params.light) tag("light", i18n.t("campaign.filter.light"), i18n.t(`campaign.light.${params.light}`));
  if (params.level) tag("level", i18n.t("campaign.filter.level"), i18n.t(`campaign.level.${params.level}`));
  const clearAll = () => go({ taskForce: undefined, leader: undefined, unit: undefined, node: undefined, status: undefined, light: undefined, level: undefined });

  const separator = i18n.locale === "zh" ? "；" : "; ";
  const { colon } = punctuation(i18n);
  const summary = map.data?.summary;

  return (
    <div className="zl-print-block" data-testid="battle-map">
      <div className="zl-print-only" data-testid="map-print-title">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {i18n.t("campaign.map.printTitle", { name: campaign.name })}
        </Typography.Title>
        <Typography.Text>
          {i18n.t("campaign.map.printDate", { day: map.data?.today ?? "" })}
          {summary
            ? ` · ${i18n.t("campaign.map.summary", { total: i18n.number(summary.total) })} · ${lights.map((l) => `${i18n.t(`campaign.light.${l}`)} ${summary.byLight[l]}`).join(" · ")}`
            : ""}
          {tags.length > 0 ? ` · ${tags.map((t) => String(t.label)).join(separator)}` : ""}
        </Typography.Text>
      </div>
      <Space orientation="vertical" size={12} style={{ width: "100%" }} className="zl-print-block">
        <Card size="small" className="zl-no-print">
          <MapFilters params={params} onChange={go} taskForces={taskForceOptions} leaders={leaderOptions} units={unitOptions} />
        </Card>

        <Card size="small">
          <div className="zl-no-print" style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8, marginBottom: 8 }}>
            <Space wrap size={[12, 4]} data-testid="map-summary">
              <Typography.Text strong data-testid="map-total" data-total={map.loading ? undefined : summary?.total}>
                {summary ? i18n.t("campaign.map.summary", { total: i18n.number(summary.total) }) : "…"}
              </Typography.Text>
              {summary
                ? lights.map((light) => (
                    <a
                      key={light}
                      href={hrefTo(withQuery(location.path, { ...Object.fromEntries(location.query), light: params.light === light ? undefined : light }))}
                      onClick={(event) => {
                        event.preventDefault();
                        go({ light: params.light === light ? undefined : light });
                      }}
                      data-testid={`map-count-${light}`}
                      data-count={summary.byLight[light]}
                      aria-pressed={params.light === light}
                      style={{ color: "inherit", fontWeight: params.light === light ? 600 : undefined }}
                    >
                      <LightBadge light={light} /> {i18n.number(summary.byLight[light])}
                    </a>
                  ))
                : null}
              {summary ? (
                <Typography.Text type="secondary">
                  {projectStatuses.map((status) => `${i18n.t(`campaign.status.${status}`)} ${i18n.number(summary.byStatus[status])}`).join(" · ")}
                </Typography.Text>
              ) : null}
            </Space>
            <Space wrap>
              <Segmented<View>
                value={view}
                onChange={(next) => go({ view: next })}
                options={[
                  { value: "gantt", label: i18n.t("campaign.map.view.gantt") },
                  { value: "board", label: i18n.t("campaign.map.view.board") },
                ]}
                data-testid="map-view"
              />
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="map-print">
                {isMobile ? null : i18n.t("campaign.map.print")}
              </Button>
            </Space>
          </div>
          <div className="zl-no-print">
            <FilterTags tags={tags} onClear={tags.length > 0 ? clearAll : undefined} />
          </div>
          <ErrorAlert error={map.error} onRetry={map.reload} />
          {!map.data || !range ? (
            map.error ? null : <Loading />
          ) : items.length === 0 ? (
            <Empty description={i18n.t("campaign.map.empty")} />
          ) : view === "gantt" ? (
            <>
              {isMobile ? (
                <Typography.Paragraph type="secondary" className="zl-no-print" style={{ marginBottom: 4, fontSize: 12 }}>
                  {i18n.t("campaign.map.scrollHint")}
                </Typography.Paragraph>
              ) : null}
              <GanttChart items={items} range={range} today={map.data.today} labelWidth={isMobile ? 132 : 260} dayPx={isMobile ? 3 : 2} />
            </>
          ) : (
            <BoardView items={items} />
          )}
          {map.data ? (
            <div style={{ display: "flex", flexWrap: "wrap", gap: 12, marginTop: 8, fontSize: 12, color: "#8c8c8c" }}>
              <span>{i18n.t("campaign.map.asOf", { time: i18n.dateTime(map.data.asOf) })}</span>
              <span>
                {i18n.t("campaign.map.legend")}
                {colon}
                {[...lights.map((l) => `${i18n.t(`campaign.light.${l}`)} ${i18n.t(`campaign.lightHint.${l}`)}`), `◆ ${i18n.t("campaign.map.milestone")}`].join(separator)}
              </span>
              {params.level ? <LevelTag level={params.level} /> : null}
            </div>
          ) : null}
        </Card>
      </Space>
    </div>
  );
}
