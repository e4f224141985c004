import { Alert, Button, Form, Input, Modal, Space, type ButtonProps } from "antd";
import { useState } from "react";
import { trainingApi, type ExamData } from "../../api/training";
import { navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { useI18n } from "../../i18n";

interface Values {
  opensAt?: string;
  closesAt?: string;
}

/** Those a make-up is for, as the server picks them: failed, or never submitted (not started or still in progress). */
const missedStatuses = ["failed", "not_started", "in_progress"] as const;

/** 安排补考: a new window for the test, for everyone who failed or never submitted; the make-up's own page opens once it is set. */
export function MakeupForm({ exam }: { exam: ExamData }) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { saving, error, setError, submit } = useFormSubmit(form, ["opensAt", "closesAt"], i18n);
  const missed = useAsync(
    async (signal) => {
      if (!open) return null;
      const counts = await Promise.all(missedStatuses.map((status) => trainingApi.examResults(exam.id, { status, pageSize: 1 }, signal)));
      return counts.reduce((sum, page) => sum + page.total, 0);
    },
    [open, exam.id],
  );
  const required = { required: true, message: i18n.t("ledgers.form.required") };
  const day = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" };
  const close = () => {
    setOpen(false);
    setError(null);
    form.resetFields();
  };
  const save = () =>
    submit(async (values) => {
      const made = await trainingApi.makeup(exam.id, exam.version, `${values.opensAt}T00:00:00+08:00`, `${values.closesAt}T23:59:59+08:00`);
      close();
      navigate(`/training/exams/${made.id}`);
    });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="makeup-new">
        {i18n.t("training.makeup")}
      </Button>
      <Modal
        open={open}
        title={i18n.t("training.makeup")}
        onCancel={close}
        onOk={() => void save()}
        okText={i18n.t("common.save")}
        cancelText={i18n.t("common.cancel")}
        okButtonProps={{ loading: saving, disabled: missed.data === 0, "data-testid": "makeup-save" } as ButtonProps}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          {typeof missed.data === "number" ? (
            <Alert type={missed.data === 0 ? "info" : "warning"} showIcon title={i18n.t(missed.data === 0 ? "training.makeupNobody" : "training.makeupFor", { count: missed.data })} data-testid="makeup-count" />
          ) : null}
          <ErrorAlert error={missed.error ?? error} />
          <Form<Values> form={form} name="makeup" layout="vertical" data-testid="makeup-form">
            <Form.Item name="opensAt" label={i18n.t("training.field.opensOn")} rules={[required, day]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="closesAt" label={i18n.t("training.field.closesOn")} rules={[required, day]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Form>
        </Space>
      </Modal>
    </>
  );
}
