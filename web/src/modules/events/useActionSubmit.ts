import { useState } from "react";
import type { EventDetailData } from "../../api/events";
import { toast } from "../../components/light";
import { useI18n } from "../../i18n";
import { QueuedOffline } from "../field/send";
import type { Pending, Values } from "./EventActions";

/** Sends an action's values: the result as a toast; kept on the device when offline (feedback); the server's refusal as `error`. */
export function useActionSubmit(pending: Pending, event: EventDetailData, onDone: (next: EventDetailData) => void) {
  const i18n = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const next = await pending.submit(values);
      toast.success(i18n.t("events.action.done", { action: pending.label }));
      onDone(next);
    } catch (cause) {
      if (cause instanceof QueuedOffline) {
        toast.info(i18n.t("field.report.queued"));
        return onDone(event);
      }
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return { error, saving, submit };
}
