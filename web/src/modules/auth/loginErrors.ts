import { ApiError } from "../../api/client";
import { describeError } from "../../components/errors";
import type { I18n } from "../../i18n";

export interface LoginProblem {
  kind: "wrongPassword" | "locked" | "disabled" | "other";
  text: string;
}

function lockedUntil(error: ApiError): Date | null {
  for (const key of ["lockedUntil", "until", "unlockAt"]) {
    const raw = error.details[key];
    if (typeof raw === "string" || typeof raw === "number") {
      const date = new Date(raw);
      if (!Number.isNaN(date.getTime())) return date;
    }
  }
  // An ISO time inside the message ("locked until 2026-01-01T08:00:00+08:00").
  const inMessage = error.message.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/);
  if (inMessage) {
    const date = new Date(inMessage[0]);
    if (!Number.isNaN(date.getTime())) return date;
  }
  if (error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) return new Date(Date.now() + error.retryAfterSeconds * 1000);
  return null;
}

function remainingAttempts(error: ApiError): number | null {
  for (const key of ["remainingAttempts", "attemptsLeft", "remaining"]) {
    const raw = error.details[key];
    if (typeof raw === "number" && Number.isFinite(raw)) return raw;
  }
  return null;
}

/**
 * What a failed sign-in means to the user. The server's codes are matched loosely: a code about
 * a lock (or HTTP 423) is a locked account, shown with its unlock time when the error carries
 * one (`lockedUntil`, a time in the message, or Retry-After); a disabled account says so; other
 * 400/401s are a wrong username or password.
 */
export function describeLoginError(i18n: I18n, error: unknown): LoginProblem {
  if (!(error instanceof ApiError)) return { kind: "other", text: describeError(i18n, error).summary };
  const code = error.code.toLowerCase();
  if (error.status === 423 || /lock/.test(code)) {
    const until = lockedUntil(error);
    return { kind: "locked", text: until ? i18n.t("login.lockedUntil", { time: i18n.dateTime(until) }) : i18n.t("login.locked") };
  }
  if (/disabled|inactive/.test(code)) return { kind: "disabled", text: i18n.t("login.disabled") };
  if (error.status === 401 || error.status === 400 || /credential|password|invalid/.test(code)) {
    if (error.fields.length > 0 && error.status === 400) {
      const d = describeError(i18n, error);
      return { kind: "other", text: [d.summary, ...error.fields.map((f) => `${f.field}: ${f.message}`)].join(" ") };
    }
    const remaining = remainingAttempts(error);
    return {
      kind: "wrongPassword",
      text: remaining !== null && remaining > 0 ? i18n.t("login.wrongPasswordRemaining", { count: remaining }) : i18n.t("login.wrongPassword"),
    };
  }
  const d = describeError(i18n, error);
  return { kind: "other", text: d.detail ? `${d.summary} ${d.detail}` : d.summary };
}
