import { Button, Form, Input, InputNumber, Modal, Space, Table, Tag } from "antd";
import { useState } from "react";
import { evaluationApi, type AppealData } from "../../api/evaluation";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";
import { scorecardPath } from "./labels";

const statusColors: Record<AppealData["status"], string> = { pending: "orange", accepted: "green", rejected: "default" };

/** The office's decision: accepted (with the score an appealed item gets) or rejected, with its reasons. */
function Decide({ appeal, onDone }: { appeal: AppealData; onDone: (changed: boolean) => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<{ decision: string; score?: number }>();
  const [accept, setAccept] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const save = async (values: { decision: string; score?: number }) => {
    setError(null);
    try {
      await evaluationApi.decide(appeal.id, { version: appeal.version, accept, decision: values.decision, score: accept && appeal.itemId !== null ? values.score : undefined });
      onDone(true);
    } catch (failure) {
      if (!applyFieldErrors(form, failure, ["decision", "score"], i18n)) setError(failure);
    }
  };
  return (
    <Modal open title={i18n.t("evaluation.appeal.decision")} onCancel={() => onDone(false)} onOk={() => form.submit()} okText={i18n.t("common.save")} cancelText={i18n.t("common.cancel")} destroyOnHidden>
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 12 }}>
        <Button type={accept ? "primary" : "default"} onClick={() => setAccept(true)}>{i18n.t("evaluation.appeal.accept")}</Button>
        <Button type={accept ? "default" : "primary"} danger={!accept} onClick={() => setAccept(false)}>{i18n.t("evaluation.appeal.reject")}</Button>
      </Space>
      <Form form={form} layout="vertical" onFinish={(values) => void save(values)}>
        {accept && appeal.itemId !== null ? (
          <Form.Item name="score" label={i18n.t("evaluation.appeal.score")} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: "100%" }} />
          </Form.Item>
        ) : null}
        <Form.Item name="decision" label={i18n.t("evaluation.appeal.decision")} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申诉: the appeals of the bodies in the caller's reach, and the office's decisions. */
export default function AppealsPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const appeals = useAsync((signal) => evaluationApi.appeals({}, signal), []);
  const [deciding, setDeciding] = useState<AppealData | null>(null);
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="evaluation-appeals">
      <ErrorAlert error={appeals.error} onRetry={appeals.reload} />
      <Table<AppealData>
        rowKey="id"
        size="small"
        loading={appeals.loading}
        dataSource={appeals.data?.items ?? []}
        scroll={{ x: 640 }}
        columns={[
          { key: "period", title: i18n.t("evaluation.period"), render: (_: unknown, a) => <a href={hrefTo(scorecardPath(a.periodId, a.bodyKind, a.bodyId))}>{a.periodLabel}</a> },
          { key: "reason", title: i18n.t("evaluation.appeal.reason"), dataIndex: "reason" },
          { key: "by", title: i18n.t("evaluation.appeal.filedBy"), render: (_: unknown, a) => `${a.filedByName} ${i18n.dateTime(a.filedAt)}` },
          { key: "status", title: "", render: (_: unknown, a) => <Tag color={statusColors[a.status]}>{i18n.t(`evaluation.appeal.status.${a.status}`)}</Tag> },
          { key: "decision", title: i18n.t("evaluation.appeal.decision"), render: (_: unknown, a) => a.decision ?? "" },
          {
            key: "act",
            title: "",
            render: (_: unknown, a) => (a.status === "pending" && can("evaluation.manage") ? <Button size="small" onClick={() => setDeciding(a)} data-testid={`decide-${a.id}`}>{i18n.t("evaluation.appeal.decision")}</Button> : null),
          },
        ]}
      />
      {deciding ? (
        <Decide
          appeal={deciding}
          onDone={(changed) => {
            setDeciding(null);
            if (changed) appeals.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
