import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useMemo } from "react";
import { useI18n } from "../i18n";
import type { FigureItem } from "./FiguresPanel";

// Only the parts used here, so the chart chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A horizontal bar chart of a group of figures. Loaded on demand (its own chunk). */
export default function FiguresChart({ items, onOpen }: { items: readonly FigureItem[]; onOpen?: (item: FigureItem) => void }) {
  const i18n = useI18n();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" as const, axisPointer: { type: "shadow" as const } },
      xAxis: { type: "value" as const, axisLabel: { formatter: (v: number) => i18n.number(v, { notation: "compact" }) } },
      yAxis: { type: "category" as const, inverse: true, data: items.map((item) => item.label) },
      series: [
        {
          type: "bar" as const,
          data: items.map((item) => item.value),
          itemStyle: { color: "#c62828" },
          label: { show: true, position: "right" as const, formatter: (p: { value: unknown }) => i18n.number(Number(p.value)) },
        },
      ],
    }),
    [items, i18n],
  );
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      onEvents={onOpen ? { click: (params: { dataIndex?: number }) => {
        const item = params.dataIndex === undefined ? undefined : items[params.dataIndex];
        if (item) onOpen(item);
      } } : undefined}
      style={{ height: Math.max(160, items.length * 40 + 32), width: "100%" }}
      opts={{ renderer: "canvas" }}
    />
  );
}
