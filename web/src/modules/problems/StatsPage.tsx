import { Card, Segmented, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { problemFigureKeys, type ProblemFigure } from "../../../../shared/schemas/problems";
import { problemsApi, type ProblemStatsRowData } from "../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { positiveInt } from "../../lib/query";

type View = "nodes" | "units";
type Row = ProblemStatsRowData & { self?: boolean };

const countOf = (figure: ProblemFigure) => figure.slice("problems.".length) as keyof ProblemStatsRowData["counts"];
const rateKeys = [
  ["closure", "problems.closureRate"],
  ["onTimeClosure", "problems.onTimeClosureRate"],
  ["rework", "problems.reworkRate"],
] as const;

/**
 * 问题统计: the node table (the node and its children) or the responsible-unit table (责任单位) of a node's
 * problems. Every count opens the list of exactly the problems it counts (?figure=, with the unit as
 * ?responsible=); a child's name opens its own table.
 */
export default function StatsPage() {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const view: View = location.query.get("view") === "units" ? "units" : "nodes";
  const stats = useAsync((signal) => (view === "nodes" ? problemsApi.stats({ org }, signal).then((data) => ({ minCases: data.minCases, rows: [{ ...data.self, self: true }, ...data.children] as Row[] })) : problemsApi.unitStats({ org }, signal).then((data) => ({ minCases: data.minCases, rows: data.items as Row[] }))), [org, view]);
  const go = (next: { org?: number; view?: View }) => navigate(withQuery("/problems/stats", { org: next.org, view: next.view === "units" ? "units" : undefined }), { replace: true });
  const records = (row: Row, figure: ProblemFigure) => withQuery("/problems", view === "nodes" ? { org: row.nodeId, figure } : { org, responsible: row.nodeId, figure });
  const columns: ColumnsType<Row> = [
    {
      title: i18n.t(view === "nodes" ? "problems.stats.node" : "problems.stats.unit"),
      dataIndex: "name",
      fixed: "left",
      render: (name: string, row) =>
        row.self || view === "units" ? (
          <strong>{name}</strong>
        ) : (
          <a href={hrefTo(withQuery("/problems/stats", { org: row.nodeId }))} data-testid="problem-stats-child">
            {name}
          </a>
        ),
    },
    ...problemFigureKeys.map((figure) => ({
      title: figureLabel(i18n, figure),
      key: figure,
      render: (_: unknown, row: Row) => (
        <a href={hrefTo(records(row, figure))} data-testid="problem-stats-drill">
          {i18n.number(row.counts[countOf(figure)])}
        </a>
      ),
    })),
    ...rateKeys.map(([key, figure]) => ({
      title: figureLabel(i18n, figure),
      key,
      render: (_: unknown, row: Row) => {
        const value = row.rates[key];
        return value === null ? <Typography.Text type="secondary">{i18n.t("problems.figures.tooFew")}</Typography.Text> : `${i18n.number(value, { maximumFractionDigits: 1 })}%`;
      },
    })),
  ];
  return (
    <Card size="small" data-testid="problem-stats">
      <Space wrap style={{ marginBottom: 8 }}>
        <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, view })} allowClear placeholder={i18n.t("problems.filter.org")} style={{ width: 240 }} aria-label={i18n.t("problems.filter.org")} />
        <Segmented<View>
          value={view}
          onChange={(next) => go({ org, view: next })}
          options={[
            { value: "nodes", label: i18n.t("problems.stats.byNode") },
            { value: "units", label: i18n.t("problems.stats.byUnit") },
          ]}
        />
      </Space>
      <ErrorAlert error={stats.error} onRetry={stats.reload} />
      <Typography.Paragraph type="secondary">{i18n.t(view === "nodes" ? "problems.stats.nodesHint" : "problems.stats.unitsHint", { count: stats.data?.minCases ?? 5 })}</Typography.Paragraph>
      <Table<Row>
        rowKey={(row) => (row.self ? "self" : row.nodeId)}
        size="small"
        loading={stats.loading}
        columns={columns}
        dataSource={stats.data?.rows ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        data-testid="problem-stats-table"
      />
    </Card>
  );
}
