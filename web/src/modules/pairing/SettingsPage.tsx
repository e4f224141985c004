import { Alert, App, Button, Card, Form, Select, Typography } from "antd";
import { useEffect } from "react";
import { periodMonthsOptions } from "../../../../shared/schemas/pairing";
import { pairingApi } from "../../api/pairing";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { useI18n } from "../../i18n";

interface SettingsForm {
  periodMonths: (typeof periodMonthsOptions)[number];
}

/** 走访周期: the city's visit period (a quarter unless the city chooses another), set by the city's office. */
export default function SettingsPage() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const settings = useAsync((signal) => pairingApi.settings(signal), []);
  const [form] = Form.useForm<SettingsForm>();
  const { saving, error, submit } = useFormSubmit(form, ["periodMonths"], i18n);
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ periodMonths: settings.data.periodMonths as SettingsForm["periodMonths"] });
  }, [settings.data, form]);
  const save = () =>
    submit(async (values) => {
      await pairingApi.saveSettings({ version: settings.data!.version, periodMonths: values.periodMonths });
      message.success(i18n.t("pairing.settings.saved"));
      settings.reload();
    });
  return (
    <Card title={i18n.t("pairing.nav.settings")} data-testid="pairing-settings-page" style={{ maxWidth: 560 }}>
      <ErrorAlert error={settings.error} onReload={settings.reload} />
      <Typography.Paragraph type="secondary">{i18n.t("pairing.settings.intro")}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={() => void save()} disabled={!settings.data}>
        <Form.Item name="periodMonths" label={i18n.t("pairing.settings.period")} rules={[{ required: true, message: i18n.t("pairing.settings.required") }]}>
          <Select
            data-testid="settings-period"
            options={periodMonthsOptions.map((months) => ({ value: months, label: i18n.t("pairing.settings.months", { n: months }) }))}
          />
        </Form.Item>
        {error ? <ErrorAlert error={error} /> : null}
        {settings.data?.version === 0 ? <Alert type="info" showIcon message={i18n.t("pairing.settings.default")} style={{ marginBottom: 16 }} /> : null}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
          {i18n.t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
