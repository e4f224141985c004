import { Button, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { difficulties, difficultyLabels, questionTypes, trainingTopics, type Difficulty, type QuestionType, type TrainingTopic } from "../../../../shared/schemas/training";
import { trainingApi } from "../../api/training";
import { applyFieldErrors } from "../../components/forms";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { typeLabel } from "./labels";

interface Values {
  type: QuestionType;
  topic: TrainingTopic;
  difficulty: Difficulty;
  stem: string;
  /** One option a line; A, B, C … in order. */
  options?: string;
  /** Letters for choices ("AC"), 对/错 for true or false, the reference for a short answer. */
  answer: string;
}

const JUDGE: Record<string, string> = { 对: "true", 正确: "true", true: "true", 错: "false", 错误: "false", false: "false" };

/** 新增试题: a question typed in the web, the key shaped as its type needs (the server checks it again). */
export function QuestionForm({ nodeId, onCreated }: { nodeId: number; onCreated: () => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const type = Form.useWatch("type", form);
  const save = async (values: Values) => {
    setError(null);
    const options = values.type === "single" || values.type === "multiple" ? (values.options ?? "").split("\n").map((line) => line.trim()).filter(Boolean) : [];
    const raw = values.answer.trim();
    const answer = values.type === "judge" ? [JUDGE[raw] ?? raw] : values.type === "short" ? [raw] : [...raw.toUpperCase().replace(/[^A-Z]/g, "")].sort();
    try {
      await trainingApi.createQuestion({ nodeId, type: values.type, topic: values.topic, difficulty: values.difficulty, stem: values.stem, options, answer });
      form.resetFields();
      setOpen(false);
      onCreated();
    } catch (failure) {
      if (!applyFieldErrors(form, failure, ["type", "topic", "difficulty", "stem", "options", "answer"], i18n)) setError(failure);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="question-new">
        {i18n.t("training.newQuestion")}
      </Button>
      <Modal open={open} title={i18n.t("training.newQuestion")} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={i18n.t("common.save")} cancelText={i18n.t("common.cancel")} destroyOnHidden>
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)} initialValues={{ type: "single", topic: "party_building", difficulty: "easy" }}>
          <Form.Item name="type" label={i18n.t("training.form")} rules={[{ required: true }]}>
            <Select options={questionTypes.map((value) => ({ value, label: typeLabel(i18n, value) }))} />
          </Form.Item>
          <Form.Item name="topic" label={i18n.t("training.topic")} rules={[{ required: true }]}>
            <Select options={trainingTopics.map((value) => ({ value, label: i18n.t(`training.topic.${value}`) }))} />
          </Form.Item>
          <Form.Item name="difficulty" label={i18n.t("training.difficulty")} rules={[{ required: true }]}>
            <Select options={difficulties.map((value) => ({ value, label: difficultyLabels[value] }))} />
          </Form.Item>
          <Form.Item name="stem" label={i18n.t("training.stem")} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          {type === "single" || type === "multiple" ? (
            <Form.Item name="options" label={i18n.t("training.optionsHint")} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          ) : null}
          <Form.Item name="answer" label={i18n.t("training.answer")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
