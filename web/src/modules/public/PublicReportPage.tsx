import { EnvironmentOutlined } from "@ant-design/icons";
import { useMemo, useState, type FormEvent } from "react";
import { publicEventsApi, type PublicReportAcceptedData } from "../../api/publicEvents";
import { navigate, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Alert, Button, Field, Result, Select } from "../../components/light";
import { useI18n } from "../../i18n";
import { PhotoPicker } from "../field/PhotoPicker";
import { PlacePicker } from "../field/PlacePicker";
import { sendThroughOutbox } from "../field/send";
import { publicPath } from "./city";

interface ReportForm {
  typeId?: number;
  description: string;
  name: string;
  phone: string;
}
const blank: ReportForm = { typeId: undefined, description: "", name: "", phone: "" };
type Place = { lon: number; lat: number } | null;

function Accepted({ city, accepted }: { city: string; accepted: PublicReportAcceptedData }) {
  const i18n = useI18n();
  return (
    <div className="zl-public-card" data-testid="public-report-done">
      <Result status="success" title={i18n.t("field.public.report.done")} subTitle={i18n.t("field.public.report.node", { node: accepted.nodeName })} />
      <p style={{ fontWeight: 600 }}>{i18n.t("field.public.report.code")}</p>
      <div className="zl-tracking-code" data-testid="public-report-code">
        {accepted.trackingCode}
      </div>
      <Alert type="warning" style={{ margin: "12px 0" }} title={i18n.t("field.public.report.codeHint")} />
      <Button kind="primary" block onClick={() => navigate(withQuery(publicPath(city, "track"), { code: accepted.trackingCode }))} data-testid="public-report-track">
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
  const [form, setForm] = useState<ReportForm>(blank);
  // The fields' messages show once a send was tried, and follow the fields from then on.
  const [tried, setTried] = useState(false);
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
    return [...groups];
  }, [types.data]);
  const set = <K extends keyof ReportForm>(name: K, value: ReportForm[K]) => setForm((previous) => ({ ...previous, [name]: value }));
  const required = (field: "field.public.report.type" | "field.public.report.description", missing: boolean) => (tried && missing ? i18n.t("common.required", { field: i18n.t(field) }) : null);
  const invalid = { typeId: required("field.public.report.type", form.typeId === undefined), description: required("field.public.report.description", form.description.trim() === "") };

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const values = form;
    if (values.typeId === undefined || values.description.trim() === "") return;
    if (!place) return setError(new Error(i18n.t("field.public.report.noPlace")));
    setSaving(true);
    setError(null);
    try {
      const body = {
        city,
        typeId: values.typeId as number,
        description: values.description.trim(),
        ...place,
        name: values.name.trim() || undefined,
        phone: values.phone.trim() || undefined,
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
      <h2 style={{ marginTop: 0, fontSize: 16 }}>{i18n.t("field.public.report.title")}</h2>
      <p className="zl-muted">{i18n.t("field.public.report.hint")}</p>
      {types.error ? <ErrorAlert error={types.error} onRetry={types.reload} /> : null}
      <ErrorAlert error={error} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={i18n.t("field.public.report.type")} error={invalid.typeId}>
          {(id) => <Select id={id} value={form.typeId} onChange={(typeId) => set("typeId", typeId)} groups={typeOptions} invalid={Boolean(invalid.typeId)} testId="public-report-type" />}
        </Field>
        <div className="zl-field">
          <div className="zl-field-label">{i18n.t("field.public.report.photos")}</div>
          <PhotoPicker value={photos} onChange={setPhotos} testId="public-report-photo" />
        </div>
        <div className="zl-field">
          <div className="zl-field-label">{i18n.t("field.public.report.place")}</div>
          <div className="zl-stack" style={{ gap: 8 }}>
            <Button icon={<EnvironmentOutlined />} size="large" onClick={locate} loading={locating} data-testid="public-report-locate">
              {i18n.t("field.public.report.locate")}
            </Button>
            <PlacePicker place={place} onPlace={(lon, lat) => setPlace({ lon, lat })} testId="public-report-map" publicCity={city} />
            {place ? (
              <span className="zl-muted" data-testid="public-report-place" data-place={`${place.lon},${place.lat}`}>
                {i18n.t("field.public.report.located", { lon: place.lon.toFixed(5), lat: place.lat.toFixed(5) })}
              </span>
            ) : null}
          </div>
        </div>
        <Field label={i18n.t("field.public.report.description")} error={invalid.description}>
          {(id) => <textarea id={id} className="zl-input" rows={3} maxLength={2000} value={form.description} onChange={(event) => set("description", event.target.value)} aria-invalid={Boolean(invalid.description)} data-testid="public-report-description" />}
        </Field>
        <Field label={i18n.t("field.public.report.name")}>
          {(id) => <input id={id} className="zl-input" maxLength={40} value={form.name} onChange={(event) => set("name", event.target.value)} />}
        </Field>
        <Field label={i18n.t("field.public.report.phone")}>
          {(id) => <input id={id} className="zl-input" maxLength={20} inputMode="tel" value={form.phone} onChange={(event) => set("phone", event.target.value)} />}
        </Field>
        <Button kind="primary" submit block size="large" loading={saving} data-testid="public-report-submit">
          {i18n.t("field.public.report.submit")}
        </Button>
      </form>
    </div>
  );
}
