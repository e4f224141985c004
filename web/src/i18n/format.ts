/** Locale-aware formatting. Times are shown in Asia/Shanghai, whatever the browser's zone. */
export type Locale = "zh" | "en";

export const TIME_ZONE = "Asia/Shanghai";

const intlTags: Record<Locale, string> = { zh: "zh-CN", en: "en-US" };
/** Pinyin collation for Chinese; for English the plain English order. */
const collationTags: Record<Locale, string> = { zh: "zh-Hans-CN-u-co-pinyin", en: "en-US" };

export function intlTag(locale: Locale): string {
  return intlTags[locale];
}

const collators = new Map<Locale, Intl.Collator>();
export function collator(locale: Locale): Intl.Collator {
  let found = collators.get(locale);
  if (!found) {
    found = new Intl.Collator(collationTags[locale], { numeric: true, sensitivity: "base" });
    collators.set(locale, found);
  }
  return found;
}

export function compareText(locale: Locale, a: string, b: string): number {
  return collator(locale).compare(a, b);
}

export function sortByText<T>(locale: Locale, items: readonly T[], key: (item: T) => string): T[] {
  const c = collator(locale);
  return [...items].sort((a, b) => c.compare(key(a), key(b)));
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlTags[locale], options).format(value);
}

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(locale: Locale, value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(intlTags[locale], {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(date);
}

export function formatDate(locale: Locale, value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(intlTags[locale], { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}
