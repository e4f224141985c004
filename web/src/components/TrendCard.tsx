import { Card, Segmented, Space, Typography } from "antd";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useMemo, useState } from "react";
import { figuresApi } from "../api/figures";
import { hrefTo } from "../app/router";
import { useAsync } from "../app/useAsync";
import { useI18n } from "../i18n";
import { figureLabel } from "../i18n/figureLabels";

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const KEYS = ["events.total", "events.closed", "problems.total", "problems.closed"] as const;

const dayText = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** A node's daily trend of a count figure over the last year, against the year before (同比) and the year just before (环比); a link to its big screen. */
export default function TrendCard({ org }: { org: number }) {
  const i18n = useI18n();
  const [key, setKey] = useState<(typeof KEYS)[number]>("events.total");
  const to = dayText(Date.now());
  const from = dayText(Date.now() - 364 * 86_400_000);
  const series = useAsync((signal) => figuresApi.series({ org, key, from, to }, signal), [org, key, from, to]);
  const option = useMemo(() => {
    const points = series.data?.points ?? [];
    return {
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      legend: { top: 0, data: [i18n.t("bigscreen.trend.thisYear"), i18n.t("bigscreen.trend.lastYear")] },
      tooltip: { trigger: "axis" as const },
      xAxis: { type: "category" as const, data: points.map((p) => p.day) },
      yAxis: { type: "value" as const },
      series: [
        { name: i18n.t("bigscreen.trend.thisYear"), type: "line" as const, showSymbol: false, data: points.map((p) => p.value), itemStyle: { color: "#c62828" } },
        { name: i18n.t("bigscreen.trend.lastYear"), type: "line" as const, showSymbol: false, data: points.map((p) => p.lastYear), itemStyle: { color: "#999" }, lineStyle: { type: "dashed" as const } },
      ],
    };
  }, [series.data, i18n]);
  const change = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${value > 0 ? "+" : ""}${i18n.number(value)}%`);
  return (
    <Card
      size="small"
      title={i18n.t("trend.title")}
      extra={<a href={hrefTo(`/bigscreen?org=${org}`)}>{i18n.t("bigscreen.open")}</a>}
      data-testid="trend-card"
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented value={key} onChange={(value) => setKey(value as (typeof KEYS)[number])} options={KEYS.map((k) => ({ value: k, label: figureLabel(i18n, k) }))} />
        <Typography.Text type="secondary">
          {i18n.t("bigscreen.yoy")} {change(series.data?.yoy)} · {i18n.t("bigscreen.mom")} {change(series.data?.mom)}
        </Typography.Text>
      </Space>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 240, width: "100%" }} opts={{ renderer: "canvas" }} />
    </Card>
  );
}
