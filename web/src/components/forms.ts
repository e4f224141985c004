import type { FormInstance } from "antd";
import { ApiError } from "../api/client";

/**
 * Puts the server's field errors on the form's own fields (where the form has one of that name);
 * returns the errors that matched no field, for an ErrorAlert.
 */
export function applyFieldErrors<T extends object>(form: FormInstance<T>, error: unknown, names: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const known = new Set(names);
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const name = f.field.split(".")[0] ?? f.field;
    if (!known.has(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), f.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return true;
}

/** Reads an ability the server sent on an object; when it sent none, falls back to the caller's permission. */
export function allowed(abilities: Readonly<Record<string, boolean>> | undefined, key: string, fallback: boolean): boolean {
  if (abilities && Object.prototype.hasOwnProperty.call(abilities, key)) return abilities[key] === true;
  return fallback;
}
