import type { FormInstance } from "antd";
import { useState } from "react";
import { ApiError } from "../api/client";
import type { I18n } from "../i18n";
import { pickLanguage } from "./errors";

/**
 * Puts the server's field errors (error.fields[]) under the form's own fields, where the form has
 * one of that name, in the UI language when an i18n is given. Returns whether any matched.
 */
export function applyFieldErrors<T extends object>(form: FormInstance<T>, error: unknown, names: readonly string[], i18n?: Pick<I18n, "locale">): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const known = new Set(names);
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const name = f.field.split(".")[0] ?? f.field;
    if (!known.has(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), i18n ? pickLanguage(i18n.locale, f.message) : f.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return true;
}

/**
 * The submit of a form that calls the server: the form's own checks first, then the action. The
 * server's field errors land under their fields; the alert (error) shows only what no field can show.
 */
export function useFormSubmit<T extends object>(form: FormInstance<T>, names: readonly string[], i18n?: Pick<I18n, "locale">) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (action: (values: T) => Promise<void>) => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await action(values);
    } catch (cause) {
      const applied = applyFieldErrors(form, cause, names, i18n);
      const allPlaced = cause instanceof ApiError && cause.status === 400 && cause.fields.every((f) => names.includes(f.field.split(".")[0] ?? f.field));
      setError(applied && allPlaced ? null : cause);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, submit };
}
