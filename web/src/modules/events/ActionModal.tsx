import { Form, Modal } from "antd";
import { useState } from "react";
import type { EventDetailData } from "../../api/events";
import { ErrorAlert } from "../../components/ErrorAlert";
import { toast } from "../../components/light";
import { useI18n } from "../../i18n";
import { QueuedOffline } from "../field/send";
import { ActionFields } from "./ActionFields";
import { initialValues, type Pending, type Values } from "./EventActions";

/** An action's dialog: its fields (ActionFields), the server's refusal, and the result as a toast. */
export default function ActionModal({ pending, event, onClose, onDone, onReload }: { pending: Pending; event: EventDetailData; onClose: () => void; onDone: (next: EventDetailData) => void; onReload: () => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const next = await pending.submit(values);
      toast.success(i18n.t("events.action.done", { action: pending.label }));
      onDone(next);
    } catch (cause) {
      if (cause instanceof QueuedOffline) {
        toast.info(i18n.t("field.report.queued"));
        return onDone(event);
      }
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={pending.label}
      onCancel={onClose}
      okText={pending.label}
      cancelText={i18n.t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "action-confirm" } as never}
      destroyOnHidden
      data-testid="action-modal"
    >
      <ErrorAlert error={error} onReload={onReload} />
      <Form form={form} layout="vertical" initialValues={initialValues(pending.action, event)} onFinish={submit} preserve={false}>
        <ActionFields action={pending.action} event={event} />
      </Form>
    </Modal>
  );
}
