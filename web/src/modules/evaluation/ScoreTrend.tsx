import { Empty } from "antd";
import { LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useMemo } from "react";
import type { ScorecardData } from "../../api/evaluation";
import { useI18n } from "../../i18n";

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A body's composite score across the catalogue's published periods, oldest first, on a 0–100 axis; each point's grade in the tooltip. */
export function ScoreTrend({ trend }: { trend: ScorecardData["trend"] }) {
  const i18n = useI18n();
  const option = useMemo(
    () => ({
      grid: { left: 36, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: "axis" as const },
      xAxis: { type: "category" as const, data: trend.map((point) => point.label) },
      yAxis: { type: "value" as const, min: 0, max: 100 },
      series: [
        {
          name: i18n.t("evaluation.score"),
          type: "line" as const,
          data: trend.map((point) => ({ value: point.score, name: point.grade ? `${point.label} ${point.grade}` : point.label })),
          label: { show: true, formatter: (p: { value: number | null }) => (p.value === null ? "" : String(p.value)) },
          itemStyle: { color: "#c62828" },
        },
      ],
    }),
    [trend, i18n],
  );
  if (trend.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("evaluation.noPeriods")} />;
  return (
    <div data-testid="scorecard-trend" data-points={trend.length}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 220, width: "100%" }} opts={{ renderer: "canvas" }} />
    </div>
  );
}
