import type { ReactNode } from "react";
import type { EventDetailData } from "../../api/events";
import { eventsApi } from "../../api/events";
import { hrefTo, navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useCanOpen } from "../../app/useCanOpen";
import { Alert, Button, Card, Tag } from "../../components/light";
import { Loading, PageError } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { useEventActions } from "./EventActions";
import { EventMiniMap } from "./EventMiniMap";
import { LightTag, StageTag, UrgencyTag, lightColors } from "./common";
import { BeforeAfterPhotos } from "../field/BeforeAfterPhotos";
import { inLanguage } from "../../../../shared/bilingual";
import { PrintButton } from "../../components/PrintButton";

/** One line of the record's particulars: its label and value, in a grid that is one column on a phone. */
function Item({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "zl-desc-item zl-desc-wide" : "zl-desc-item"}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Body({ event, onChange, reload }: { event: EventDetailData; onChange: (next: EventDetailData) => void; reload: () => void }) {
  const i18n = useI18n();
  const { buttons, modal, openSummons } = useEventActions(event, onChange, reload);
  const canOpen = useCanOpen();
  const timer = event.timer;
  return (
    <div className="zl-stack" data-testid="event-page" data-event-id={event.id} data-stage={event.stage} data-version={event.version}>
      <Card
        title={
          <span className="zl-row">
            <span data-testid="event-code">{event.code}</span>
            <span>
              <StageTag stage={event.stage} />
              <LightTag light={timer?.light} />
              <UrgencyTag urgency={event.urgency} />
            </span>
          </span>
        }
        extra={
          <span className="zl-row" style={{ gap: 4 }}>
            <PrintButton entity="events" id={event.id} />
            <Button onClick={() => navigate("/events")}>{i18n.t("events.nav.list")}</Button>
          </span>
        }
      >
        {timer ? (
          <Alert
            type={timer.light === "red" ? "error" : timer.light === "yellow" ? "warning" : "info"}
            style={{ marginBottom: 12 }}
            data-testid="event-timer"
            title={i18n.t("events.detail.timer", { stage: i18n.t(`events.timer.${timer.stage}` as MessageKey), due: i18n.dateTime(timer.dueAt) })}
            description={event.escalatedNodeName ? i18n.t("events.detail.escalated", { node: event.escalatedNodeName }) : undefined}
          />
        ) : null}
        <dl className="zl-desc">
          <Item label={i18n.t("events.field.type")}>
            {event.typeName}
            {/* A conflict-type case has its entry in the register once registered: the way back to it. */}
            {event.conflict && event.stage !== "reported" && event.stage !== "rejected" && canOpen("/pairing/conflicts") ? (
              <a href={hrefTo(`/pairing/conflicts?event=${event.id}`)} style={{ marginInlineStart: 8 }} data-testid="event-register-link">
                {i18n.t("pairing.nav.conflicts")}
              </a>
            ) : null}
          </Item>
          <Item label={i18n.t("events.field.node")}>{event.nodeName}</Item>
          <Item label={i18n.t("events.field.source")}>{i18n.t(`events.source.${event.source}` as MessageKey)}</Item>
          <Item label={i18n.t("events.field.reportedAt")}>{i18n.dateTime(event.reportedAt)}</Item>
          <Item label={i18n.t("events.field.department")}>
            {event.departmentName ? `${event.departmentName}${event.functionName ? ` · ${event.functionName}` : ""}` : "—"}
          </Item>
          <Item label={i18n.t("events.detail.trackingCode")}>{event.trackingCode}</Item>
          {event.address ? <Item label={i18n.t("events.field.address")}>{event.address}</Item> : null}
          {event.reporterName || event.reporterPhone ? (
            <Item label={i18n.t("events.field.reporter")}>{[event.reporterName, event.reporterPhone].filter(Boolean).join(" ")}</Item>
          ) : null}
          {event.lon !== null && event.lat !== null ? (
            <Item label={i18n.t("events.field.location")} wide>
              <EventMiniMap lon={event.lon} lat={event.lat} />
            </Item>
          ) : null}
          {event.rating ? (
            <Item label={i18n.t("events.field.rating")}>
              {i18n.t(`events.rating.${event.rating}` as MessageKey)}
              {event.ratingComment ? ` · ${event.ratingComment}` : ""}
            </Item>
          ) : null}
          <Item label={i18n.t("events.detail.routing")} wide>
            {i18n.t("events.detail.counts", event.counts)}
          </Item>
        </dl>
        <p style={{ whiteSpace: "pre-wrap", marginTop: 8 }} data-testid="event-description">
          {event.description}
        </p>
        {event.statusNote ? <p className="zl-muted">{event.statusNote}</p> : null}
        <BeforeAfterPhotos event={event} />
        <div style={{ marginTop: 12 }}>{buttons}</div>
      </Card>

      {event.abilities.dispatch && event.suggestions.length > 0 ? (
        <Card title={i18n.t("events.detail.suggestions")} data-testid="event-suggestions">
          <div className="zl-row" style={{ gap: 4 }}>
            {event.suggestions.map((s) => (
              <Tag key={s.functionId} color="blue">
                {s.departmentName} · {s.functionName}
              </Tag>
            ))}
          </div>
        </Card>
      ) : null}

      {event.duplicates.length > 0 ? (
        <Card title={i18n.t("events.detail.duplicates")} data-testid="event-duplicates">
          <ul className="zl-list">
            {event.duplicates.map((d) => (
              <li key={d.id}>
                <a href={hrefTo(`/events/${d.id}`)}>{d.code}</a> <StageTag stage={d.stage} /> {i18n.t("events.report.distance", { metres: Math.round(d.distanceMetres) })} ·{" "}
                {i18n.dateTime(d.reportedAt)}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title={i18n.t("events.detail.steps")} data-testid="event-steps">
        <ol className="zl-timeline">
          {event.steps.map((step, index) => (
            <li key={index} style={{ borderColor: step.late ? lightColors.red : "#1677ff" }}>
              <div data-testid="event-step" data-action={step.action}>
                <span className="zl-row" style={{ gap: 4 }}>
                  <strong>{i18n.tMaybe(`events.step.${step.action}`) ?? step.action}</strong>
                  <StageTag stage={step.toStage} />
                  {step.late ? <Tag color="red">{i18n.t("events.detail.late")}</Tag> : null}
                  <span className="zl-muted">{i18n.dateTime(step.at)}</span>
                </span>
                <div style={{ color: "#666" }}>
                  {[step.actorName, step.departmentName && `${step.departmentName}${step.functionName ? ` · ${step.functionName}` : ""}`, step.nodeName].filter(Boolean).join(" · ")}
                </div>
                {step.note ? <div style={{ whiteSpace: "pre-wrap" }}>{inLanguage(i18n.locale, step.note)}</div> : null}
              </div>
            </li>
          ))}
        </ol>
      </Card>

      {event.summons.length > 0 ? (
        <Card title={i18n.t("events.detail.summons")} data-testid="event-summons">
          <ul className="zl-list">
            {event.summons.map((s) => (
              <li key={s.id} style={{ display: "flex", gap: 8, alignItems: "flex-start" }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div className="zl-row" style={{ gap: 4 }}>
                    {s.departmentName}
                    {s.answerLate ? <Tag color="red">{i18n.t("events.detail.late")}</Tag> : null}
                    {s.rating !== null ? <Tag>{i18n.t("events.detail.summonRated", { rating: s.rating })}</Tag> : null}
                  </div>
                  <div className="zl-muted">
                    <div>{s.note}</div>
                    <div>{i18n.t("events.detail.timer", { stage: i18n.t("events.timer.summon"), due: i18n.dateTime(s.dueAt) })}</div>
                    {s.answeredAt ? <div>{i18n.t("events.detail.summonAnswered", { note: s.answerNote ?? "" })}</div> : null}
                  </div>
                </div>
                {s.abilities.answer ? (
                  <Button size="small" onClick={() => openSummons(s.id, s.version, "answer")}>
                    {i18n.t("events.action.answer")}
                  </Button>
                ) : null}
                {s.abilities.rate ? (
                  <Button size="small" onClick={() => openSummons(s.id, s.version, "rate")}>
                    {i18n.t("events.action.rate")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {modal}
    </div>
  );
}

/** One case: what was reported, its timer, the steps so far, summoned departments, and the caller's possible actions. */
export default function EventPage({ id }: { id: number }) {
  const event = useAsync((signal) => eventsApi.get(id, signal), [id]);
  if (event.error && !event.data) return <PageError error={event.error} onRetry={event.reload} />;
  if (!event.data) return <Loading />;
  return <Body event={event.data} onChange={event.setData} reload={event.reload} />;
}
