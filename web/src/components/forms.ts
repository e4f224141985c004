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
  const byField = serverFieldErrors(error, names, i18n);
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return true;
}

/** The server's field errors by the form's field name (those the form has), in the UI language when an i18n is given. */
export function serverFieldErrors(error: unknown, names: readonly string[], i18n?: Pick<I18n, "locale">): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return byField;
  const known = new Set(names);
  for (const f of error.fields) {
    const name = f.field.split(".")[0] ?? f.field;
    if (!known.has(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), i18n ? pickLanguage(i18n.locale, f.message) : f.message]);
  }
  return byField;
}

/** Whether every field error of a refused request (400) has its field on the form, so no alert need repeat them. */
function allPlaced(error: unknown, names: readonly string[]): boolean {
  return error instanceof ApiError && error.status === 400 && error.fields.every((f) => names.includes(f.field.split(".")[0] ?? f.field));
}

/**
 * The submit of a light form (components/light) that calls the server: the server's field errors come
 * back by field name, to show under the fields; the alert (error) shows only what no field can show.
 */
export function useFieldSubmit(names: readonly string[], i18n?: Pick<I18n, "locale">) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Map<string, string[]>>(new Map());
  const submit = async (action: () => Promise<void>) => {
    setSaving(true);
    setError(null);
    setFieldErrors(new Map());
    try {
      await action();
    } catch (cause) {
      const placed = serverFieldErrors(cause, names, i18n);
      setFieldErrors(placed);
      setError(placed.size > 0 && allPlaced(cause, names) ? null : cause);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, fieldErrors, submit };
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
      setError(applied && allPlaced(cause, names) ? null : cause);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, submit };
}
