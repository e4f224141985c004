export { I18nProvider, useI18n, makeI18n, interpolate, readStoredLocale, LOCALE_STORAGE_KEY } from "./I18nProvider";
export { loadMessages, startPacks, packNames, packsOfPath } from "./packs";
export type { I18n, MessageParams } from "./I18nProvider";
export type { MessageKey } from "./messages";
export type { Locale } from "./format";
export * from "./labels";
