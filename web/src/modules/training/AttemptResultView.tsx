import { Alert, Button, Card, InputNumber, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { trainingApi } from "../../api/training";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";
import { ExamStatusTag, PassTag, typeLabel } from "./labels";

/**
 * A submitted paper: the score, pass or fail, and each question with the answer given and the key.
 * While short answers wait, an organiser (training.manage) marks them here; the server refuses the
 * candidate's own paper, so a second person always grades.
 */
export default function AttemptResultView({ id }: { id: number }) {
  const i18n = useI18n();
  const { can } = useAuth();
  const result = useAsync((signal) => trainingApi.result(id, signal), [id]);
  const [marks, setMarks] = useState<Record<number, number>>({});
  const [error, setError] = useState<unknown>(null);
  if (result.error) return <ErrorAlert error={result.error} onRetry={result.reload} />;
  const data = result.data;
  if (!data) return <Loading />;
  const grading = data.status === "grading" && can("training.manage");
  const pending = data.items.filter((item) => item.needsGrading);
  const grade = async () => {
    setError(null);
    try {
      result.setData(await trainingApi.grade(id, data.version, pending.map((item) => ({ seq: item.seq, score: marks[item.seq] ?? 0 }))));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%", maxWidth: 640 }} data-testid="attempt-result">
      <Card size="small" title={`${data.examTitle} · ${data.personName}`}>
        <Space wrap>
          <ExamStatusTag status={data.status} />
          <Typography.Text strong data-testid="result-score">{`${i18n.t("training.score")}：${data.score ?? "—"}`}</Typography.Text>
          <Typography.Text type="secondary">{`${i18n.t("training.passMark")} ${data.passMark}`}</Typography.Text>
          <PassTag passed={data.passed} />
        </Space>
        {data.status === "grading" ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={i18n.t("training.grading")} /> : null}
      </Card>
      <ErrorAlert error={error} />
      <List
        size="small"
        bordered
        dataSource={data.items}
        renderItem={(item) => (
          <List.Item key={item.seq}>
            <Space orientation="vertical" size={2} style={{ width: "100%" }}>
              <Typography.Text>{`${item.seq}. [${typeLabel(i18n, item.type)}] ${item.stem}`}</Typography.Text>
              <Typography.Text type="secondary">{`${i18n.t("training.yourAnswer")}：${item.answer?.join("") ?? "—"} · ${i18n.t("training.key")}：${item.key.join("")}`}</Typography.Text>
              {grading && item.needsGrading ? (
                <InputNumber min={0} max={item.score} value={marks[item.seq]} onChange={(value) => setMarks((current) => ({ ...current, [item.seq]: value ?? 0 }))} suffix={`/ ${item.score}`} data-testid={`grade-${item.seq}`} />
              ) : (
                <Tag>{`${item.earned ?? "…"} / ${item.score}`}</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
      {grading ? (
        <Button type="primary" onClick={() => void grade()} data-testid="grade-submit">
          {i18n.t("training.gradeSubmit")}
        </Button>
      ) : null}
    </Space>
  );
}
