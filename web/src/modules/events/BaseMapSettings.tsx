import { App, Button, Form, Input, InputNumber, Modal } from "antd";
import { useState } from "react";
import { tileOrigins } from "../../../../shared/schemas/events";
import { eventsApi } from "../../api/events";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";

interface Values {
  tileUrl: string;
  subdomains: string;
  attribution: string;
  maxZoom: number;
}

/**
 * 底图设置, for the campaign office: the city's tile address (天地图 or any XYZ source). Checked here as
 * the server checks it; the server never fetches it, the pages' CSP then allows its servers for images.
 */
export function BaseMapSettingsButton() {
  const i18n = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if (!auth.can("campaign.manage")) return null;

  const open = async () => {
    setError(null);
    try {
      const current = await eventsApi.baseMap();
      form.setFieldsValue({ tileUrl: current.tileUrl ?? "", subdomains: current.subdomains, attribution: current.attribution, maxZoom: current.maxZoom });
      setVersion(current.version);
    } catch (cause) {
      setError(cause);
      setVersion(0);
    }
  };

  const save = async (values: Values) => {
    if (!version) return;
    setSaving(true);
    setError(null);
    try {
      await eventsApi.updateBaseMap({ version, tileUrl: values.tileUrl.trim() || null, subdomains: values.subdomains.trim(), attribution: values.attribution.trim(), maxZoom: values.maxZoom });
      message.success(i18n.t("map.settings.saved"));
      setVersion(null);
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button onClick={open} data-testid="base-map-settings">
        {i18n.t("map.settings.title")}
      </Button>
      <Modal
        open={version !== null}
        title={i18n.t("map.settings.title")}
        onCancel={() => setVersion(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: saving, disabled: !version }}
        destroyOnHidden
        forceRender
      >
        <ErrorAlert error={error} fieldLabels={{ tileUrl: i18n.t("map.settings.tileUrl"), subdomains: i18n.t("map.settings.subdomains") }} />
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Form.Item
            name="tileUrl"
            label={i18n.t("map.settings.tileUrl")}
            extra={i18n.t("map.settings.tileUrlHint")}
            rules={[
              {
                validator: async (_rule, value: string) => {
                  const url = (value ?? "").trim();
                  if (url && tileOrigins(url, form.getFieldValue("subdomains") ?? "") === null) throw new Error(i18n.t("map.settings.tileUrlInvalid"));
                },
              },
            ]}
          >
            <Input data-testid="base-map-url" placeholder="https://t{s}.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=…" />
          </Form.Item>
          <Form.Item name="subdomains" label={i18n.t("map.settings.subdomains")} rules={[{ pattern: /^[a-z0-9]{0,8}$/, message: i18n.t("map.settings.subdomainsInvalid") }]}>
            <Input maxLength={8} placeholder="01234567" data-testid="base-map-subdomains" />
          </Form.Item>
          <Form.Item name="attribution" label={i18n.t("map.settings.attribution")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="maxZoom" label={i18n.t("map.settings.maxZoom")}>
            <InputNumber min={1} max={22} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
