import { ApiError } from "../api/client";
import type { I18n, MessageKey } from "../i18n";

export interface DescribedError {
  /** A short sentence in the UI language. */
  summary: string;
  /** The server's own message when it adds something to the summary. */
  detail: string | null;
  fields: { field: string; message: string }[];
  status: number;
  isConflict: boolean;
}

function summaryKey(error: ApiError): MessageKey {
  if (error.status === 0) return "error.network";
  if (error.code === "bad_response") return "error.badResponse";
  switch (error.status) {
    case 400:
    case 422:
      return "error.validation";
    case 401:
      return "error.unauthorized";
    case 403:
      return "error.forbidden";
    case 404:
      return "error.notFound";
    case 409:
      return /version/i.test(error.code) ? "error.conflict" : "error.transition";
    case 429:
      return "error.tooMany";
    default:
      return error.status >= 500 ? "error.server" : "error.title";
  }
}

const han = /[\u3400-\u9fff]/;

/**
 * The server writes messages as "中文 (English)"; show the half in the UI language.
 * A message in any other shape is shown as it is.
 */
export function pickLanguage(locale: I18n["locale"], message: string): string {
  const match = /^([\s\S]*\S)\s*\(([^()]*)\)\s*$/.exec(message);
  if (!match) return message;
  const [, chinese = "", english = ""] = match;
  if (!han.test(chinese) || han.test(english) || !english.trim()) return message;
  return locale === "zh" ? chinese : english.trim();
}

export function describeError(i18n: I18n, error: unknown): DescribedError {
  if (error instanceof ApiError) {
    const summary = i18n.t(summaryKey(error));
    const serverMessage = pickLanguage(i18n.locale, error.message.trim());
    const detail = serverMessage && serverMessage !== summary && !/^HTTP \d+$/.test(serverMessage) ? serverMessage : null;
    const fields = error.fields.map((f) => ({ field: f.field, message: pickLanguage(i18n.locale, f.message) }));
    return { summary, detail, fields, status: error.status, isConflict: error.status === 409 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { summary: i18n.t("error.title"), detail: message || null, fields: [], status: 0, isConflict: false };
}

/** One line for a toast: the summary and, when there is one, the server's message. */
export function errorText(i18n: I18n, error: unknown): string {
  const described = describeError(i18n, error);
  return described.detail ? `${described.summary} ${described.detail}` : described.summary;
}
