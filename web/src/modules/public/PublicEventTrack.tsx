import { Alert, Button, Form, Image, Input, Radio, Steps, Tag, Typography } from "antd";
import { useState } from "react";
import { ratings, type EventStage, type Rating } from "../../../../shared/schemas/events";
import { ApiError } from "../../api/client";
import { publicEventsApi, type PublicEventData } from "../../api/publicEvents";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";

function Photos({ code, photos, title, testId }: { code: string; photos: PublicEventData["photos"]; title: string; testId: string }) {
  if (photos.length === 0) return null;
  return (
    <div style={{ marginTop: 10 }} data-testid={testId}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <Image.PreviewGroup>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 6, marginTop: 4 }}>
          {photos.map((photo) => (
            <Image key={photo.id} width={72} height={72} style={{ objectFit: "cover", borderRadius: 6 }} src={publicEventsApi.photoUrl(code, photo.id, "thumb")} preview={{ src: publicEventsApi.photoUrl(code, photo.id, "web") }} />
          ))}
        </div>
      </Image.PreviewGroup>
    </div>
  );
}

function RateForm({ code, onRated }: { code: string; onRated: (event: PublicEventData) => void }) {
  const i18n = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: { rating: Rating; comment?: string }) => {
    setSaving(true);
    setError(null);
    try {
      onRated(await publicEventsApi.rate(code, values.rating, values.comment?.trim() || undefined));
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="zl-public-card" data-testid="event-rate">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {i18n.t("field.track.rate")}
      </Typography.Title>
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={submit} initialValues={{ rating: "satisfied" }}>
        <Form.Item name="rating">
          <Radio.Group optionType="button" buttonStyle="solid" options={ratings.map((r) => ({ value: r, label: i18n.t(`events.rating.${r}` as MessageKey) }))} data-testid="event-rating" />
        </Form.Item>
        <Form.Item name="comment" label={i18n.t("field.track.comment")}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="event-rate-submit">
          {i18n.t("field.track.rateSubmit")}
        </Button>
      </Form>
    </div>
  );
}

/** 事件进度: what the resident reported, where it stands, the photos before and after, and the rating. */
export function PublicEventTrack({ code }: { code: string }) {
  const i18n = useI18n();
  const result = useAsync((signal) => publicEventsApi.track(code, signal), [code]);
  const [rated, setRated] = useState<PublicEventData | null>(null);
  if (result.error) {
    if (result.error instanceof ApiError && result.error.status === 404) return <Alert type="warning" showIcon title={i18n.t("public.track.notFound")} data-testid="track-not-found" />;
    return <ErrorAlert error={result.error} onRetry={result.reload} />;
  }
  if (!result.data) return <Loading />;
  const event = rated ?? result.data;
  const stageLabel = (stage: EventStage) => i18n.t(`events.stage.${stage}` as MessageKey);
  return (
    <div data-testid="event-track" data-stage={event.stage}>
      <div className="zl-public-card">
        <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "center" }}>
          <Typography.Text strong>{event.typeName}</Typography.Text>
          <Tag color={event.status === "open" ? "blue" : "green"} style={{ marginInlineEnd: 0 }} data-testid="event-track-stage">
            {stageLabel(event.stage)}
          </Tag>
        </div>
        <div className="zl-public-meta" style={{ marginTop: 6 }}>
          <span className="zl-public-code">{event.trackingCode}</span>
          <span>{event.nodeName}</span>
          <span>{i18n.dateTime(event.reportedAt)}</span>
          {event.departmentName ? <span>{event.departmentName}</span> : null}
        </div>
        <Typography.Paragraph style={{ margin: "6px 0 0" }}>
          {event.closedAt ? `${i18n.t("events.stage.closed")} ${i18n.dateTime(event.closedAt)}` : `${i18n.t("field.track.expected")} ${i18n.dateTime(event.expectedAt)}`}
        </Typography.Paragraph>
        {event.statusNote ? <Typography.Paragraph style={{ margin: "4px 0 0" }}>{event.statusNote}</Typography.Paragraph> : null}
        {event.rating ? <Typography.Paragraph data-testid="event-rated">{i18n.t("field.track.rated", { rating: i18n.t(`events.rating.${event.rating}` as MessageKey) })}</Typography.Paragraph> : null}
        <Photos code={event.trackingCode} photos={event.photos.filter((photo) => photo.kind === "report")} title={i18n.t("field.track.before")} testId="event-photos-before" />
        <Photos code={event.trackingCode} photos={event.photos.filter((photo) => photo.kind === "feedback")} title={i18n.t("field.track.after")} testId="event-photos-after" />
      </div>
      {event.canRate ? <RateForm code={event.trackingCode} onRated={setRated} /> : null}
      <div className="zl-public-card">
        <Typography.Text type="secondary">{i18n.t("field.track.steps")}</Typography.Text>
        <Steps
          orientation="vertical"
          size="small"
          current={event.steps.length - 1}
          style={{ marginTop: 8 }}
          items={event.steps.map((step) => ({ title: stageLabel(step.toStage), content: i18n.dateTime(step.at) }))}
        />
      </div>
    </div>
  );
}
