import { lazy, Suspense, useState, type ReactNode } from "react";
import { ratings } from "../../../../shared/schemas/events";
import { eventsApi, type EventDetailData } from "../../api/events";
import { Alert, Button } from "../../components/light";
import { useI18n, type MessageKey } from "../../i18n";
import { sendOrQueue } from "../field/send";
import { LightActionDialog, lightActions } from "./LightActionDialog";

// The dialog of an action that picks from lists (antd's form and selects) loads when opened, not with the page;
// those that ask only for words and photos (the field's: feedback, accept, close …) are light.
// Offline, before the service worker kept them, these chunks cannot load: the page says so instead of breaking.
const AntProviders = lazy(() => import("../../app/AntProviders").catch(() => ({ default: ({ children }: { children: ReactNode }) => <>{children}</> })));
const ActionModal = lazy(() => import("./ActionModal").catch(() => ({ default: NeedsNetwork })));

function NeedsNetwork({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  return (
    <div className="zl-dialog-mask">
      <div className="zl-dialog" role="alertdialog" aria-modal="true">
        <Alert type="warning" title={i18n.t("events.action.needsNetwork")} />
        <div className="zl-dialog-footer">
          <Button onClick={onClose}>{i18n.t("common.close")}</Button>
        </div>
      </div>
    </div>
  );
}

/** The workflow buttons, keyed by the event's `abilities` (what the server would allow this caller now). */
export type ActionName = "register" | "reject" | "resubmit" | "dispatch" | "reroute" | "accept" | "refuse" | "feedback" | "close" | "sendBack" | "evaluate" | "summon";
export const actionOrder: readonly ActionName[] = ["resubmit", "register", "dispatch", "accept", "feedback", "close", "evaluate", "reroute", "reject", "refuse", "sendBack", "summon"];
const primary: ReadonlySet<ActionName> = new Set(["resubmit", "register", "dispatch", "accept", "feedback", "close", "evaluate"]);
const danger: ReadonlySet<ActionName> = new Set(["reject", "refuse", "sendBack"]);

export type Values = Record<string, unknown>;

export const initialValues = (action: ActionName | "answer" | "rate", event: EventDetailData): Values => {
  // One function covers the type: 立案 sends it there unless the registrar picks another.
  if (action === "register") return { functionId: event.suggestions.length === 1 ? event.suggestions[0]!.functionId : undefined };
  if (action === "dispatch") return { functionId: event.suggestions[0]?.functionId };
  if (action === "reroute") return { functionId: event.suggestions.find((s) => s.functionId !== event.functionId)?.functionId };
  if (action === "reject") return { reason: event.duplicates.length > 0 ? "duplicate" : "invalid", duplicateOfId: event.duplicates[0]?.id };
  if (action === "rate") return { attended: true, rating: 5 };
  if (action === "evaluate") return { rating: "satisfied" };
  return {};
};

function run(action: ActionName, event: EventDetailData, v: Values, outboxLabel: string): Promise<EventDetailData> {
  const version = event.version;
  const text = (name: string) => (typeof v[name] === "string" ? (v[name] as string).trim() : undefined);
  switch (action) {
    case "register":
      return eventsApi.step(event.id, "register", { version, functionId: typeof v.functionId === "number" ? v.functionId : undefined, note: text("note") || undefined });
    case "reject":
      return eventsApi.step(event.id, "reject", {
        version,
        reason: v.reason as "invalid" | "duplicate",
        duplicateOfId: v.reason === "duplicate" ? (v.duplicateOfId as number | undefined) : undefined,
        note: text("note") ?? "",
      });
    case "resubmit":
      return eventsApi.step(event.id, "resubmit", { version, note: text("note") ?? "" });
    case "dispatch":
    case "reroute":
      // The server reroutes a dispatched or handled case through the same dispatch step.
      return eventsApi.step(event.id, "dispatch", { version, functionId: v.functionId as number, note: text("note") || undefined });
    case "accept":
      return eventsApi.step(event.id, "accept", { version, note: text("note") || undefined });
    case "refuse":
      return eventsApi.step(event.id, "refuse", { version, reason: text("reason") ?? "" });
    case "feedback": {
      // Handlers feed back from the site: kept on the device when offline; a 409 later shows as a conflict.
      const photos = Array.isArray(v.photos) && v.photos.length > 0 ? (v.photos as string[]) : undefined;
      return sendOrQueue<EventDetailData>(`/events/${event.id}/feedback`, { version, result: text("result") ?? "", photos }, outboxLabel);
    }
    case "close":
      return eventsApi.step(event.id, "close", { version, note: text("note") || undefined });
    case "sendBack":
      return eventsApi.step(event.id, "send-back", { version, reason: text("reason") ?? "" });
    case "evaluate":
      return eventsApi.step(event.id, "evaluate", { version, rating: v.rating as (typeof ratings)[number], comment: text("comment") || undefined });
    case "summon":
      return eventsApi.step(event.id, "summons", { version, departmentIds: v.departmentIds as number[], note: text("note") ?? "" });
  }
}

export interface Pending {
  action: ActionName | "answer" | "rate";
  label: string;
  submit: (values: Values) => Promise<EventDetailData>;
}

export function useEventActions(event: EventDetailData, onChange: (next: EventDetailData) => void, reload: () => void) {
  const i18n = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const open = (action: ActionName) => {
    const label = i18n.t(`events.action.${action}` as MessageKey);
    setPending({ action, label, submit: (values) => run(action, event, values, i18n.t("field.feedback.label", { code: event.code })) });
  };
  const openSummons = (summonsId: number, version: number, kind: "answer" | "rate") => {
    const label = i18n.t(`events.action.${kind}`);
    setPending({
      action: kind,
      label,
      submit: (v) =>
        kind === "answer"
          ? eventsApi.answerSummons(summonsId, { version, note: String(v.note ?? "").trim() })
          : eventsApi.rateSummons(summonsId, { version, attended: Boolean(v.attended), rating: Number(v.rating), note: typeof v.note === "string" && v.note.trim() ? v.note.trim() : undefined }),
    });
  };
  const buttons = (
    <div className="zl-row" data-testid="event-actions">
      {actionOrder
        .filter((action) => event.abilities[action])
        .map((action) => (
          <Button key={action} kind={primary.has(action) ? "primary" : "default"} danger={danger.has(action)} onClick={() => open(action)} data-testid={`action-${action}`}>
            {i18n.t(`events.action.${action}` as MessageKey)}
          </Button>
        ))}
    </div>
  );
  const dialog = pending
    ? {
        key: `${pending.action}-${event.version}`,
        pending,
        event,
        onClose: () => setPending(null),
        onReload: () => {
          setPending(null);
          reload();
        },
        onDone: (next: EventDetailData) => {
          setPending(null);
          onChange(next);
        },
      }
    : null;
  const modal = !dialog ? null : lightActions.has(dialog.pending.action) ? (
    <LightActionDialog {...dialog} />
  ) : (
    <Suspense fallback={null}>
      <AntProviders>
        <ActionModal {...dialog} />
      </AntProviders>
    </Suspense>
  );
  return { buttons, modal, openSummons };
}
