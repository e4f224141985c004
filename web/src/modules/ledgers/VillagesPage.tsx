import { Card, Form, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { ledgersApi, type VillageRowData } from "../../api/ledgers";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type I18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { yuan } from "./labels";

const sorts = ["flagged", "debt", "income", "raised"] as const;
type Sort = (typeof sorts)[number];

function bandText(i18n: I18n, band: number, bands: readonly number[]): string {
  if (band === 0) return i18n.t("ledgers.band.0", { max: yuan(bands[0] ?? 0) });
  return i18n.t("ledgers.band.n", { min: yuan(bands[band - 1]!) });
}

/** 村级排名: a township's villages ranked by problem contracts, debt or income, each opening its ledgers. */
export default function VillagesPage() {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const sortParam = location.query.get("sort");
  const sort: Sort = sorts.includes(sortParam as Sort) ? (sortParam as Sort) : "flagged";
  const ranking = useAsync((signal) => ledgersApi.ranking({ org, sort }, signal), [org, sort]);
  const go = (next: { org?: number; sort?: Sort }) => navigate(withQuery("/ledgers", { org: next.org, sort: next.sort === "flagged" ? undefined : next.sort }), { replace: true });
  const data = ranking.data;
  const bands = data?.bandsFen ?? [];
  const money = (value: number) => <span style={{ whiteSpace: "nowrap" }}>{yuan(value)}</span>;
  const columns: ColumnsType<VillageRowData> = [
    {
      title: i18n.t("ledgers.village"),
      dataIndex: "nodeName",
      fixed: "left",
      width: 120,
      render: (name: string, row) => (
        <a href={hrefTo(withQuery("/ledgers/contracts", { org: row.nodeId }))} data-testid="village-open">
          {name}
        </a>
      ),
    },
    { title: i18n.t("ledgers.ranking.contracts"), dataIndex: "contracts", width: 70, align: "right" },
    {
      title: i18n.t("ledgers.ranking.flagged"),
      dataIndex: "flagged",
      width: 80,
      align: "right",
      render: (value: number, row) => <a href={hrefTo(withQuery("/ledgers/contracts", { org: row.nodeId, figure: "ledger.problemContracts" }))}>{value}</a>,
    },
    { title: i18n.t("ledgers.ranking.rectified"), dataIndex: "rectified", width: 70, align: "right" },
    { title: i18n.t("ledgers.ranking.debt"), dataIndex: "debtOutstandingFen", width: 130, align: "right", render: money },
    { title: i18n.t("ledgers.ranking.resolved"), dataIndex: "debtResolvedFen", width: 130, align: "right", render: money },
    { title: i18n.t("ledgers.ranking.income"), dataIndex: "incomeFen", width: 130, align: "right", render: money },
    { title: i18n.t("ledgers.ranking.raised"), dataIndex: "raisedFen", width: 130, align: "right", render: money },
    { title: i18n.t("ledgers.ranking.band"), dataIndex: "band", width: 130, render: (band: number) => <Tag color={band === 0 ? "red" : band === 1 ? "gold" : "green"}>{bandText(i18n, band, bands)}</Tag> },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="ledger-villages">
      <Card size="small">
        <Form layout="inline" className="zl-list-filters">
          <Form.Item label={i18n.t("ledgers.org")} style={{ minWidth: 240 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, sort })} />
          </Form.Item>
          <Form.Item label={i18n.t("ledgers.sort")}>
            <Select<Sort> style={{ width: 140 }} value={sort} onChange={(value) => go({ org, sort: value })} options={sorts.map((value) => ({ value, label: i18n.t(`ledgers.sort.${value}`) }))} />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" title={data ? data.org.name : undefined}>
        <ErrorAlert error={ranking.error} onRetry={ranking.reload} />
        {data?.year ? (
          <Typography.Paragraph type="secondary">{i18n.t("ledgers.ranking.intro", { year: data.year, bands: bands.map((band) => yuan(band)).join(" / ") })}</Typography.Paragraph>
        ) : null}
        <Table<VillageRowData>
          rowKey="nodeId"
          size="small"
          loading={ranking.loading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 990 }}
          data-testid="ranking-table"
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{i18n.t("ledgers.ranking.total")}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{data.totals.contracts}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{data.totals.flagged}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{data.totals.rectified}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{yuan(data.totals.debtOutstandingFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{yuan(data.totals.debtResolvedFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{yuan(data.totals.incomeFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">{yuan(data.totals.raisedFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={8} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
