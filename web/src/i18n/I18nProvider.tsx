import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setApiLanguage } from "../api/client";
import { compareText, formatDate, formatDateTime, formatNumber, intlTag, type Locale } from "./format";
import type { MessageKey } from "./messages";
import { loadedPacks, loadMessages, lookup } from "./packs";

export const LOCALE_STORAGE_KEY = "zhili.locale";

export type MessageParams = Readonly<Record<string, string | number>>;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** Looks a key up in the current dictionary and fills `{name}` placeholders. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** Like `t` for keys built at run time (figure keys, audit actions): null when there is none. */
  tMaybe: (key: string, params?: MessageParams) => string | null;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  dateTime: (value: string | number | Date | null | undefined) => string;
  date: (value: string | number | Date | null | undefined) => string;
  compare: (a: string, b: string) => number;
}

export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (stored === "zh" || stored === "en") return stored;
  } catch {
    // storage can be unavailable (private mode); fall back to Chinese
  }
  return "zh";
}

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * A message in a pack not loaded yet suspends the component asking (React Suspense shows the nearest
 * fallback and renders again once the pack is in); a key no pack holds is shown as it is.
 */
function message(locale: Locale, key: string): string | null {
  const found = lookup(locale, key);
  if (found instanceof Promise) throw found;
  return found;
}

export function makeI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  return {
    locale,
    setLocale,
    t: (key, params) => interpolate(message(locale, key) ?? key, params),
    tMaybe: (key, params) => {
      const found = message(locale, key);
      return found === null ? null : interpolate(found, params);
    },
    number: (value, options) => formatNumber(locale, value, options),
    dateTime: (value) => formatDateTime(locale, value),
    date: (value) => formatDate(locale, value),
    compare: (a, b) => compareText(locale, a, b),
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());
  const setLocale = useCallback((next: Locale) => {
    // The other language of every pack shown so far first, so that the switch does not suspend the page.
    const switchTo = () => setLocaleState(next);
    void loadMessages(next, loadedPacks(next === "zh" ? "en" : "zh")).then(switchTo, switchTo);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still works for this page
    }
  }, []);

  // Set synchronously so that the first requests already carry the right Accept-Language, and
  // antd's date pickers (which format with dayjs) name months and weekdays in the UI language.
  setApiLanguage(intlTag(locale));
  dayjs.locale(locale === "zh" ? "zh-cn" : "en");
  useEffect(() => {
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
    const title = lookup(locale, "app.title");
    if (typeof title === "string") document.title = title;
  }, [locale]);

  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
