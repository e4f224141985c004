import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, Result, Select, Typography } from "antd";
import { useMemo, useState } from "react";
import { publicApi, type PublicSubmittedData } from "../../api/public";
import { navigate, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { useI18n } from "../../i18n";
import { categoryLabel, categoryOptions, options } from "../problems/labels";
import { publicPath } from "./city";

interface SubmitForm {
  nodeId?: number;
  category?: string;
  description?: string;
  contactName?: string;
  contactPhone?: string;
}

const fieldNames = ["nodeId", "category", "description", "contactName", "contactPhone"] as const;

/** Shown once, right after submitting: the code is not stored in a readable form anywhere. */
function Submitted({ city, submitted, onAnother }: { city: string; submitted: PublicSubmittedData; onAnother: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  return (
    <div className="zl-public-card" data-testid="public-submitted">
      <Result status="success" title={i18n.t("public.submit.done")} subTitle={i18n.t("public.submit.receivedAt", { time: i18n.dateTime(submitted.receivedAt) })} style={{ padding: "16px 0 8px" }} />
      <Typography.Paragraph strong>{i18n.t("public.submit.codeLabel")}</Typography.Paragraph>
      <div className="zl-tracking-code" data-testid="tracking-code">
        {submitted.trackingCode}
      </div>
      <Alert type="warning" showIcon style={{ margin: "12px 0" }} title={i18n.t("public.submit.codeOnce")} />
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 10 }}>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            navigator.clipboard
              ?.writeText(submitted.trackingCode)
              .then(() => message.success(i18n.t("public.submit.copied")))
              .catch(() => message.info(i18n.t("public.submit.copyManually")))
          }
        >
          {i18n.t("public.submit.copy")}
        </Button>
        <Button type="primary" onClick={() => navigate(withQuery(publicPath(city, "track"), { code: submitted.trackingCode }))} data-testid="public-track-now">
          {i18n.t("public.nav.track")}
        </Button>
      </div>
      <Button type="link" block style={{ marginTop: 8 }} onClick={onAnother}>
        {i18n.t("public.submit.another")}
      </Button>
    </div>
  );
}

/** 我要反映: a resident raises a problem in a village or community; it arrives as a clue. */
export default function PublicSubmitPage({ city }: { city: string }) {
  const i18n = useI18n();
  const [form] = Form.useForm<SubmitForm>();
  const [submitted, setSubmitted] = useState<PublicSubmittedData | null>(null);
  const places = useAsync((signal) => publicApi.places(city, signal), [city]);
  const placeOptions = useMemo(() => {
    const groups = new Map<string, { value: number; label: string; search: string }[]>();
    for (const place of places.data?.items ?? []) {
      const group = groups.get(place.parentName) ?? [];
      group.push({ value: place.id, label: place.name, search: `${place.name} ${place.parentName}` });
      groups.set(place.parentName, group);
    }
    return [...groups].map(([parent, list]) => ({ label: parent, title: parent, options: list }));
  }, [places.data]);
  const labels = {
    nodeId: i18n.t("public.submit.place"),
    category: i18n.t("public.submit.category"),
    description: i18n.t("public.submit.description"),
    contactName: i18n.t("public.submit.contactName"),
    contactPhone: i18n.t("public.submit.contactPhone"),
  };
  const { saving, error, submit: send } = useFormSubmit(form, fieldNames, i18n);

  if (submitted)
    return (
      <Submitted
        city={city}
        submitted={submitted}
        onAnother={() => {
          setSubmitted(null);
          form.resetFields();
        }}
      />
    );

  const text = (v: string | undefined) => v?.trim() || undefined;
  const submit = () =>
    send(async (values) => {
      const result = await publicApi.submit({
        city,
        nodeId: values.nodeId as number,
        category: values.category as never,
        description: values.description?.trim() ?? "",
        ...(text(values.contactName) ? { contactName: text(values.contactName) } : {}),
        ...(text(values.contactPhone) ? { contactPhone: text(values.contactPhone) } : {}),
      });
      setSubmitted(result);
      window.scrollTo({ top: 0 });
    });
  const required = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });

  return (
    <div className="zl-public-card" data-testid="public-submit">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {i18n.t("public.submit.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {i18n.t("public.submit.hint")}
      </Typography.Paragraph>
      <ErrorAlert error={error ?? places.error} fieldLabels={labels} onRetry={places.error ? places.reload : undefined} />
      <Form<SubmitForm> form={form} name="publicSubmit" layout="vertical" onFinish={submit} autoComplete="off" requiredMark="optional" size="large">
        <Form.Item name="nodeId" label={labels.nodeId} rules={[required(labels.nodeId)]}>
          <Select
            showSearch={{ optionFilterProp: "search" }}
            loading={places.loading}
            options={placeOptions}
            placeholder={i18n.t("public.submit.placePlaceholder")}
            data-testid="public-place"
            popupMatchSelectWidth
          />
        </Form.Item>
        <Form.Item name="category" label={labels.category} rules={[required(labels.category)]}>
          <Select options={options(i18n, categoryOptions, categoryLabel)} placeholder={i18n.t("public.submit.categoryPlaceholder")} data-testid="public-category" />
        </Form.Item>
        <Form.Item name="description" label={labels.description} rules={[{ ...required(labels.description), whitespace: true }, { max: 1000 }]}>
          <Input.TextArea rows={5} maxLength={1000} showCount placeholder={i18n.t("public.submit.descriptionPlaceholder")} data-testid="public-description" />
        </Form.Item>
        <Form.Item name="contactName" label={labels.contactName} rules={[{ max: 40 }]}>
          <Input maxLength={40} autoComplete="name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={labels.contactPhone} rules={[{ pattern: /^1\d{10}$/, message: i18n.t("people.phoneFormat") }]} extra={i18n.t("public.submit.privacy")}>
          <Input maxLength={11} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving} style={{ height: 48 }} data-testid="public-submit-button">
          {i18n.t("public.submit.button")}
        </Button>
      </Form>
    </div>
  );
}
