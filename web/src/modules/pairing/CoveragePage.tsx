import { Card, Col, DatePicker, Empty, Form, Row, Space, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { pairingApi, type CoverageData } from "../../api/pairing";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { coverageColor } from "./common";

const isDay = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** 走访覆盖: a township's (or any node's) share of paired households visited in the period, its villages coloured by it. */
export default function CoveragePage() {
  const i18n = useI18n();
  const location = useLocation();
  const params = { org: positiveInt(location.query.get("org")), from: isDay(location.query.get("from")), to: isDay(location.query.get("to")) };
  const key = JSON.stringify(params);
  const coverage = useAsync((signal) => pairingApi.coverage(params, signal), [key]);
  const go = (next: Partial<typeof params>) => navigate(withQuery("/pairing/coverage", { ...params, ...next }), { replace: true });
  const data: CoverageData | undefined = coverage.data;
  const percent = (rate: number | null) => (rate === null ? "—" : `${i18n.number(rate)}%`);

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="coverage-page">
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={i18n.t("pairing.field.node")} style={{ minWidth: 240 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.coverage.from")}>
            <DatePicker value={data ? dayjs(data.from) : null} onChange={(day) => go({ from: day ? day.format("YYYY-MM-DD") : undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.coverage.to")}>
            <DatePicker value={data ? dayjs(data.to) : null} onChange={(day) => go({ to: day ? day.format("YYYY-MM-DD") : undefined })} />
          </Form.Item>
        </Form>
      </Card>
      {coverage.error ? <ErrorAlert error={coverage.error} onRetry={coverage.reload} /> : null}
      {!data ? (
        coverage.error ? null : <Loading />
      ) : (
        <>
          <Card size="small" title={`${data.nodeName} · ${data.from} — ${data.to}`}>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Statistic title={i18n.t("pairing.coverage.rate")} value={percent(data.rate)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={i18n.t("pairing.coverage.paired")} value={data.paired} />
              </Col>
              <Col xs={12} md={6}>
                <div data-testid="coverage-visited" data-value={data.visited}>
                  <Statistic title={i18n.t("pairing.coverage.visited")} value={data.visited} />
                </div>
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={i18n.t("pairing.coverage.never")} value={data.neverVisited} />
              </Col>
            </Row>
          </Card>
          <Card size="small" title={i18n.t("pairing.coverage.children")}>
            {data.children.length === 0 ? (
              <Empty description={i18n.t("pairing.coverage.none")} />
            ) : (
              <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: 8 }} data-testid="coverage-map">
                {data.children.map((child) => (
                  <a key={child.nodeId} href={hrefTo(withQuery("/pairing/coverage", { ...params, org: child.nodeId }))} data-testid="coverage-cell" data-node-id={child.nodeId}>
                    <div style={{ background: coverageColor(child.rate), color: "#fff", borderRadius: 6, padding: 8, minHeight: 64 }}>
                      <div style={{ fontWeight: 600 }}>{child.nodeName}</div>
                      <div data-testid="coverage-cell-rate">
                        {percent(child.rate)} · {i18n.number(child.visited)}/{i18n.number(child.paired)}
                      </div>
                    </div>
                  </a>
                ))}
              </div>
            )}
          </Card>
          <Card size="small" title={i18n.t("pairing.coverage.behind")}>
            <Table
              size="small"
              rowKey="personId"
              pagination={false}
              dataSource={data.behind}
              locale={{ emptyText: <Typography.Text type="secondary">—</Typography.Text> }}
              columns={[
                { key: "name", dataIndex: "personName", title: i18n.t("pairing.field.person") },
                { key: "paired", dataIndex: "paired", title: i18n.t("pairing.coverage.paired"), align: "right" },
                { key: "visited", dataIndex: "visited", title: i18n.t("pairing.coverage.visited"), align: "right" },
                { key: "rate", title: i18n.t("pairing.coverage.rate"), align: "right", render: (_: unknown, row: { rate: number | null }) => percent(row.rate) },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
