import type { EventSummaryData } from "../../api/events";
import { hrefTo } from "../../app/router";
import { Card, Tag } from "../../components/light";
import { useI18n } from "../../i18n";
import { LightTag, StageTag, UrgencyTag } from "../events/common";

/** One event on a phone: what, where, the stage, the light and the deadline, all within 360 px. */
export function EventCard({ event }: { event: EventSummaryData }) {
  const i18n = useI18n();
  return (
    <Card style={{ width: "100%" }} data-testid="event-card" data-event-id={event.id}>
      <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "center" }}>
        <a href={hrefTo(`/events/${event.id}`)} data-testid="event-link" data-event-id={event.id} style={{ fontWeight: 600 }}>
          {event.code}
        </a>
        <span style={{ display: "flex", flexShrink: 0 }}>
          <StageTag stage={event.stage} />
          <LightTag light={event.timer?.light} />
          {event.escalationLevel > 0 ? <Tag color="magenta">↑{event.escalationLevel}</Tag> : null}
        </span>
      </div>
      <div style={{ marginTop: 4 }}>
        {event.typeName} {event.urgency !== "normal" ? <UrgencyTag urgency={event.urgency} /> : null}
      </div>
      <span className="zl-muted zl-ellipsis">{event.description}</span>
      <div style={{ display: "flex", justifyContent: "space-between", gap: 8, fontSize: 12, color: "#8c8c8c", marginTop: 4 }}>
        <span style={{ minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{event.nodeName}</span>
        <span data-testid="event-card-due" style={{ whiteSpace: "nowrap" }}>
          {event.timer ? `${i18n.t("events.field.dueAt")} ${i18n.dateTime(event.timer.dueAt)}` : i18n.dateTime(event.reportedAt)}
        </span>
      </div>
    </Card>
  );
}
