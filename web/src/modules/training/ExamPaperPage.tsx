import { Alert, Button, Card, Checkbox, Input, Modal, Progress, Radio, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { trainingApi, type AttemptData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import AttemptResultView from "./AttemptResultView";
import { TopicTag, typeLabel } from "./labels";

const letter = (index: number) => String.fromCharCode(65 + index);
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/**
 * 答题: one question a screen, the time left by the server's clock, each answer saved as it is given,
 * so a reload or a dropped connection loses nothing. The question shown is kept in the link (?q=).
 */
export default function ExamPaperPage({ id }: { id: number }) {
  const i18n = useI18n();
  const location = useLocation();
  const paper = useAsync((signal) => trainingApi.attempt(id, signal), [id]);
  const [answers, setAnswers] = useState<Record<number, string[]>>({});
  const [left, setLeft] = useState<number | null>(null);
  const [saving, setSaving] = useState<{ seq: number; error: unknown } | null>(null);

  const data: AttemptData | undefined = paper.data;
  useEffect(() => {
    if (!data) return;
    setAnswers(Object.fromEntries(data.items.filter((item) => item.answer).map((item) => [item.seq, item.answer!])));
    setLeft(data.secondsLeft);
  }, [data]);
  useEffect(() => {
    const timer = window.setInterval(() => setLeft((seconds) => (seconds === null ? null : Math.max(0, seconds - 1))), 1000);
    return () => window.clearInterval(timer);
  }, []);

  if (paper.error) return <ErrorAlert error={paper.error} onRetry={paper.reload} />;
  if (!data) return <Loading />;
  if (data.status !== "in_progress") return <AttemptResultView id={id} />;

  const total = data.items.length;
  const index = Math.min(Math.max(Number(location.query.get("q") ?? "1"), 1), total) - 1;
  const item = data.items[index]!;
  const goTo = (n: number) => navigate(withQuery(`/my-training/attempts/${id}`, { q: n + 1 }), { replace: true });
  const timeUp = left === 0;

  const save = async (seq: number, answer: string[]) => {
    setAnswers((current) => ({ ...current, [seq]: answer }));
    setSaving({ seq, error: null });
    try {
      const saved = await trainingApi.answer(id, seq, answer);
      setLeft(saved.secondsLeft);
      setSaving(null);
    } catch (error) {
      setSaving({ seq, error });
    }
  };
  const submit = () =>
    Modal.confirm({
      title: i18n.t("training.submitConfirm"),
      okText: i18n.t("training.submit"),
      cancelText: i18n.t("common.cancel"),
      onOk: async () => {
        await trainingApi.submit(id);
        paper.reload();
      },
    });

  const current = answers[item.seq] ?? [];
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%", maxWidth: 640 }} data-testid="exam-paper">
      <Card size="small">
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Typography.Text strong>{data.examTitle}</Typography.Text>
          <Tag color={left !== null && left < 300 ? "red" : "blue"} data-testid="paper-time-left">
            {i18n.t("training.timeLeft", { time: clock(left ?? 0) })}
          </Tag>
        </Space>
        <Progress percent={Math.round((100 * Object.keys(answers).length) / total)} size="small" showInfo={false} />
      </Card>
      {timeUp ? <Alert type="warning" showIcon title={i18n.t("training.timeUp")} /> : null}
      <Card size="small" title={i18n.t("training.question", { n: index + 1, total })} extra={<TopicTag topic={item.topic} />} data-testid="paper-question">
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Text type="secondary">{`${typeLabel(i18n, item.type)} · ${item.score}`}</Typography.Text>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }} data-testid="paper-stem">
            {item.stem}
          </Typography.Paragraph>
          {item.type === "single" ? (
            <Radio.Group value={current[0]} disabled={timeUp} onChange={(event) => void save(item.seq, [event.target.value as string])}>
              <Space orientation="vertical">
                {item.options.map((option, n) => (
                  <Radio key={n} value={letter(n)} data-testid={`option-${letter(n)}`}>{`${letter(n)}. ${option}`}</Radio>
                ))}
              </Space>
            </Radio.Group>
          ) : null}
          {item.type === "multiple" ? (
            <Checkbox.Group value={current} disabled={timeUp} onChange={(values) => void save(item.seq, (values as string[]).slice().sort())}>
              <Space orientation="vertical">
                {item.options.map((option, n) => (
                  <Checkbox key={n} value={letter(n)} data-testid={`option-${letter(n)}`}>{`${letter(n)}. ${option}`}</Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          ) : null}
          {item.type === "judge" ? (
            <Radio.Group value={current[0]} disabled={timeUp} onChange={(event) => void save(item.seq, [event.target.value as string])}>
              <Space>
                <Radio value="true" data-testid="option-true">{i18n.t("training.judge.true")}</Radio>
                <Radio value="false" data-testid="option-false">{i18n.t("training.judge.false")}</Radio>
              </Space>
            </Radio.Group>
          ) : null}
          {item.type === "short" ? (
            <Input.TextArea
              key={item.seq}
              rows={5}
              defaultValue={current[0]}
              disabled={timeUp}
              maxLength={2000}
              placeholder={i18n.t("training.answerPlaceholder")}
              onBlur={(event) => event.target.value.trim() && void save(item.seq, [event.target.value.trim()])}
              data-testid="answer-text"
            />
          ) : null}
          {saving?.seq === item.seq && saving.error ? <ErrorAlert error={saving.error} /> : null}
          {answers[item.seq] && saving?.seq !== item.seq ? <Typography.Text type="success">{i18n.t("training.saved")}</Typography.Text> : null}
        </Space>
      </Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Button disabled={index === 0} onClick={() => goTo(index - 1)} data-testid="paper-previous">
          {i18n.t("training.previous")}
        </Button>
        {index < total - 1 ? (
          <Button type="primary" onClick={() => goTo(index + 1)} data-testid="paper-next">
            {i18n.t("training.next")}
          </Button>
        ) : (
          <Button type="primary" danger onClick={submit} data-testid="paper-submit">
            {i18n.t("training.submit")}
          </Button>
        )}
      </Space>
    </Space>
  );
}
