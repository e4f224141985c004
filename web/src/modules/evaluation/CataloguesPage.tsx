import { Button, Card, Descriptions, List, Space, Table, Tag } from "antd";
import { useState } from "react";
import { evaluationApi, type CatalogueData } from "../../api/evaluation";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";
import { CatalogueEditor } from "./CatalogueEditor";

type Line = CatalogueData["items"][number];

/** The "1+3X" catalogues: per kind of body, each indicator, manual score and supervision channel with its weight; and what the modules offer. */
export default function CataloguesPage() {
  const i18n = useI18n();
  const catalogues = useAsync((signal) => evaluationApi.catalogues(signal), []);
  const indicators = useAsync((signal) => evaluationApi.indicators(signal), []);
  const periods = useAsync((signal) => evaluationApi.periods({}, signal), []);
  const { can } = useAuth();
  const [editing, setEditing] = useState<{ catalogue: CatalogueData; mode: "edit" | "copy" } | null>(null);
  // A catalogue a period uses is fixed (its results name its lines): it is copied, not edited.
  const inUse = new Set((periods.data?.items ?? []).map((period) => period.catalogueId));
  if (catalogues.error) return <ErrorAlert error={catalogues.error} onRetry={catalogues.reload} />;
  if (!catalogues.data) return <Loading />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="evaluation-catalogues">
      {catalogues.data.items.map((catalogue) => (
        <Card
          key={catalogue.id}
          size="small"
          title={catalogue.name}
          data-testid={`catalogue-${catalogue.id}`}
          extra={
            <Space size={4}>
              {catalogue.public ? <Tag color="green">{i18n.t("evaluation.catalogue.public")}</Tag> : null}
              {can("evaluation.manage") && periods.data ? (
                inUse.has(catalogue.id) ? (
                  <Button size="small" onClick={() => setEditing({ catalogue, mode: "copy" })} data-testid={`catalogue-copy-${catalogue.id}`}>{i18n.t("evaluation.catalogue.copy")}</Button>
                ) : (
                  <Button size="small" onClick={() => setEditing({ catalogue, mode: "edit" })} data-testid={`catalogue-edit-${catalogue.id}`}>{i18n.t("evaluation.catalogue.edit")}</Button>
                )
              ) : null}
            </Space>
          }
        >
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
      {editing ? (
        <CatalogueEditor
          catalogue={editing.catalogue}
          mode={editing.mode}
          indicators={indicators.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            catalogues.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
