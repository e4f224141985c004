import { Card, Table } from "antd";
import { evaluationApi, type LatestResultData } from "../../api/evaluation";
import { hrefTo, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { GradeTag, scorecardPath } from "./labels";

/** The bodies behind evaluation.scoredBodies and each grade count: the latest published period of every catalogue. */
export default function ResultsPage() {
  const i18n = useI18n();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const grade = query.get("grade") ?? undefined;
  const results = useAsync((signal) => evaluationApi.results({ org, grade }, signal), [org, grade]);
  return (
    <Card size="small" title={`${i18n.t("evaluation.nav.results")}${grade ? ` · ${grade}` : ""}${results.data ? ` · ${results.data.total}` : ""}`} data-testid="evaluation-results">
      <ErrorAlert error={results.error} onRetry={results.reload} />
      <Table<LatestResultData>
        rowKey={(row) => `${row.periodId}:${row.bodyKind}:${row.bodyId}`}
        size="small"
        loading={results.loading}
        dataSource={results.data?.items ?? []}
        pagination={{ pageSize: 50, simple: true }}
        scroll={{ x: 520 }}
        columns={[
          { key: "period", title: i18n.t("evaluation.period"), dataIndex: "periodLabel" },
          { key: "body", title: i18n.t("evaluation.body"), render: (_: unknown, row) => <a href={hrefTo(scorecardPath(row.periodId, row.bodyKind, row.bodyId))}>{row.bodyName}</a> },
          { key: "rank", title: i18n.t("evaluation.rank"), dataIndex: "rank" },
          { key: "score", title: i18n.t("evaluation.score"), dataIndex: "score", align: "right" },
          { key: "grade", title: i18n.t("evaluation.grade"), render: (_: unknown, row) => <GradeTag grade={row.grade} /> },
        ]}
      />
    </Card>
  );
}
