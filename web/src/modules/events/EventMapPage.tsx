import { Alert, Card, List, Segmented, Select, Space, Typography } from "antd";
import { ScatterChart, EffectScatterChart } from "echarts/charts";
import { GeoComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useMemo } from "react";
import { eventStages, type EventStage } from "../../../../shared/schemas/events";
import { eventsApi, type EventMapPointData, type GridFeatureCollectionData } from "../../api/events";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { StageTag, lightColors, oneOf } from "./common";
import { mapTooltip, type MapTooltipParams } from "./mapTooltip";

echarts.use([GeoComponent, TooltipComponent, ScatterChart, EffectScatterChart, CanvasRenderer]);

const shapeKinds = ["village", "grid", "micro_grid"] as const;
type ShapeKind = (typeof shapeKinds)[number];

/** Shown as a list under the map as well (readable on a phone, and by a screen reader): every point when few, else the overdue ones. */
const LIST_ALL_BELOW = 100;

/**
 * The boundaries of one kind under the caller's scope (or the chosen place). Villages and
 * communities are one level; with `auto`, the first level that has shapes is drawn, so a grid
 * worker sees micro-grids and the city sees villages rather than thousands of micro-grids.
 */
async function loadShapes(org: number | undefined, kind: ShapeKind | undefined, signal: AbortSignal): Promise<{ kind: ShapeKind; shapes: GridFeatureCollectionData }> {
  const fetchKind = async (k: ShapeKind): Promise<GridFeatureCollectionData> => {
    if (k !== "village") return eventsApi.grids({ org, kind: k }, signal);
    const [villages, communities] = await Promise.all([eventsApi.grids({ org, kind: "village" }, signal), eventsApi.grids({ org, kind: "community" }, signal)]);
    return { type: "FeatureCollection", features: [...villages.features, ...communities.features] };
  };
  if (kind) return { kind, shapes: await fetchKind(kind) };
  for (const k of shapeKinds) {
    const shapes = await fetchKind(k);
    if (shapes.features.length > 0) return { kind: k, shapes };
  }
  return { kind: "micro_grid", shapes: { type: "FeatureCollection", features: [] } };
}

function MapChart({ mapName, points, onOpen }: { mapName: string; points: readonly EventMapPointData[]; onOpen: (id: number) => void }) {
  const i18n = useI18n();
  const option = useMemo(() => {
    const toData = (list: readonly EventMapPointData[]) => list.map((p) => ({ name: p.typeName, value: [p.lon, p.lat, p.id], stage: p.stage }));
    const overdue = points.filter((p) => p.light === "red");
    const rest = points.filter((p) => p.light !== "red");
    return {
      tooltip: {
        trigger: "item" as const,
        formatter: (p: MapTooltipParams) => mapTooltip(p, (stage) => i18n.t(`events.stage.${stage}` as MessageKey)),
      },
      geo: {
        map: mapName,
        roam: true,
        itemStyle: { areaColor: "#f7f3ee", borderColor: "#b8a99a", borderWidth: 0.6 },
        emphasis: { itemStyle: { areaColor: "#fde8e8" }, label: { show: false } },
        label: { show: false },
      },
      series: [
        {
          type: "scatter" as const,
          coordinateSystem: "geo" as const,
          symbolSize: 6,
          itemStyle: { color: "#1677ff", opacity: 0.75 },
          data: toData(rest),
          large: rest.length > 2000,
        },
        {
          type: "scatter" as const,
          coordinateSystem: "geo" as const,
          symbolSize: 8,
          itemStyle: { color: lightColors.red },
          data: toData(overdue),
          zlevel: 1,
        },
      ],
    };
  }, [mapName, points, i18n]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      onEvents={{
        click: (params: { seriesType?: string; value?: unknown }) => {
          const value = params.value;
          if ((params.seriesType === "scatter" || params.seriesType === "effectScatter") && Array.isArray(value) && typeof value[2] === "number") onOpen(value[2]);
        },
      }}
      style={{ height: "min(70vh, 640px)", minHeight: 320, width: "100%" }}
      opts={{ renderer: "canvas" }}
    />
  );
}

