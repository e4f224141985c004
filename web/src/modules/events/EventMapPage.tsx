import { Alert, Card, List, Segmented, Select, Space, Typography } from "antd";
import { useMemo } from "react";
import { eventStages, type EventStage } from "../../../../shared/schemas/events";
import { eventsApi, type GridFeatureCollectionData } from "../../api/events";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { MapView } from "../../components/map";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { useBaseMap } from "../field/useBaseMap";
import { BaseMapSettingsButton } from "./BaseMapSettings";
import { StageTag, lightColors, oneOf } from "./common";

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

/**
 * 事件地图: the city's base map with the boundaries of the caller's reach over it (the boundaries alone
 * without tiles), the open cases clustered, a heat layer to switch on, overdue cases in red; a point opens its case.
 */
export default function EventMapPage() {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const kind = oneOf(shapeKinds, location.query.get("kind"));
  const stage = oneOf(eventStages, location.query.get("stage"));
  const go = (next: { org?: number; kind?: ShapeKind; stage?: EventStage }) =>
    navigate(withQuery("/events/map", { org, kind, stage, ...next }), { replace: true });

  const baseMap = useBaseMap();
  const shapes = useAsync(async (signal) => ({ ...(await loadShapes(org, kind, signal)), name: `${kind ?? "auto"}-${org ?? "all"}` }), [org, kind]);
  const points = useAsync((signal) => eventsApi.map(stage ? { org, stage } : { org, open: "true" }, signal), [org, stage]);

  const items = points.data?.items ?? [];
  const overdue = items.filter((p) => p.light === "red");
  const listed = items.length <= LIST_ALL_BELOW ? items : overdue.slice(0, LIST_ALL_BELOW);
  const mapPoints = useMemo(
    () => (points.data?.items ?? []).map((p) => ({ id: p.id, lon: p.lon, lat: p.lat, red: p.light === "red", label: `${p.typeName} · ${i18n.t(`events.stage.${p.stage}` as MessageKey)}` })),
    [points.data, i18n],
  );

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
        <BaseMapSettingsButton />
      </Space>
      <ErrorAlert error={shapes.error} onRetry={shapes.reload} />
      <ErrorAlert error={points.error} onRetry={points.reload} />
      {points.data?.truncated ? <Alert type="warning" showIcon title={i18n.t("events.map.truncated", { count: i18n.number(items.length) })} style={{ marginBottom: 8 }} /> : null}
      {shapes.data && shapes.data.shapes.features.length === 0 ? <Alert type="info" showIcon title={i18n.t("events.map.noShapes")} style={{ marginBottom: 8 }} /> : null}
      {shapes.loading || !shapes.data ? (
        <Loading minHeight={320} />
      ) : (
        <div data-testid="map-chart" data-map={shapes.data.name} data-shapes={shapes.data.shapes.features.length}>
          <MapView
            baseMap={baseMap}
            shapes={shapes.data.shapes}
            points={mapPoints}
            overlays
            onOpen={(id) => navigate(`/events/${id}`)}
            height="min(70vh, 640px)"
            testId="events-tile-map"
          />
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
