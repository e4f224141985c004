import { Alert, Button, Card, Descriptions, Empty, List, Space, Tag, Timeline, Typography } from "antd";
import type { EventDetailData } from "../../api/events";
import { eventsApi } from "../../api/events";
import { hrefTo, navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useCanOpen } from "../../app/useCanOpen";
import { Loading, PageError } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { useEventActions } from "./EventActions";
import { EventMiniMap } from "./EventMiniMap";
import { LightTag, StageTag, UrgencyTag, lightColors } from "./common";
import { BeforeAfterPhotos } from "../field/BeforeAfterPhotos";
import { inLanguage } from "../../../../shared/bilingual";
import { PrintButton } from "../../components/PrintButton";

function Body({ event, onChange, reload }: { event: EventDetailData; onChange: (next: EventDetailData) => void; reload: () => void }) {
  const i18n = useI18n();
  const { buttons, modal, openSummons } = useEventActions(event, onChange, reload);
  const canOpen = useCanOpen();
  const timer = event.timer;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12} data-testid="event-page" data-event-id={event.id} data-stage={event.stage} data-version={event.version}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="event-code">{event.code}</span>
            <StageTag stage={event.stage} />
            <LightTag light={timer?.light} />
            <UrgencyTag urgency={event.urgency} />
          </Space>
        }
        extra={
          <Space wrap size={4}>
            <PrintButton entity="events" id={event.id} />
            <Button onClick={() => navigate("/events")}>{i18n.t("events.nav.list")}</Button>
          </Space>
        }
      >
        {timer ? (
          <Alert
            type={timer.light === "red" ? "error" : timer.light === "yellow" ? "warning" : "info"}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="event-timer"
            title={i18n.t("events.detail.timer", { stage: i18n.t(`events.timer.${timer.stage}` as MessageKey), due: i18n.dateTime(timer.dueAt) })}
            description={event.escalatedNodeName ? i18n.t("events.detail.escalated", { node: event.escalatedNodeName }) : undefined}
          />
        ) : null}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={i18n.t("events.field.type")}>
            {event.typeName}
            {/* A conflict-type case has its entry in the register once registered: the way back to it. */}
            {event.conflict && event.stage !== "reported" && event.stage !== "rejected" && canOpen("/pairing/conflicts") ? (
              <a href={hrefTo(`/pairing/conflicts?event=${event.id}`)} style={{ marginInlineStart: 8 }} data-testid="event-register-link">
                {i18n.t("pairing.nav.conflicts")}
              </a>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("events.field.node")}>{event.nodeName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("events.field.source")}>{i18n.t(`events.source.${event.source}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("events.field.reportedAt")}>{i18n.dateTime(event.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("events.field.department")}>
            {event.departmentName ? `${event.departmentName}${event.functionName ? ` · ${event.functionName}` : ""}` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("events.detail.trackingCode")}>{event.trackingCode}</Descriptions.Item>
          {event.address ? <Descriptions.Item label={i18n.t("events.field.address")}>{event.address}</Descriptions.Item> : null}
          {event.reporterName || event.reporterPhone ? (
            <Descriptions.Item label={i18n.t("events.field.reporter")}>{[event.reporterName, event.reporterPhone].filter(Boolean).join(" ")}</Descriptions.Item>
          ) : null}
          {event.lon !== null && event.lat !== null ? (
            <Descriptions.Item label={i18n.t("events.field.location")} span={2}>
              <EventMiniMap lon={event.lon} lat={event.lat} />
            </Descriptions.Item>
          ) : null}
          {event.rating ? (
            <Descriptions.Item label={i18n.t("events.field.rating")}>
              {i18n.t(`events.rating.${event.rating}` as MessageKey)}
              {event.ratingComment ? ` · ${event.ratingComment}` : ""}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={i18n.t("events.detail.routing")} span={{ xs: 1, sm: 2, lg: 3 }}>
            {i18n.t("events.detail.counts", event.counts)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8 }} data-testid="event-description">
          {event.description}
        </Typography.Paragraph>
        {event.statusNote ? <Typography.Paragraph type="secondary">{event.statusNote}</Typography.Paragraph> : null}
        <BeforeAfterPhotos event={event} />
        <div style={{ marginTop: 12 }}>{buttons}</div>
      </Card>

      {event.abilities.dispatch && event.suggestions.length > 0 ? (
        <Card size="small" title={i18n.t("events.detail.suggestions")} data-testid="event-suggestions">
          <Space wrap>
            {event.suggestions.map((s) => (
              <Tag key={s.functionId} color="blue">
                {s.departmentName} · {s.functionName}
              </Tag>
            ))}
          </Space>
        </Card>
      ) : null}

      {event.duplicates.length > 0 ? (
        <Card size="small" title={i18n.t("events.detail.duplicates")} data-testid="event-duplicates">
          <List
            size="small"
            dataSource={event.duplicates}
            renderItem={(d) => (
              <List.Item>
                <a href={hrefTo(`/events/${d.id}`)}>{d.code}</a> <StageTag stage={d.stage} /> {i18n.t("events.report.distance", { metres: Math.round(d.distanceMetres) })} ·{" "}
                {i18n.dateTime(d.reportedAt)}
              </List.Item>
            )}
          />
        </Card>
      ) : null}

      <Card size="small" title={i18n.t("events.detail.steps")} data-testid="event-steps">
        <Timeline
          items={event.steps.map((step) => ({
            color: step.late ? lightColors.red : "blue",
            content: (
              <div data-testid="event-step" data-action={step.action}>
                <Space wrap size={4}>
                  <strong>{i18n.tMaybe(`events.step.${step.action}`) ?? step.action}</strong>
                  <StageTag stage={step.toStage} />
                  {step.late ? <Tag color="error">{i18n.t("events.detail.late")}</Tag> : null}
                  <Typography.Text type="secondary">{i18n.dateTime(step.at)}</Typography.Text>
                </Space>
                <div style={{ color: "#666" }}>
                  {[step.actorName, step.departmentName && `${step.departmentName}${step.functionName ? ` · ${step.functionName}` : ""}`, step.nodeName].filter(Boolean).join(" · ")}
                </div>
                {step.note ? <div style={{ whiteSpace: "pre-wrap" }}>{inLanguage(i18n.locale, step.note)}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>

      {event.summons.length > 0 ? (
        <Card size="small" title={i18n.t("events.detail.summons")} data-testid="event-summons">
          <List
            size="small"
            dataSource={event.summons}
            renderItem={(s) => (
              <List.Item
                actions={[
                  s.abilities.answer ? (
                    <Button key="a" size="small" onClick={() => openSummons(s.id, s.version, "answer")}>
                      {i18n.t("events.action.answer")}
                    </Button>
                  ) : null,
                  s.abilities.rate ? (
                    <Button key="r" size="small" onClick={() => openSummons(s.id, s.version, "rate")}>
                      {i18n.t("events.action.rate")}
                    </Button>
                  ) : null,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      {s.departmentName}
                      {s.answerLate ? <Tag color="error">{i18n.t("events.detail.late")}</Tag> : null}
                      {s.rating !== null ? <Tag>{i18n.t("events.detail.summonRated", { rating: s.rating })}</Tag> : null}
                    </Space>
                  }
                  description={
                    <>
                      <div>{s.note}</div>
                      <div>{i18n.t("events.detail.timer", { stage: i18n.t("events.timer.summon"), due: i18n.dateTime(s.dueAt) })}</div>
                      {s.answeredAt ? <div>{i18n.t("events.detail.summonAnswered", { note: s.answerNote ?? "" })}</div> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {event.steps.length === 0 ? <Empty /> : null}
      {modal}
    </Space>
  );
}

/** One case: what was reported, its timer, the steps so far, summoned departments, and the caller's possible actions. */
export default function EventPage({ id }: { id: number }) {
  const event = useAsync((signal) => eventsApi.get(id, signal), [id]);
  if (event.error && !event.data) return <PageError error={event.error} onRetry={event.reload} />;
  if (!event.data) return <Loading />;
  return <Body event={event.data} onChange={event.setData} reload={event.reload} />;
}
