import { Card, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { eventsApi, type DepartmentStatsRowData, type StatsRowData } from "../../api/events";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { RateText } from "./common";

const rateKeys = ["onTimeDispatch", "accurateDispatch", "handling", "onTimeHandling", "closure", "onTimeClosure", "rework", "satisfaction"] as const;

/** A count that opens the list of exactly the cases it counts. */
function Count({ value, to }: { value: number; to: string }) {
  const i18n = useI18n();
  return (
    <a href={hrefTo(to)} data-testid="stats-drill">
      {i18n.number(value)}
    </a>
  );
}

function NodeStatsView({ org }: { org: number | undefined }) {
  const i18n = useI18n();
  const stats = useAsync((signal) => eventsApi.stats({ org }, signal), [org]);
  const list = (row: StatsRowData, query: Record<string, string>) => withQuery("/events", { org: row.nodeId, ...query });
  const columns: ColumnsType<StatsRowData & { self?: boolean }> = [
    {
      title: i18n.t("events.stats.name"),
      dataIndex: "name",
      fixed: "left",
      render: (name: string, row) =>
        row.self ? (
          <strong>{name}</strong>
        ) : (
          <a href={hrefTo(withQuery("/events/stats", { org: row.nodeId }))} data-testid="stats-child">
            {name}
          </a>
        ),
    },
    { title: i18n.t("events.stats.total"), key: "total", render: (_, row) => <Count value={row.counts.total} to={list(row, {})} /> },
    { title: i18n.t("events.stats.open"), key: "open", render: (_, row) => <Count value={row.counts.open} to={list(row, { drill: "open" })} /> },
    { title: i18n.t("events.stats.overdue"), key: "overdue", render: (_, row) => <Count value={row.counts.overdue} to={list(row, { drill: "overdue" })} /> },
    ...rateKeys.map((key) => ({
      title: i18n.t(`events.stats.rate.${key}` as MessageKey),
      key,
      render: (_: unknown, row: StatsRowData) => <RateText value={row.rates[key]} />,
    })),
  ];
  return (
    <>
      <ErrorAlert error={stats.error} onRetry={stats.reload} />
      {stats.data ? (
        <Typography.Paragraph type="secondary">{i18n.t("events.stats.minCases", { count: stats.data.minCases })}</Typography.Paragraph>
      ) : null}
      <Table<StatsRowData & { self?: boolean }>
        rowKey={(row) => (row.self ? "self" : row.nodeId)}
        size="small"
        loading={stats.loading}
        columns={columns}
        dataSource={stats.data ? [{ ...stats.data.self, self: true }, ...stats.data.children] : []}
        pagination={false}
        scroll={{ x: "max-content" }}
        data-testid="stats-table"
      />
    </>
  );
}

function DepartmentStatsView({ org }: { org: number | undefined }) {
  const i18n = useI18n();
  const stats = useAsync((signal) => eventsApi.departmentStats({ org }, signal), [org]);
  const list = (row: DepartmentStatsRowData, query: Record<string, string>) => withQuery("/events", { org, department: row.departmentId, ...query });
  const columns: ColumnsType<DepartmentStatsRowData> = [
    { title: i18n.t("events.stats.name"), dataIndex: "name", fixed: "left" },
    { title: i18n.t("events.stats.total"), key: "total", render: (_, row) => <Count value={row.counts.total} to={list(row, {})} /> },
    { title: i18n.t("events.stats.open"), key: "open", render: (_, row) => <Count value={row.counts.open} to={list(row, { drill: "open" })} /> },
    { title: i18n.t("events.stats.overdue"), key: "overdue", render: (_, row) => <Count value={row.counts.overdue} to={list(row, { drill: "overdue" })} /> },
    { title: i18n.t("events.stats.refusals"), key: "refusals", render: (_, row) => i18n.number(row.counts.refusals) },
    { title: i18n.t("events.stats.summoned"), key: "summoned", render: (_, row) => i18n.number(row.counts.summoned) },
    { title: i18n.t("events.stats.rate.response"), key: "response", render: (_, row) => <RateText value={row.rates.response} /> },
    ...rateKeys.map((key) => ({
      title: i18n.t(`events.stats.rate.${key}` as MessageKey),
      key,
      render: (_: unknown, row: DepartmentStatsRowData) => <RateText value={row.rates[key]} />,
    })),
    {
      title: i18n.t("events.stats.summonRating"),
      key: "summonRating",
      render: (_, row) => (row.averageSummonRating === null ? "—" : i18n.number(row.averageSummonRating, { maximumFractionDigits: 1 })),
    },
  ];
  return (
    <>
      <ErrorAlert error={stats.error} onRetry={stats.reload} />
      {stats.data ? (
        <Typography.Paragraph type="secondary">{i18n.t("events.stats.minCases", { count: stats.data.minCases })}</Typography.Paragraph>
      ) : null}
      <Table
        rowKey="departmentId"
        size="small"
        loading={stats.loading}
        columns={columns}
        dataSource={stats.data?.items ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        data-testid="department-stats-table"
      />
    </>
  );
}

/** 统计 / 部门考核: the node table (self and its children) and the department table, each count drilling down to the list. */
export default function StatsPage({ view }: { view: "nodes" | "departments" }) {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const path = view === "nodes" ? "/events/stats" : "/events/departments";
  return (
    <Card size="small" data-testid={`events-${view}-stats`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <OrgTreePicker value={org ?? null} onChange={(id) => navigate(withQuery(path, { org: id ?? undefined }), { replace: true })} allowClear placeholder={i18n.t("events.field.org")} style={{ width: 240 }} aria-label={i18n.t("events.field.org")} />
      </Space>
      {view === "nodes" ? <NodeStatsView org={org} /> : <DepartmentStatsView org={org} />}
    </Card>
  );
}
