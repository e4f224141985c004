import { Tag } from "antd";
import type { CadreLevel, QuestionType, TrainingTopic } from "../../../../shared/schemas/training";
import { useI18n } from "../../i18n";

/** The tags training pages show: topic, level, paper status, pass or fail. */
export function TopicTag({ topic }: { topic: TrainingTopic }) {
  const i18n = useI18n();
  return <Tag color="blue">{i18n.t(`training.topic.${topic}`)}</Tag>;
}

export function LevelTag({ level }: { level: CadreLevel }) {
  const i18n = useI18n();
  return <Tag>{i18n.t(`training.level.${level}`)}</Tag>;
}

export function ExamStatusTag({ status }: { status: "not_started" | "in_progress" | "grading" | "scored" }) {
  const i18n = useI18n();
  const color = { not_started: "default", in_progress: "processing", grading: "orange", scored: "green" }[status];
  return <Tag color={color}>{i18n.t(`training.status.${status}`)}</Tag>;
}

export function PassTag({ passed }: { passed: boolean | null }) {
  const i18n = useI18n();
  if (passed === null) return null;
  return <Tag color={passed ? "green" : "red"}>{i18n.t(passed ? "training.passed" : "training.failed")}</Tag>;
}

export function typeLabel(i18n: ReturnType<typeof useI18n>, type: QuestionType): string {
  return i18n.t(`training.type.${type}`);
}
