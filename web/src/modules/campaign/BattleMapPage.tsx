import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Form, Grid, Segmented, Select, Space, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { campaignApi, type BattleMapItemData, type BattleMapParams } from "../../api/campaign";
import { orgsApi } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { LevelTag, LightBadge, ProgressBar, punctuation, RefText, lights, projectLevels, projectStatuses, useCampaign, type Light, type ProjectLevelName, type ProjectStatusName } from "./common";
import { GanttChart } from "./GanttChart";
import { lightColors, ownFirst, timeRange } from "./gantt";
import { routeForApiHref } from "./links";

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

function BoardView({ items }: { items: readonly BattleMapItemData[] }) {
  const i18n = useI18n();
  return (
    <div className="zl-board" data-testid="map-board">
      {projectStatuses.map((status) => {
        const column = items.filter((item) => item.status === status);
        return (
          <section key={status} className="zl-board-col" data-testid={`map-board-${status}`} aria-label={i18n.t(`campaign.status.${status}`)}>
            <div style={{ display: "flex", justifyContent: "space-between", fontWeight: 600 }}>
              <span>{i18n.t(`campaign.status.${status}`)}</span>
              <Typography.Text type="secondary">{i18n.number(column.length)}</Typography.Text>
            </div>
            {column.length === 0 ? <Typography.Text type="secondary">{i18n.t("campaign.empty")}</Typography.Text> : null}
            {column.map((item) => (
              <a
                key={item.id}
                href={hrefTo(routeForApiHref(item.href) ?? `/campaign/projects/${item.id}`)}
                className="zl-board-card"
                style={{ borderLeftColor: lightColors[item.light], background: item.own ? "#fffbf0" : undefined }}
                data-testid="map-card"
                data-project={item.id}
                data-light={item.light}
              >
                <div style={{ display: "flex", gap: 6, alignItems: "flex-start", justifyContent: "space-between" }}>
                  <span style={{ fontWeight: 500, wordBreak: "break-word" }}>{item.name}</span>
                  <LightBadge light={item.light} compact />
                </div>
                <div style={{ fontSize: 12, color: "#8c8c8c", margin: "2px 0" }}>
                  <RefText value={item.owner} /> · {item.deadline}
                  {item.late ? (
                    <Tag color="error" style={{ marginInlineStart: 4, marginInlineEnd: 0, fontSize: 11, lineHeight: "16px" }}>
                      {i18n.t("campaign.late")}
                    </Tag>
                  ) : null}
                  {item.own ? (
                    <Tag color="gold" style={{ marginInlineStart: 4, marginInlineEnd: 0, fontSize: 11, lineHeight: "16px" }}>
                      {i18n.t("campaign.map.mine")}
                    </Tag>
                  ) : null}
                </div>
                <ProgressBar progress={item.progress} light={item.light} />
              </a>
            ))}
          </section>
        );
      })}
    </div>
  );
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

  // On a phone the unit and light filters show until more are asked for (or are in use).
  const [moreFilters, setMoreFilters] = useState(false);
  const showAll = !isMobile || moreFilters || Boolean(params.taskForce || params.leader || params.node || params.level || params.status);
  const itemStyle = isMobile ? { flex: "1 1 140px", minWidth: 0, marginBottom: 8 } : undefined;
  const selectWidth = isMobile ? "100%" : 170;
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
          <Form layout={isMobile ? "vertical" : "inline"} style={isMobile ? { display: "flex", flexWrap: "wrap", columnGap: 8 } : { rowGap: 8 }}>
            <Form.Item label={i18n.t("campaign.filter.taskForce")} hidden={!showAll} style={itemStyle}>
              <Select<number>
                allowClear
                style={{ width: selectWidth }}
                value={params.taskForce}
                onChange={(value) => go({ taskForce: value ?? undefined })}
                options={taskForceOptions}
                placeholder={i18n.t("campaign.filter.all")}
                data-testid="map-filter-taskForce"
              />
            </Form.Item>
            <Form.Item label={i18n.t("campaign.filter.leader")} hidden={!showAll} style={itemStyle}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                style={{ width: selectWidth }}
                value={params.leader}
                onChange={(value) => go({ leader: value ?? undefined })}
                options={leaderOptions}
                placeholder={i18n.t("campaign.filter.all")}
                data-testid="map-filter-leader"
              />
            </Form.Item>
            <Form.Item label={i18n.t("campaign.filter.unit")} style={itemStyle}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                style={{ width: selectWidth }}
                value={params.unit}
                onChange={(value) => go({ unit: value ?? undefined })}
                options={unitOptions}
                placeholder={i18n.t("campaign.filter.all")}
                data-testid="map-filter-unit"
              />
            </Form.Item>
            <Form.Item label={i18n.t("campaign.filter.node")} hidden={!showAll} style={itemStyle}>
              <OrgTreePicker value={params.node ?? null} onChange={(id) => go({ node: id ?? undefined })} style={{ width: isMobile ? "100%" : 200 }} />
            </Form.Item>
            <Form.Item label={i18n.t("campaign.filter.level")} hidden={!showAll} style={itemStyle}>
              <Select<ProjectLevelName>
                allowClear
                style={{ width: isMobile ? "100%" : 120 }}
                value={params.level}
                onChange={(value) => go({ level: value ?? undefined })}
                options={projectLevels.map((level) => ({ value: level, label: i18n.t(`campaign.level.${level}`) }))}
                placeholder={i18n.t("campaign.filter.all")}
              />
            </Form.Item>
            <Form.Item label={i18n.t("campaign.filter.status")} hidden={!showAll} style={itemStyle}>
              <Select<ProjectStatusName>
                allowClear
                style={{ width: isMobile ? "100%" : 120 }}
                value={params.status}
                onChange={(value) => go({ status: value ?? undefined })}
                options={projectStatuses.map((status) => ({ value: status, label: i18n.t(`campaign.status.${status}`) }))}
                placeholder={i18n.t("campaign.filter.all")}
                data-testid="map-filter-status"
              />
            </Form.Item>
            <Form.Item label={i18n.t("campaign.filter.light")} style={itemStyle}>
              <Select<Light>
                allowClear
                style={{ width: isMobile ? "100%" : 110 }}
                value={params.light}
                onChange={(value) => go({ light: value ?? undefined })}
                options={lights.map((light) => ({ value: light, label: <LightBadge light={light} /> }))}
                placeholder={i18n.t("campaign.filter.all")}
                data-testid="map-filter-light"
              />
            </Form.Item>
            {showAll ? null : (
              <Form.Item style={{ flex: "1 1 100%", marginBottom: 0 }}>
                <Button type="link" size="small" onClick={() => setMoreFilters(true)} style={{ paddingInline: 0 }} data-testid="map-more-filters">
                  {i18n.t("common.moreFilters")}
                </Button>
              </Form.Item>
            )}
          </Form>
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
