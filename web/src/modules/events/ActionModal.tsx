import { Form, Modal } from "antd";
import type { EventDetailData } from "../../api/events";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { ActionFields } from "./ActionFields";
import { initialValues, type Pending, type Values } from "./EventActions";
import { useActionSubmit } from "./useActionSubmit";

/** An action's dialog where it asks for a choice from lists (antd's selects): its fields (ActionFields) and the server's refusal. */
export default function ActionModal({ pending, event, onClose, onDone, onReload }: { pending: Pending; event: EventDetailData; onClose: () => void; onDone: (next: EventDetailData) => void; onReload: () => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<Values>();
  const { error, saving, submit } = useActionSubmit(pending, event, onDone);
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
