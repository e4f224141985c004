import { useState, type FormEvent } from "react";
import type { EventDetailData } from "../../api/events";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Button, Field } from "../../components/light";
import { useI18n, type MessageKey } from "../../i18n";
import { PhotoPicker } from "../field/PhotoPicker";
import type { Pending } from "./EventActions";
import { useActionSubmit } from "./useActionSubmit";

/** The actions that ask only for words (and photos): what a handler or reporter does from the field, on a phone. */
export const lightActions: ReadonlySet<Pending["action"]> = new Set(["feedback", "accept", "close", "resubmit", "refuse", "sendBack", "answer"]);

/** Each action's text field: its name in the values, its label, whether it must be filled, its test id. */
const textFields: Partial<Record<Pending["action"], { name: string; label: MessageKey; required: boolean; rows: number; max: number; testId: string }>> = {
  feedback: { name: "result", label: "events.field.result", required: true, rows: 3, max: 2000, testId: "action-result" },
  accept: { name: "note", label: "events.field.note", required: false, rows: 2, max: 500, testId: "action-note" },
  close: { name: "note", label: "events.field.note", required: false, rows: 2, max: 500, testId: "action-note" },
  resubmit: { name: "note", label: "events.field.resubmitNote", required: true, rows: 2, max: 500, testId: "action-note" },
  refuse: { name: "reason", label: "events.field.reason", required: true, rows: 2, max: 500, testId: "action-reason" },
  sendBack: { name: "reason", label: "events.field.reason", required: true, rows: 2, max: 500, testId: "action-reason" },
  answer: { name: "note", label: "events.field.note", required: true, rows: 2, max: 500, testId: "action-note" },
};

/**
 * The dialog of an action that asks for words and, on feedback, after-photos: light (no antd), so a
 * handler feeding back from the site with a phone loads nothing more. The others: ActionModal.
 */
export function LightActionDialog({ pending, event, onClose, onDone, onReload }: { pending: Pending; event: EventDetailData; onClose: () => void; onDone: (next: EventDetailData) => void; onReload: () => void }) {
  const i18n = useI18n();
  const field = textFields[pending.action]!;
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const { error, saving, submit } = useActionSubmit(pending, event, onDone);
  const missing = field.required && text.trim() === "" ? i18n.t("common.required", { field: i18n.t(field.label) }) : null;
  const send = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    setTried(true);
    if (missing) return;
    void submit({ [field.name]: text, ...(pending.action === "feedback" ? { photos } : {}) });
  };
  return (
    <div className="zl-dialog-mask" onKeyDown={(key) => key.key === "Escape" && onClose()}>
      <form className="zl-dialog" role="dialog" aria-modal="true" aria-labelledby="action-dialog-title" onSubmit={send} noValidate data-testid="action-modal">
        <div className="zl-dialog-title" id="action-dialog-title">
          {pending.label}
        </div>
        <ErrorAlert error={error} onReload={onReload} />
        <Field label={i18n.t(field.label)} error={tried ? missing : null}>
          {(id) => <textarea id={id} className="zl-input" rows={field.rows} maxLength={field.max} value={text} onChange={(change) => setText(change.target.value)} autoFocus data-testid={field.testId} />}
        </Field>
        {pending.action === "feedback" ? (
          <div className="zl-field">
            <div className="zl-field-label">{i18n.t("field.track.after")}</div>
            <PhotoPicker value={photos} onChange={setPhotos} testId="action-photos" />
          </div>
        ) : null}
        <div className="zl-dialog-footer">
          <Button onClick={onClose}>{i18n.t("common.cancel")}</Button>
          <Button kind="primary" submit loading={saving} data-testid="action-confirm">
            {pending.label}
          </Button>
        </div>
      </form>
    </div>
  );
}
