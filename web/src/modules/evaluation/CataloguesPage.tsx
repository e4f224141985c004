import { Card, Descriptions, List, Space, Table, Tag } from "antd";
import { evaluationApi, type CatalogueData } from "../../api/evaluation";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";

type Line = CatalogueData["items"][number];

/** The "1+3X" catalogues: per kind of body, each indicator, manual score and supervision channel with its weight; and what the modules offer. */
export default function CataloguesPage() {
  const i18n = useI18n();
  const catalogues = useAsync((signal) => evaluationApi.catalogues(signal), []);
  const indicators = useAsync((signal) => evaluationApi.indicators(signal), []);
  if (catalogues.error) return <ErrorAlert error={catalogues.error} onRetry={catalogues.reload} />;
  if (!catalogues.data) return <Loading />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="evaluation-catalogues">
      {catalogues.data.items.map((catalogue) => (
        <Card key={catalogue.id} size="small" title={catalogue.name} extra={catalogue.public ? <Tag color="green">{i18n.t("evaluation.catalogue.public")}</Tag> : null}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={i18n.t("evaluation.body")}>{i18n.t(`evaluation.kind.${catalogue.bodyKind}`)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("evaluation.grade")}>
              {catalogue.grading === "threshold"
                ? `${i18n.t("evaluation.catalogue.grading.threshold")} A≥${catalogue.thresholds.A} B≥${catalogue.thresholds.B} C≥${catalogue.thresholds.C} D≥${catalogue.thresholds.D}`
                : `${i18n.t("evaluation.catalogue.grading.quota")} A ${catalogue.quotas.A}% B ${catalogue.quotas.B}% C ${catalogue.quotas.C}% D ${catalogue.quotas.D}%`}
            </Descriptions.Item>
            <Descriptions.Item label={i18n.t("evaluation.appeal")}>{catalogue.appealDays}</Descriptions.Item>
          </Descriptions>
          <Table<Line>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={catalogue.items}
            scroll={{ x: 480 }}
            columns={[
              { key: "label", title: i18n.t("evaluation.item"), render: (_: unknown, line) => <Space size={4}><Tag>{i18n.t(`evaluation.source.${line.source}`)}</Tag>{line.label}</Space> },
              { key: "weight", title: i18n.t("evaluation.weight"), dataIndex: "weight", align: "right" },
              { key: "min", title: i18n.t("evaluation.catalogue.minSample"), align: "right", render: (_: unknown, line) => (line.source === "auto" ? line.minSample : "—") },
            ]}
          />
        </Card>
      ))}
      <Card size="small" title={i18n.t("evaluation.catalogue.indicators")}>
        <ErrorAlert error={indicators.error} onRetry={indicators.reload} />
        <List
          size="small"
          dataSource={indicators.data?.items ?? []}
          renderItem={(indicator) => (
            <List.Item extra={indicator.bodyKinds.map((kind) => <Tag key={kind}>{i18n.t(`evaluation.kind.${kind}`)}</Tag>)}>
              {`${i18n.locale.startsWith("en") ? indicator.label.en : indicator.label.zh} (${indicator.key})`}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
