import { Card, Empty, Grid, Progress, Segmented, Table, Tooltip, Typography, type TableProps } from "antd";
import { useMemo } from "react";
import { campaignApi, type RatesData } from "../../api/campaign";
import { hrefTo, navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ListTotal } from "../../components/ListTotal";
import { useI18n } from "../../i18n";
import { useCampaign } from "./common";
import { routeForApiHref } from "./links";

type RateRow = RatesData["items"][number];
type By = "unit" | "leader";

/** A rate as a bar; "—" with the reason when too few projects were due for it to mean anything. */
function RateCell({ value, minimumDue }: { value: number | null; minimumDue: number }) {
  const i18n = useI18n();
  if (value === null)
    return (
      <Tooltip title={i18n.t("campaign.rates.tooFew", { min: minimumDue })}>
        <Typography.Text type="secondary">{i18n.t("campaign.none.value")}</Typography.Text>
      </Tooltip>
    );
  const color = value >= 90 ? "#389e0d" : value >= 60 ? "#d48806" : "#cf1322";
  return <Progress percent={value} size="small" strokeColor={color} status="normal" format={(v) => `${v ?? 0}%`} style={{ margin: 0, minWidth: 90 }} />;
}

/** A count that opens the list of exactly the projects it counts (the API's drill-down address). */
function CountLink({ value, href, testId }: { value: number; href: string; testId: string }) {
  const i18n = useI18n();
  const route = routeForApiHref(href);
  if (!route || value === 0) return <>{i18n.number(value)}</>;
  return (
    <a href={hrefTo(route)} data-testid={testId} data-count={value}>
      {i18n.number(value)}
    </a>
  );
}

/**
 * 完成率排名: by lead unit or by leader, the completion and on-time rates over the projects that were
 * due (deadline reached, or done), as the national evaluation defines them; each count opens its list.
 */
export default function RatesPage() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const location = useLocation();
  const by: By = location.query.get("by") === "leader" ? "leader" : "unit";
  const rates = useAsync((signal) => campaignApi.rates(campaign.id, by, signal), [campaign.id, by]);
  const minimumDue = rates.data?.minimumDue ?? 3;
  const isMobile = !Grid.useBreakpoint().sm;

  const columns = useMemo<NonNullable<TableProps<RateRow>["columns"]>>(
    () => [
      {
        key: "rank",
        title: i18n.t("campaign.rates.rank"),
        width: 56,
        align: "center",
        responsive: ["sm"],
        render: (_: unknown, row: RateRow, index: number) => (row.completionRate === null ? "" : index + 1),
      },
      { key: "name", title: i18n.t(by === "unit" ? "campaign.filter.unit" : "campaign.filter.leader"), render: (_: unknown, row: RateRow) => <span style={{ wordBreak: "break-word" }}>{row.name}</span> },
      { key: "projects", title: i18n.t("campaign.rates.projects"), width: 70, align: "right", responsive: ["md"], render: (_: unknown, row: RateRow) => i18n.number(row.projects) },
      { key: "due", title: i18n.t("campaign.rates.due"), width: isMobile ? 56 : 70, align: "right", render: (_: unknown, row: RateRow) => <CountLink value={row.due} href={row.hrefs.due} testId="rate-due" /> },
      { key: "done", title: i18n.t("campaign.rates.done"), width: 70, align: "right", responsive: ["sm"], render: (_: unknown, row: RateRow) => <CountLink value={row.done} href={row.hrefs.done} testId="rate-done" /> },
      { key: "onTime", title: i18n.t("campaign.rates.onTime"), width: 80, align: "right", responsive: ["sm"], render: (_: unknown, row: RateRow) => <CountLink value={row.onTime} href={row.hrefs.onTime} testId="rate-on-time" /> },
      { key: "completionRate", title: i18n.t("campaign.rates.completionRate"), width: isMobile ? 112 : 150, render: (_: unknown, row: RateRow) => <RateCell value={row.completionRate} minimumDue={minimumDue} /> },
      { key: "onTimeRate", title: i18n.t("campaign.rates.onTimeRate"), width: 150, responsive: ["sm"], render: (_: unknown, row: RateRow) => <RateCell value={row.onTimeRate} minimumDue={minimumDue} /> },
    ],
    [i18n, by, minimumDue, isMobile],
  );

  return (
    <Card size="small" data-testid="rates-page">
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8, marginBottom: 8 }}>
        <Segmented<By>
          value={by}
          onChange={(next) => navigate(href("/campaign/rates", { by: next === "unit" ? undefined : next }), { replace: true })}
          options={[
            { value: "unit", label: i18n.t("campaign.rates.byUnit") },
            { value: "leader", label: i18n.t("campaign.rates.byLeader") },
          ]}
          data-testid="rates-by"
        />
        <ListTotal total={rates.data?.items.length} loading={rates.loading} unit="count" />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {i18n.t("campaign.rates.definition", { day: rates.data?.today ?? "" })} {i18n.t("campaign.rates.tooFew", { min: minimumDue })}
      </Typography.Paragraph>
      <ErrorAlert error={rates.error} onRetry={rates.reload} />
      <Table<RateRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rates.data?.items ?? []}
        loading={rates.loading}
        locale={{ emptyText: rates.error ? " " : <Empty description={i18n.t("campaign.rates.empty")} /> }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: "small", showSizeChanger: false }}
        data-testid="rates-table"
      />
    </Card>
  );
}
