import { EnvironmentOutlined } from "@ant-design/icons";
import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { urgencies, type Urgency } from "../../../../shared/schemas/events";
import { eventsApi, type ReportAcceptedData } from "../../api/events";
import { hrefTo, navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Alert, Button, Card, Field, Result, Select, toast } from "../../components/light";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { StageTag } from "./common";
import { PhotoPicker } from "../field/PhotoPicker";
import { PlacePicker } from "../field/PlacePicker";
import { sendThroughOutbox } from "../field/send";

interface Position {
  lon: number;
  lat: number;
  /** The device's estimate in metres; none when placed by the pin. */
  accuracy?: number;
}

type Locating = { status: "idle" } | { status: "locating" } | { status: "done"; position: Position } | { status: "failed"; message: string };

interface ReportForm {
  typeId?: number;
  urgency: Urgency;
  description: string;
  address: string;
}

const blank: ReportForm = { typeId: undefined, urgency: "normal", description: "", address: "" };

/**
 * 上报事件: a grid worker's phone. The type, the urgency, what happened, a photo from the camera
 * and the device's location (which finds the micro-grid). The answer names the event's number,
 * the grid it was filed under and any like reports nearby.
 */
export default function ReportPage() {
  const i18n = useI18n();
  const [form, setForm] = useState<ReportForm>(blank);
  // The fields' messages show once a send was tried, and follow the fields from then on.
  const [tried, setTried] = useState(false);
  const types = useAsync((signal) => eventsApi.types(signal), []);
  const [locating, setLocating] = useState<Locating>({ status: "idle" });
  const [photos, setPhotos] = useState<string[]>([]);
  const [queued, setQueued] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState<ReportAcceptedData | null>(null);

  const locate = useCallback(() => {
    if (!("geolocation" in navigator)) {
      setLocating({ status: "failed", message: i18n.t("events.report.noGeolocation") });
      return;
    }
    setLocating({ status: "locating" });
    navigator.geolocation.getCurrentPosition(
      (pos) => setLocating({ status: "done", position: { lon: pos.coords.longitude, lat: pos.coords.latitude, accuracy: pos.coords.accuracy } }),
      (failure) => setLocating({ status: "failed", message: failure.message || String(failure.code) }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }, [i18n]);

  useEffect(() => locate(), [locate]);

  const typeOptions = useMemo(() => {
    const groups = new Map<string, { value: number; label: string }[]>();
    for (const type of types.data?.items ?? []) {
      if (type.retired) continue;
      const list = groups.get(type.category) ?? [];
      list.push({ value: type.id, label: type.name });
      groups.set(type.category, list);
    }
    return [...groups];
  }, [types.data]);

  const set = <K extends keyof ReportForm>(name: K, value: ReportForm[K]) => setForm((previous) => ({ ...previous, [name]: value }));
  const required = (field: MessageKey, missing: boolean) => (tried && missing ? i18n.t("common.required", { field: i18n.t(field) }) : null);
  const invalid = { typeId: required("events.field.type", form.typeId === undefined), description: required("events.field.description", form.description.trim() === "") };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const values = form;
    if (values.typeId === undefined || values.description.trim() === "") return;
    if (locating.status !== "done") {
      setError(null);
      toast.warning(i18n.t("events.report.needLocation"));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const { lon, lat, accuracy } = locating.position;
      const body = {
        typeId: values.typeId as number,
        urgency: values.urgency,
        description: values.description,
        lon,
        lat,
        accuracy: accuracy === undefined ? undefined : Math.min(Math.round(accuracy), 100_000),
        address: values.address.trim() || undefined,
        photos: photos.length > 0 ? photos : undefined,
      };
      const typeName = types.data?.items.find((type) => type.id === values.typeId)?.name ?? "";
      // Kept on the device first: a report made without network, or whose answer is lost, is sent later, once.
      const outcome = await sendThroughOutbox<ReportAcceptedData>("/events", body, i18n.t("field.report.label", { type: typeName }));
      if (outcome.status === "sent") setAccepted(outcome.answer);
      else setQueued(true);
    } catch (cause) {
      setError(cause);
    } finally {
      setSubmitting(false);
    }
  };

  const again = () => {
    setAccepted(null);
    setQueued(false);
    setPhotos([]);
    setForm(blank);
    setTried(false);
  };

  if (types.loading && !types.data) return <Loading />;
  if (queued) {
    return (
      <Card style={{ maxWidth: 560, margin: "0 auto" }} data-testid="report-queued">
        <Result status="info" title={i18n.t("field.report.queued")} subTitle={i18n.t("field.report.queuedHint")} extra={<Button onClick={again}>{i18n.t("events.report.another")}</Button>} />
      </Card>
    );
  }
  if (accepted) {
    return (
      <Card style={{ maxWidth: 560, margin: "0 auto" }} data-testid="report-accepted" data-event-id={accepted.id}>
        <Result
          status="success"
          title={i18n.t("events.report.done")}
          subTitle={
            <div className="zl-stack" style={{ gap: 2, alignItems: "center" }}>
              <span data-testid="report-code">{i18n.t("events.report.doneCode", { code: accepted.code })}</span>
              <span data-testid="report-node">{i18n.t("events.report.doneNode", { node: accepted.nodeName })}</span>
              <StageTag stage={accepted.stage} />
            </div>
          }
          extra={
            <>
              <Button kind="primary" onClick={() => navigate(`/events/${accepted.id}`)} data-testid="report-open">
                {i18n.t("events.report.open")}
              </Button>
              <Button onClick={again}>{i18n.t("events.report.another")}</Button>
            </>
          }
        />
        {accepted.duplicates.length > 0 ? (
          <Alert
            type="warning"
            data-testid="report-duplicates"
            title={i18n.t("events.report.duplicates", { count: accepted.duplicates.length })}
            description={
              <ul className="zl-list">
                {accepted.duplicates.map((dup) => (
                  <li key={dup.id}>
                    <a href={hrefTo(`/events/${dup.id}`)}>{dup.code}</a> <StageTag stage={dup.stage} />{" "}
                    {i18n.t("events.report.distance", { metres: Math.round(dup.distanceMetres) })} · {i18n.dateTime(dup.reportedAt)}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Card>
    );
  }

  return (
    <Card style={{ maxWidth: 560, margin: "0 auto" }} title={i18n.t("events.report.title")} data-testid="report-page">
      {types.error ? <ErrorAlert error={types.error} onRetry={types.reload} /> : null}
      <ErrorAlert error={error} fieldLabels={{ typeId: i18n.t("events.field.type"), description: i18n.t("events.field.description"), lon: i18n.t("events.field.location"), photos: i18n.t("events.field.photo") }} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={i18n.t("events.field.type")} error={invalid.typeId}>
          {(id) => (
            <Select id={id} value={form.typeId} onChange={(typeId) => set("typeId", typeId)} groups={typeOptions} placeholder={i18n.t("events.field.type")} invalid={Boolean(invalid.typeId)} testId="report-type" />
          )}
        </Field>
        <div className="zl-field">
          <div className="zl-field-label" id="report-urgency-label">
            {i18n.t("events.field.urgency")}
          </div>
          <div className="zl-segment" role="radiogroup" aria-labelledby="report-urgency-label" data-testid="report-urgency">
            {urgencies.map((urgency) => (
              <label key={urgency}>
                <input type="radio" name="urgency" value={urgency} checked={form.urgency === urgency} onChange={() => set("urgency", urgency)} />
                {i18n.t(`events.urgency.${urgency}` as MessageKey)}
              </label>
            ))}
          </div>
        </div>
        <Field label={i18n.t("events.field.description")} error={invalid.description}>
          {(id) => (
            <>
              <textarea id={id} className="zl-input" rows={4} maxLength={2000} value={form.description} onChange={(event) => set("description", event.target.value)} aria-invalid={Boolean(invalid.description)} data-testid="report-description" />
              <div className="zl-count">{form.description.length} / 2000</div>
            </>
          )}
        </Field>
        <div className="zl-field">
          <div className="zl-field-label">{i18n.t("events.field.photo")}</div>
          <PhotoPicker value={photos} onChange={setPhotos} testId="report-photo" />
        </div>
        <div className="zl-field">
          <div className="zl-field-label">{i18n.t("events.field.location")}</div>
          <div className="zl-stack" style={{ gap: 8 }}>
            <Button icon={<EnvironmentOutlined />} size="large" onClick={locate} loading={locating.status === "locating"} data-testid="report-locate">
              {i18n.t(locating.status === "locating" ? "events.report.locating" : "events.report.locate")}
            </Button>
            <span
              className={locating.status === "failed" ? "zl-danger-text" : "zl-muted"}
              data-testid="report-location"
              data-located={locating.status === "done" ? "true" : "false"}
              data-place={locating.status === "done" ? `${locating.position.lon},${locating.position.lat}` : ""}
            >
              {locating.status === "done" && locating.position.accuracy === undefined
                ? i18n.t("field.map.pinned", { lon: locating.position.lon.toFixed(5), lat: locating.position.lat.toFixed(5) })
                : locating.status === "done"
                ? i18n.t("events.report.located", {
                    lon: locating.position.lon.toFixed(5),
                    lat: locating.position.lat.toFixed(5),
                    accuracy: Math.round(locating.position.accuracy!),
                  })
                : locating.status === "failed"
                  ? i18n.t("events.report.locationFailed", { message: locating.message })
                  : i18n.t("events.report.noLocation")}
            </span>
            <PlacePicker
              place={locating.status === "done" ? locating.position : null}
              onPlace={(lon, lat) => setLocating({ status: "done", position: { lon, lat } })}
              testId="report-map"
            />
          </div>
        </div>
        <Field label={i18n.t("events.field.address")}>
          {(id) => <input id={id} className="zl-input" maxLength={200} value={form.address} onChange={(event) => set("address", event.target.value)} data-testid="report-address" />}
        </Field>
        <Button kind="primary" submit size="large" block loading={submitting} disabled={locating.status !== "done"} data-testid="report-submit">
          {i18n.t("events.report.submit")}
        </Button>
      </form>
    </Card>
  );
}