/** 事件地图: the boundaries of the caller's reach (no tile server) and the open cases on them, overdue ones in red; a point opens its case. */
export default function EventMapPage() {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const kind = oneOf(shapeKinds, location.query.get("kind"));
  const stage = oneOf(eventStages, location.query.get("stage"));
  const go = (next: { org?: number; kind?: ShapeKind; stage?: EventStage }) =>
    navigate(withQuery("/events/map", { org, kind, stage, ...next }), { replace: true });

  const shapes = useAsync(async (signal) => {
    const loaded = await loadShapes(org, kind, signal);
    const name = `zhili-${loaded.kind}-${org ?? "all"}`;
    echarts.registerMap(name, loaded.shapes as unknown as Parameters<typeof echarts.registerMap>[1]);
    return { ...loaded, name };
  }, [org, kind]);
  const points = useAsync((signal) => eventsApi.map(stage ? { org, stage } : { org, open: "true" }, signal), [org, stage]);

  const items = points.data?.items ?? [];
  const overdue = items.filter((p) => p.light === "red");
  const listed = items.length <= LIST_ALL_BELOW ? items : overdue.slice(0, LIST_ALL_BELOW);

  return (
    <Card size="small" data-testid="events-map">
      <Space wrap style={{ marginBottom: 8 }}>
        <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined })} allowClear placeholder={i18n.t("events.field.org")} style={{ width: 220 }} aria-label={i18n.t("events.field.org")} />
        <Segmented
          value={shapes.data?.kind ?? kind ?? "village"}
          onChange={(value) => go({ kind: value as ShapeKind })}
          options={shapeKinds.map((k) => ({ value: k, label: i18n.t(`events.map.kind.${k}` as MessageKey) }))}
          data-testid="map-kind"
        />
        <Select
          allowClear
          placeholder={i18n.t("events.drill.open")}
          style={{ width: 130 }}
          value={stage}
          onChange={(value) => go({ stage: value })}
          options={eventStages.map((s) => ({ value: s, label: i18n.t(`events.stage.${s}` as MessageKey) }))}
          data-testid="map-stage"
        />
        {points.data ? (
          <Typography.Text type="secondary" data-testid="map-count" data-count={items.length} data-overdue={overdue.length}>
            {stage
              ? i18n.t("events.map.pointsStage", { count: i18n.number(items.length), stage: i18n.t(`events.stage.${stage}` as MessageKey) })
              : i18n.t("events.map.points", { count: i18n.number(items.length), overdue: i18n.number(overdue.length) })}
          </Typography.Text>
        ) : null}
      </Space>
      <ErrorAlert error={shapes.error} onRetry={shapes.reload} />
      <ErrorAlert error={points.error} onRetry={points.reload} />
      {points.data?.truncated ? <Alert type="warning" showIcon title={i18n.t("events.map.truncated", { count: i18n.number(items.length) })} style={{ marginBottom: 8 }} /> : null}
      {shapes.data && shapes.data.shapes.features.length === 0 ? <Alert type="info" showIcon title={i18n.t("events.map.noShapes")} style={{ marginBottom: 8 }} /> : null}
      {shapes.loading || !shapes.data ? (
        <Loading minHeight={320} />
      ) : (
        <div data-testid="map-chart" data-map={shapes.data.name} data-shapes={shapes.data.shapes.features.length}>
          <MapChart key={shapes.data.name} mapName={shapes.data.name} points={items} onOpen={(id) => navigate(`/events/${id}`)} />
        </div>
      )}
      {listed.length > 0 ? (
        <List
          size="small"
          header={items.length <= LIST_ALL_BELOW ? undefined : i18n.t("events.map.list")}
          dataSource={listed}
          data-testid="map-points"
          renderItem={(p) => (
            <List.Item data-testid="map-point" data-event-id={p.id} data-light={p.light ?? ""}>
              <Space wrap size={4}>
                <a href={hrefTo(`/events/${p.id}`)} style={{ color: p.light === "red" ? lightColors.red : undefined }}>
                  {p.typeName} #{p.id}
                </a>
                <StageTag stage={p.stage} />
              </Space>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
