import { Button, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { cadresApi, type CadreProfileData } from "../../api/training";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";

interface Values {
  developmentPlan?: string;
  exitedOn?: string;
  exitReason?: string;
}

/** The organisation department's changes to a reserve cadre: the development plan, and an exit with its date and reason. */
export function CadreActions({ cadre, onChanged }: { cadre: CadreProfileData; onChanged: (next: CadreProfileData) => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<"plan" | "exit" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = async (values: Values) => {
    setError(null);
    try {
      const next =
        mode === "plan"
          ? await cadresApi.update(cadre.id, { version: cadre.version, developmentPlan: values.developmentPlan ?? "" })
          : await cadresApi.exit(cadre.id, { version: cadre.version, exitedOn: values.exitedOn ?? "", exitReason: values.exitReason ?? "" });
      setMode(null);
      onChanged(next);
    } catch (failure) {
      if (!applyFieldErrors(form, failure, ["developmentPlan", "exitedOn", "exitReason"], i18n)) setError(failure);
    }
  };
  if (cadre.exitedOn) return null;
  return (
    <Space wrap>
      <Button onClick={() => setMode("plan")} data-testid="cadre-plan">
        {i18n.t("cadres.plan")}
      </Button>
      <Button danger onClick={() => setMode("exit")} data-testid="cadre-exit">
        {i18n.t("cadres.exit")}
      </Button>
      <Modal open={mode !== null} title={i18n.t(mode === "exit" ? "cadres.exit" : "cadres.plan")} onCancel={() => setMode(null)} onOk={() => form.submit()} okText={i18n.t("common.save")} cancelText={i18n.t("common.cancel")} destroyOnHidden>
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" preserve={false} onFinish={(values) => void save(values)} initialValues={{ developmentPlan: cadre.developmentPlan }}>
          {mode === "plan" ? (
            <Form.Item name="developmentPlan" label={i18n.t("cadres.plan")}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="exitedOn" label={i18n.t("cadres.exited")} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="exitReason" label={i18n.t("cadres.exitReason")} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
