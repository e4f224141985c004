import { EnvironmentOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Result, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { publicEventsApi, type PublicReportAcceptedData } from "../../api/publicEvents";
import { navigate, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { PhotoPicker } from "../field/PhotoPicker";
import { PlacePicker } from "../field/PlacePicker";
import { sendThroughOutbox } from "../field/send";
import { publicPath } from "./city";

interface ReportForm {
  typeId?: number;
  description?: string;
  name?: string;
  phone?: string;
}
type Place = { lon: number; lat: number } | null;

function Accepted({ city, accepted }: { city: string; accepted: PublicReportAcceptedData }) {
  const i18n = useI18n();
  return (
    <div className="zl-public-card" data-testid="public-report-done">
      <Result status="success" title={i18n.t("field.public.report.done")} subTitle={i18n.t("field.public.report.node", { node: accepted.nodeName })} style={{ padding: "16px 0 8px" }} />
      <Typography.Paragraph strong>{i18n.t("field.public.report.code")}</Typography.Paragraph>
      <div className="zl-tracking-code" data-testid="public-report-code">
        {accepted.trackingCode}
      </div>
      <Alert type="warning" showIcon style={{ margin: "12px 0" }} title={i18n.t("field.public.report.codeHint")} />
      <Button type="primary" block onClick={() => navigate(withQuery(publicPath(city, "track"), { code: accepted.trackingCode }))} data-testid="public-report-track">
        {i18n.t("field.public.report.track")}
      </Button>
    </div>
  );
}

/**
 * 随手拍: a resident reports an event from a phone: a type, up to four photos (made small on the phone),
 * the place (the device's location), a description. The report goes with an Idempotency-Key, so a
 * retry on a weak network never files it twice.
 */
export default function PublicReportPage({ city }: { city: string }) {
  const i18n = useI18n();
  const [form] = Form.useForm<ReportForm>();
  const types = useAsync((signal) => publicEventsApi.types(city, signal), [city]);
  const [photos, setPhotos] = useState<string[]>([]);
  const [place, setPlace] = useState<Place>(null);
  const [locating, setLocating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState<PublicReportAcceptedData | null>(null);
  const [queued, setQueued] = useState(false);
  const typeOptions = useMemo(() => {
    const groups = new Map<string, { value: number; label: string }[]>();
    for (const type of types.data?.items ?? []) groups.set(type.category, [...(groups.get(type.category) ?? []), { value: type.id, label: type.name }]);
    return [...groups].map(([category, list]) => ({ label: category, title: category, options: list }));
  }, [types.data]);

  const locate = () => {
    if (!("geolocation" in navigator)) return setError(new Error(i18n.t("events.report.noGeolocation")));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPlace({ lon: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) });
      },
      (failure) => {
        setLocating(false);
        setError(new Error(i18n.t("events.report.locationFailed", { message: failure.message || String(failure.code) })));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const submit = async (values: ReportForm) => {
    if (!place) return setError(new Error(i18n.t("field.public.report.noPlace")));
    setSaving(true);
    setError(null);
    try {
      const body = {
        city,
        typeId: values.typeId as number,
        description: (values.description ?? "").trim(),
        ...place,
        name: values.name?.trim() || undefined,
        phone: values.phone?.trim() || undefined,
        photos: photos.length > 0 ? photos : undefined,
      };
      const outcome = await sendThroughOutbox<PublicReportAcceptedData>("/public/events", body, i18n.t("field.report.label", { type: types.data?.items.find((type) => type.id === values.typeId)?.name ?? "" }));
      if (outcome.status === "sent") setAccepted(outcome.answer);
      else setQueued(true);
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  if (accepted) return <Accepted city={city} accepted={accepted} />;
  if (queued) return <Result status="info" title={i18n.t("field.report.queued")} subTitle={i18n.t("field.report.queuedHint")} data-testid="public-report-queued" />;
  return (
    <div className="zl-public-card" data-testid="public-report">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {i18n.t("field.public.report.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{i18n.t("field.public.report.hint")}</Typography.Paragraph>
      {types.error ? <ErrorAlert error={types.error} onRetry={types.reload} /> : null}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="typeId" label={i18n.t("field.public.report.type")} rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("field.public.report.type") }) }]}>
          <Select options={typeOptions} showSearch={{ optionFilterProp: "label" }} size="large" data-testid="public-report-type" />
        </Form.Item>
        <Form.Item label={i18n.t("field.public.report.photos")}>
          <PhotoPicker value={photos} onChange={setPhotos} testId="public-report-photo" />
        </Form.Item>
        <Form.Item label={i18n.t("field.public.report.place")} required>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Button icon={<EnvironmentOutlined />} size="large" onClick={locate} loading={locating} data-testid="public-report-locate">
              {i18n.t("field.public.report.locate")}
            </Button>
            <PlacePicker place={place} onPlace={(lon, lat) => setPlace({ lon, lat })} testId="public-report-map" publicCity={city} />
            {place ? (
              <Typography.Text type="secondary" data-testid="public-report-place" data-place={`${place.lon},${place.lat}`}>
                {i18n.t("field.public.report.located", { lon: place.lon.toFixed(5), lat: place.lat.toFixed(5) })}
              </Typography.Text>
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item
          name="description"
          label={i18n.t("field.public.report.description")}
          rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("field.public.report.description") }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="public-report-description" />
        </Form.Item>
        <Form.Item name="name" label={i18n.t("field.public.report.name")}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label={i18n.t("field.public.report.phone")}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="public-report-submit">
          {i18n.t("field.public.report.submit")}
        </Button>
      </Form>
    </div>
  );
}
