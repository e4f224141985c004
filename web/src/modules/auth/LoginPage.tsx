import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useI18n, type MessageKey } from "../../i18n";
import { useAuth, type SignInNotice } from "./AuthContext";
import { describeLoginError, type LoginProblem } from "./loginErrors";

interface LoginForm {
  username: string;
  password: string;
}

const noticeText: Record<SignInNotice, { key: MessageKey; type: "warning" | "info" | "success" }> = {
  expired: { key: "login.expired", type: "warning" },
  unauthorized: { key: "login.signInAgain", type: "info" },
  signedOut: { key: "login.signedOut", type: "info" },
  passwordChanged: { key: "login.passwordChanged", type: "success" },
};

export function LoginPage({ notice }: { notice: SignInNotice | null }) {
  const i18n = useI18n();
  const auth = useAuth();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await auth.signIn({ username: values.username.trim(), password: values.password });
    } catch (error) {
      setProblem(describeLoginError(i18n, error));
      form.setFieldValue("password", "");
      setSubmitting(false);
    }
  };

  const shownNotice = problem ? null : notice ? noticeText[notice] : null;

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        padding: 16,
        boxSizing: "border-box",
        background: "linear-gradient(160deg, #b71c1c 0%, #7f0000 45%, #f5f5f5 45%)",
      }}
    >
      <div style={{ position: "fixed", top: 8, right: 8 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: "100%", maxWidth: 380 }} styles={{ body: { padding: 24 } }}>
        <div style={{ textAlign: "center", marginBottom: 20 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: "8px 0 0" }}>
            {i18n.t("login.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{i18n.t("login.subtitle")}</Typography.Text>
        </div>
        {shownNotice ? (
          <Alert type={shownNotice.type} showIcon title={i18n.t(shownNotice.key)} style={{ marginBottom: 16 }} data-testid="login-notice" />
        ) : null}
        {problem ? <Alert type="error" showIcon title={problem.text} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" /> : null}
        <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={i18n.t("login.username")} rules={[{ required: true, whitespace: true, message: i18n.t("login.usernameRequired") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={i18n.t("login.password")} rules={[{ required: true, message: i18n.t("login.passwordRequired") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {i18n.t("login.submit")}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: "center" }}>
          {i18n.t("login.footer")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
