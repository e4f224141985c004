import { Card, Empty, Table, type TableProps } from "antd";
import { useMemo } from "react";
import { campaignApi, type TopicUnitData } from "../../../api/campaign";
import { hrefTo } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { ListTotal } from "../../../components/ListTotal";
import { useI18n } from "../../../i18n";
import { SectionHeader, useCampaign } from "../common";

/** The units that took topics (领题单位), with how many topics and projects each has. */
export function TopicUnitsTable() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const data = useAsync((signal) => campaignApi.topicUnits(campaign.id, signal), [campaign.id]);
  const rows = useMemo(() => [...(data.data?.items ?? [])].sort((a, b) => b.projects - a.projects || i18n.compare(a.unit.name, b.unit.name)), [data.data, i18n]);
  const columns = useMemo<NonNullable<TableProps<TopicUnitData>["columns"]>>(
    () => [
      { key: "unit", title: i18n.t("campaign.topicUnits.unit"), render: (_: unknown, row: TopicUnitData) => <span style={{ wordBreak: "break-word" }}>{row.unit.name}</span> },
      {
        key: "contents",
        title: i18n.t("campaign.topicUnits.contents"),
        width: 100,
        align: "right",
        render: (_: unknown, row: TopicUnitData) => (
          <a href={hrefTo(href("/campaign/claims", { campaign: campaign.id, audience: "unit", status: "approved", unit: row.unit.id }))}>{i18n.number(row.contents)}</a>
        ),
      },
      {
        key: "projects",
        title: i18n.t("campaign.topicUnits.projects"),
        width: 100,
        align: "right",
        render: (_: unknown, row: TopicUnitData) => (
          <a href={hrefTo(href("/campaign/projects", { campaign: campaign.id, level: "topic", unit: row.unit.id }))}>{i18n.number(row.projects)}</a>
        ),
      },
    ],
    [i18n, href, campaign.id],
  );
  return (
    <div data-testid="topic-units">
      <SectionHeader title={i18n.t("campaign.topicUnits.title")} extra={<ListTotal total={data.data?.total} loading={data.loading} unit="count" />} />
      <ErrorAlert error={data.error} onRetry={data.reload} />
      <Table<TopicUnitData>
        rowKey={(row) => row.unit.id}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={data.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: "small", showSizeChanger: false }}
        locale={{ emptyText: data.error ? " " : <Empty description={i18n.t("campaign.empty")} /> }}
        data-testid="topic-units-table"
      />
    </div>
  );
}

export default function TopicUnitsPage() {
  return (
    <Card size="small">
      <TopicUnitsTable />
    </Card>
  );
}
