import { Alert, Card, List, Space, Tag, Typography } from "antd";
import { trainingApi } from "../../api/training";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { ExamStatusTag, PassTag, typeLabel } from "./labels";

/** A submitted paper: the score, pass or fail, and each question with the answer given and the key. */
export default function AttemptResultView({ id }: { id: number }) {
  const i18n = useI18n();
  const result = useAsync((signal) => trainingApi.result(id, signal), [id]);
  if (result.error) return <ErrorAlert error={result.error} onRetry={result.reload} />;
  const data = result.data;
  if (!data) return <Loading />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%", maxWidth: 640 }} data-testid="attempt-result">
      <Card size="small" title={data.examTitle}>
        <Space wrap>
          <ExamStatusTag status={data.status} />
          <Typography.Text strong data-testid="result-score">{`${i18n.t("training.score")}：${data.score ?? "—"}`}</Typography.Text>
          <Typography.Text type="secondary">{`${i18n.t("training.passMark")} ${data.passMark}`}</Typography.Text>
          <PassTag passed={data.passed} />
        </Space>
        {data.status === "grading" ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={i18n.t("training.grading")} /> : null}
      </Card>
      <List
        size="small"
        bordered
        dataSource={data.items}
        renderItem={(item) => (
          <List.Item key={item.seq}>
            <Space orientation="vertical" size={2} style={{ width: "100%" }}>
              <Typography.Text>{`${item.seq}. [${typeLabel(i18n, item.type)}] ${item.stem}`}</Typography.Text>
              <Typography.Text type="secondary">{`${i18n.t("training.yourAnswer")}：${item.answer?.join("") ?? "—"} · ${i18n.t("training.key")}：${item.key.join("")}`}</Typography.Text>
              <Tag>{`${item.earned ?? "…"} / ${item.score}`}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
