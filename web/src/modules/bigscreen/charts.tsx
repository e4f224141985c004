import { EffectScatterChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useMemo } from "react";
import { eventsApi, type EventMapPointData, type GridFeatureCollectionData } from "../../api/events";
import type { I18n } from "../../i18n";
import { escapeHtml } from "../../../../shared/html";

// The big screen's charts: the events map (heat and points, overdue in red) and the trend against a year before.

echarts.use([GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, ScatterChart, EffectScatterChart, HeatmapChart, LineChart, CanvasRenderer]);

export const RED = "#ff4d4f";
export const ACCENT = "#36cfc9";

/** The boundaries drawn under the points: villages and communities, else the first finer level that has shapes. */
export async function loadShapes(org: number | undefined, signal: AbortSignal): Promise<GridFeatureCollectionData> {
  const [villages, communities] = await Promise.all([eventsApi.grids({ org, kind: "village" }, signal), eventsApi.grids({ org, kind: "community" }, signal)]);
  const features = [...villages.features, ...communities.features];
  if (features.length > 0) return { type: "FeatureCollection", features };
  for (const kind of ["grid", "micro_grid"] as const) {
    const shapes = await eventsApi.grids({ org, kind }, signal);
    if (shapes.features.length > 0) return shapes;
  }
  return { type: "FeatureCollection", features: [] };
}

export function EventMapChart({ mapName, points }: { mapName: string; points: readonly EventMapPointData[] }) {
  const option = useMemo(() => {
    const red = points.filter((p) => p.light === "red");
    const rest = points.filter((p) => p.light !== "red");
    const data = (list: readonly EventMapPointData[]) => list.map((p) => ({ name: p.typeName, value: [p.lon, p.lat, 1] }));
    return {
      tooltip: { trigger: "item" as const, formatter: (p: { name?: string }) => escapeHtml(p.name ?? "") },
      geo: { map: mapName, roam: false, itemStyle: { areaColor: "#0b2545", borderColor: "#2f6ea3", borderWidth: 0.6 }, emphasis: { disabled: true }, label: { show: false } },
      visualMap: { show: false, min: 0, max: 5, inRange: { color: ["rgba(54,207,201,0)", "rgba(54,207,201,0.5)", "rgba(250,173,20,0.7)"] } },
      series: [
        { type: "heatmap" as const, coordinateSystem: "geo" as const, data: data(points), pointSize: 10, blurSize: 16 },
        { type: "scatter" as const, coordinateSystem: "geo" as const, symbolSize: 5, itemStyle: { color: ACCENT }, data: data(rest), large: rest.length > 2000 },
        { type: "effectScatter" as const, coordinateSystem: "geo" as const, symbolSize: 9, itemStyle: { color: RED }, data: data(red), zlevel: 1 },
      ],
    };
  }, [mapName, points]);
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: "100%", width: "100%" }} opts={{ renderer: "canvas" }} />;
}

export function TrendChart({ i18n, points }: { i18n: I18n; points: { day: string; value: number; lastYear: number }[] }) {
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 40, bottom: 28 },
      legend: { top: 0, right: 0, textStyle: { color: "#cfe3ff", fontSize: 14 }, data: [i18n.t("bigscreen.trend.thisYear"), i18n.t("bigscreen.trend.lastYear")] },
      tooltip: { trigger: "axis" as const },
      xAxis: { type: "category" as const, data: points.map((p) => p.day.slice(5)), axisLabel: { color: "#8fb3d9" } },
      yAxis: { type: "value" as const, axisLabel: { color: "#8fb3d9" }, splitLine: { lineStyle: { color: "#1d3b5c" } } },
      series: [
        { name: i18n.t("bigscreen.trend.thisYear"), type: "line" as const, smooth: true, data: points.map((p) => p.value), itemStyle: { color: ACCENT }, areaStyle: { opacity: 0.15 } },
        { name: i18n.t("bigscreen.trend.lastYear"), type: "line" as const, smooth: true, data: points.map((p) => p.lastYear), itemStyle: { color: "#faad14" }, lineStyle: { type: "dashed" as const } },
      ],
    }),
    [i18n, points],
  );
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: "100%", width: "100%" }} opts={{ renderer: "canvas" }} />;
}


/** Registers a node's boundaries as an ECharts map and gives its name. */
export function registerShapes(name: string, shapes: GridFeatureCollectionData): string {
  echarts.registerMap(name, shapes as unknown as Parameters<typeof echarts.registerMap>[1]);
  return name;
}
