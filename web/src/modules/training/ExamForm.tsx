import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Modal, Select, Space, type ButtonProps, type FormInstance } from "antd";
import { useState } from "react";
import { difficulties, difficultyLabels, trainingTopics } from "../../../../shared/schemas/training";
import { ApiError } from "../../api/client";
import { trainingApi } from "../../api/training";
import { ErrorAlert } from "../../components/ErrorAlert";
import { pickLanguage } from "../../components/errors";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { PersonPicker } from "../../components/PersonPicker";
import { useI18n, type I18n } from "../../i18n";
import { roleGrants } from "../../../../shared/permissions";
import { useMe } from "../auth/AuthContext";

interface Rule {
  topic?: string;
  difficulty?: string;
  count?: number;
  points?: number;
}

export interface ExamValues {
  nodeId?: number;
  title?: string;
  rules: Rule[];
  opensAt?: string;
  closesAt?: string;
  timeLimitMinutes?: number;
  passMark?: number;
  candidatePersonIds?: number[];
}

const MAX_RULES = 20;
const topLevel = ["nodeId", "title", "rules", "opensAt", "closesAt", "timeLimitMinutes", "passMark", "candidatePersonIds"];

/** The form's values as the server's body: the days as instants in Beijing time, open from the first day's start to the last day's end. */
export function examBody(values: ExamValues) {
  return {
    ...values,
    rules: values.rules.map((rule) => ({ topic: rule.topic, difficulty: rule.difficulty, count: rule.count, points: rule.points })),
    opensAt: `${String(values.opensAt)}T00:00:00+08:00`,
    closesAt: `${String(values.closesAt)}T23:59:59+08:00`,
  };
}

/**
 * The server's field errors put where they belong: "rules.1.count" under the second rule's count, so
 * a rule the bank cannot fill is marked on its own row. True when every error found a field.
 */
export function placeExamErrors(form: FormInstance<ExamValues>, error: unknown, i18n: Pick<I18n, "locale">): boolean {
  if (!(error instanceof ApiError) || error.status !== 400 || error.fields.length === 0) return false;
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  let placed = true;
  for (const field of error.fields) {
    const name = field.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (!topLevel.includes(String(name[0]))) {
      placed = false;
      continue;
    }
    // A rule's field is its own form item; any deeper path of another field lands on the field itself.
    const target = name[0] === "rules" && name.length === 3 ? name : name.slice(0, 1);
    const key = target.join(".");
    const entry = byPath.get(key) ?? { name: target, errors: [] };
    entry.errors.push(pickLanguage(i18n.locale, field.message));
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()].map(({ name, errors }) => ({ name: name as never, errors })));
  return placed && byPath.size > 0;
}

/** 新建能力测试: the test's node, title and window, and its drawing rules (topic × difficulty × count at points each), one row a rule. */
export function ExamForm({ onSaved }: { onSaved: () => void }) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<ExamValues>();
  // The node where the caller sets tests: the usual choice, changeable.
  const home = useMe().roles.find((role) => role.nodeId !== null && roleGrants(role.role, "training.manage"))?.nodeId ?? undefined;
  const required = { required: true, message: i18n.t("ledgers.form.required") };
  const day = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" };
  const close = () => {
    setOpen(false);
    setError(null);
    form.resetFields();
  };
  const save = async () => {
    let values: ExamValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await trainingApi.createExam(examBody(values) as never);
      close();
      onSaved();
    } catch (cause) {
      setError(placeExamErrors(form, cause, i18n) ? null : cause);
    } finally {
      setSaving(false);
    }
  };
  const newRule: Rule = { difficulty: "medium", count: 5, points: 5 };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="exam-new">
        {i18n.t("training.new.exam")}
      </Button>
      <Modal
        open={open}
        width={760}
        title={i18n.t("training.new.exam")}
        onCancel={close}
        onOk={() => void save()}
        okText={i18n.t("common.save")}
        cancelText={i18n.t("common.cancel")}
        okButtonProps={{ loading: saving, "data-testid": "exam-save" } as ButtonProps}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form<ExamValues> form={form} name="exam" layout="vertical" initialValues={{ nodeId: home, rules: [newRule], timeLimitMinutes: 60, passMark: 60 }} data-testid="exam-form">
          <Form.Item name="nodeId" label={i18n.t("training.field.node")} rules={[required]}>
            <OrgTreePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="title" label={i18n.t("training.exam")} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.List name="rules">
            {(rows, { add, remove }) => (
              <Form.Item label={i18n.t("training.rules")} required>
                {rows.map((row, index) => (
                  <Space key={row.key} align="start" wrap data-testid="exam-rule" data-index={index}>
                    <Form.Item name={[row.name, "topic"]} rules={[required]} style={{ minWidth: 150, marginBottom: 8 }}>
                      <Select placeholder={i18n.t("training.topic")} aria-label={i18n.t("training.topic")} options={trainingTopics.map((value) => ({ value, label: i18n.t(`training.topic.${value}`) }))} data-testid="rule-topic" />
                    </Form.Item>
                    <Form.Item name={[row.name, "difficulty"]} rules={[required]} style={{ minWidth: 90, marginBottom: 8 }}>
                      <Select aria-label={i18n.t("training.field.difficulty")} options={difficulties.map((value) => ({ value, label: i18n.locale === "en" ? value : difficultyLabels[value] }))} data-testid="rule-difficulty" />
                    </Form.Item>
                    <Form.Item name={[row.name, "count"]} rules={[required]} style={{ marginBottom: 8 }}>
                      <InputNumber min={1} max={50} precision={0} suffix={i18n.t("training.rule.count")} aria-label={i18n.t("training.field.count")} data-testid="rule-count" />
                    </Form.Item>
                    <Form.Item name={[row.name, "points"]} rules={[required]} style={{ marginBottom: 8 }}>
                      <InputNumber min={1} max={50} precision={0} suffix={i18n.t("training.rule.points")} aria-label={i18n.t("training.field.points")} data-testid="rule-points" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} disabled={rows.length === 1} onClick={() => remove(row.name)} aria-label={i18n.t("training.rule.remove")} data-testid="rule-remove" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} disabled={rows.length >= MAX_RULES} onClick={() => add(newRule)} data-testid="rule-add">
                  {i18n.t("training.rule.add")}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Space wrap>
            <Form.Item name="opensAt" label={i18n.t("training.field.opensOn")} rules={[required, day]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="closesAt" label={i18n.t("training.field.closesOn")} rules={[required, day]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="timeLimitMinutes" label={i18n.t("training.field.timeLimit")} rules={[required]}>
              <InputNumber min={1} max={600} precision={0} />
            </Form.Item>
            <Form.Item name="passMark" label={i18n.t("training.field.passMark")} rules={[required]}>
              <InputNumber min={0} max={1000} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="candidatePersonIds" label={i18n.t("training.field.candidates")} rules={[required]}>
            <PersonPicker multiple />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
