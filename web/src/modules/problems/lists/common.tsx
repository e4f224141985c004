import { App, Form, Input, Modal, Tag, Typography, type ButtonProps } from "antd";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useI18n } from "../../../i18n";
import { listStatusLabel } from "../labels";
import { useFormSubmit } from "../../../components/forms";

const colors: Record<string, string> = { draft: "default", published: "green", withdrawn: "orange", active: "red", retired: "default" };

/** 草稿 / 已公示 / 已撤回 (problem lists), 草稿 / 已发布 (common lists), 有效 / 已停用 (negative lists). */
export function ListStatusTag({ status, label }: { status: string; label?: string }) {
  const i18n = useI18n();
  return (
    <Tag color={colors[status] ?? "default"} style={{ marginInlineEnd: 0 }} data-testid="list-status" data-status={status}>
      {label ?? listStatusLabel(i18n, status)}
    </Tag>
  );
}

/** A dialog that asks for a reason and runs one call with it (withdraw a list, retire a negative list …). */
export function ReasonModal(props: {
  title: string;
  okText: string;
  warning?: string;
  danger?: boolean;
  run: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  testId?: string;
}) {
  const { title, okText, warning, danger = true, run, onClose, onDone, testId = "reason" } = props;
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const { saving, error, submit: send } = useFormSubmit(form, ["reason"], i18n);
  const submit = () =>
    send(async (values) => {
      await run(values.reason?.trim() ?? "");
      message.success(i18n.t("problems.action.done", { action: okText }));
      onDone();
    });
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={okText}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ danger, loading: saving, "data-testid": `${testId}-confirm` } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} onReload={onDone} />
      {warning ? <Typography.Paragraph type="secondary">{warning}</Typography.Paragraph> : null}
      <Form form={form} name={testId} layout="vertical">
        <Form.Item name="reason" label={i18n.t("common.reason")} rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("common.reason") }) }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** closed / total as "12 / 30" with the share. */
export function ClosedShare({ closed, total }: { closed: number; total: number }) {
  const i18n = useI18n();
  const percent = total === 0 ? 0 : Math.round((closed / total) * 1000) / 10;
  return (
    <span>
      {i18n.number(closed)} / {i18n.number(total)} <Typography.Text type="secondary">({i18n.number(percent)}%)</Typography.Text>
    </span>
  );
}
