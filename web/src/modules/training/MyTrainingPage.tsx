import { Button, Card, Empty, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { trainingApi, type MyExamData } from "../../api/training";
import { navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { ExamStatusTag, TopicTag } from "./labels";

/** 我的培训: the sessions meant for me and my tests, on a phone first. */
export default function MyTrainingPage() {
  const i18n = useI18n();
  const exams = useAsync((signal) => trainingApi.myExams(signal), []);
  const sessions = useAsync((signal) => trainingApi.mySessions(signal), []);
  const [starting, setStarting] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const open = async (exam: MyExamData) => {
    if (exam.attemptId !== null) return navigate(`/my-training/attempts/${exam.attemptId}`);
    setStarting(exam.examId);
    setError(null);
    try {
      const attempt = await trainingApi.start(exam.examId);
      navigate(`/my-training/attempts/${attempt.id}`);
    } catch (failure) {
      setError(failure);
      exams.reload();
    } finally {
      setStarting(null);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="my-training-page">
      <Card size="small" title={i18n.t("training.myExams")}>
        <ErrorAlert error={exams.error ?? error} onRetry={exams.reload} />
        <List
          loading={exams.loading}
          dataSource={exams.data?.items ?? []}
          locale={{ emptyText: <Empty /> }}
          renderItem={(exam) => (
            <List.Item
              key={exam.examId}
              data-testid="my-exam"
              actions={[
                exam.status === "not_started" || exam.status === "in_progress" ? (
                  <Button type="primary" key="go" loading={starting === exam.examId} onClick={() => void open(exam)} data-testid={`exam-open-${exam.examId}`}>
                    {i18n.t(exam.status === "not_started" ? "training.startExam" : "training.continueExam")}
                  </Button>
                ) : (
                  <Button key="result" onClick={() => navigate(`/my-training/attempts/${exam.attemptId}`)} data-testid={`exam-result-${exam.examId}`}>
                    {i18n.t("training.viewResult")}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={exam.title}
                description={
                  <Space wrap size={4}>
                    <ExamStatusTag status={exam.status} />
                    {exam.score !== null ? <Tag color={exam.passed ? "green" : "red"}>{`${i18n.t("training.score")} ${exam.score}`}</Tag> : null}
                    <Typography.Text type="secondary">{`${i18n.dateTime(exam.opensAt)} – ${i18n.dateTime(exam.closesAt)}`}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={i18n.t("training.mySessions")}>
        <ErrorAlert error={sessions.error} onRetry={sessions.reload} />
        <List
          loading={sessions.loading}
          dataSource={sessions.data?.items ?? []}
          locale={{ emptyText: <Empty /> }}
          renderItem={(session) => (
            <List.Item key={session.id}>
              <List.Item.Meta
                title={<a href={`#/my-training/sessions/${session.id}`}>{session.title}</a>}
                description={
                  <Space wrap size={4}>
                    <TopicTag topic={session.topic} />
                    <span>{i18n.dateTime(session.startsAt)}</span>
                    <span>{session.place}</span>
                    {session.attendedAt ? <Tag color="green">{i18n.t("training.checkedIn")}</Tag> : null}
                    {session.leave ? <Tag>{`${i18n.t("training.leaves")}: ${session.leave}`}</Tag> : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
