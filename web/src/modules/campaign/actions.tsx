import { App, Form, Input, Modal, Typography, type ButtonProps, type FormInstance } from "antd";
import { useState, type ReactNode } from "react";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { describeError, errorText, pickLanguage } from "../../components/errors";
import { useI18n } from "../../i18n";

/**
 * Runs a one-click action (publish, withdraw …). A 409 — the record changed meanwhile, or the step
 * is not allowed from its state now — is shown as a dialog that says so and reloads; anything else
 * as a message. Returns the result, or undefined when it failed.
 */
export function useRunAction() {
  const i18n = useI18n();
  const { message, modal } = App.useApp();
  return async function run<T>(action: () => Promise<T>, options: { success?: string; reload?: () => void } = {}): Promise<T | undefined> {
    try {
      const result = await action();
      if (options.success) message.success(options.success);
      return result;
    } catch (error) {
      const described = describeError(i18n, error);
      if (described.isConflict) {
        modal.warning({
          title: described.summary,
          content: <span data-testid="conflict-detail">{described.detail}</span>,
          okText: options.reload ? i18n.t("error.conflictReload") : i18n.t("common.ok"),
          onOk: options.reload,
          className: "zl-conflict-dialog",
        });
      } else {
        message.error(errorText(i18n, error));
      }
      return undefined;
    }
  };
}

/**
 * Puts the server's field errors under the fields of a nested form: "projects.0.deadline" lands
 * under ["projects", 0, "deadline"]. Returns whether any were given.
 */
export function applyNestedFieldErrors(form: FormInstance, error: unknown, locale: "zh" | "en"): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  form.setFields(
    error.fields.map((f) => ({
      name: f.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)) as never,
      errors: [pickLanguage(locale, f.message)],
    })),
  );
  return true;
}

/**
 * A review with a note (approve or return a claim, accept or return a report). The note is required
 * when returning. A 409 keeps the dialog open, says what happened, and offers to reload.
 */
export function NoteModal(props: {
  title: string;
  hint?: ReactNode;
  okText: string;
  noteLabel: string;
  noteRequired?: string;
  danger?: boolean;
  onSubmit: (note: string) => Promise<void>;
  onReload?: () => Promise<void>;
  onClose: () => void;
  testId: string;
}) {
  const i18n = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    let values: { note?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values.note?.trim() ?? "");
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={submit}
      okText={props.okText}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: busy, danger: props.danger, "data-testid": `${props.testId}-ok` } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid={props.testId}
    >
      <ErrorAlert
        error={error}
        onReload={
          props.onReload
            ? async () => {
                await props.onReload?.();
                setError(null);
              }
            : undefined
        }
      />
      {props.hint ? <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" name={props.testId} onFinish={submit}>
        <Form.Item
          name="note"
          label={props.noteLabel}
          rules={props.noteRequired ? [{ required: true, whitespace: true, message: props.noteRequired }, { max: 1000 }] : [{ max: 1000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
