import { Alert, App, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { authApi } from "../../api/auth";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useI18n } from "../../i18n";
import { useAuth } from "./AuthContext";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; `forced` when the account must change it before anything else. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const i18n = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Told to the holder while the password an administrator set is still theirs to replace.
  const reset = auth.me?.passwordReset ?? null;
  const labels = { currentPassword: i18n.t("password.current"), newPassword: i18n.t("password.new") };

  const onFinish = async (values: PasswordForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      message.success(i18n.t("password.changed"));
      try {
        await auth.refresh();
      } catch {
        // the server ended the session with the password change: sign in again
        await auth.signOut({ notice: "passwordChanged" });
      }
    } catch (cause) {
      if (!(cause instanceof ApiError && cause.status === 401)) {
        applyFieldErrors(form, cause, ["currentPassword", "newPassword"]);
        setError(cause);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const card = (
    <Card title={i18n.t("password.title")} style={{ maxWidth: 480, width: "100%" }}>
      {forced ? <Alert type="warning" showIcon title={i18n.t("password.mustChange")} style={{ marginBottom: 16 }} /> : null}
      {reset ? (
        <Alert
          type="error"
          showIcon
          data-testid="password-reset-notice"
          title={i18n.t(reset.approvedBy ? "password.resetNoticeApproved" : "password.resetNotice", { time: i18n.dateTime(reset.at), by: reset.by, approvedBy: reset.approvedBy ?? "" })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label={labels.currentPassword} rules={[{ required: true, message: i18n.t("common.required", { field: labels.currentPassword }) }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={labels.newPassword}
          extra={i18n.t("password.hint")}
          rules={[{ required: true, message: i18n.t("common.required", { field: labels.newPassword }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={i18n.t("password.confirm")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: i18n.t("common.required", { field: i18n.t("password.confirm") }) },
            ({ getFieldValue }) => ({
              validator: (_, value: unknown) =>
                !value || getFieldValue("newPassword") === value ? Promise.resolve() : Promise.reject(new Error(i18n.t("password.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {i18n.t("password.submit")}
        </Button>
        {forced ? (
          <Button type="link" onClick={() => void auth.signOut()} style={{ marginInlineStart: 8 }}>
            {i18n.t("nav.signOut")}
          </Button>
        ) : null}
      </Form>
    </Card>
  );

  if (!forced) return card;
  return (
    <div style={{ minHeight: "100vh", display: "flex", flexDirection: "column", alignItems: "center", padding: 16, boxSizing: "border-box", background: "#f5f5f5" }}>
      <div style={{ alignSelf: "flex-end" }}>
        <LanguageSwitch />
      </div>
      <Typography.Title level={4}>{i18n.t("app.title")}</Typography.Title>
      {card}
    </div>
  );
}
