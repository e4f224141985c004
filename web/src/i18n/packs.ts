import type { Locale } from "./format";

/**
 * The messages are loaded in packs, one per messages file and language, when first needed: a grid
 * worker's phone should not download every module's strings in both languages before its first page.
 * `messages?pick=eventsZh` is a copy of the file for the bundler that exports only that object
 * (vite.config.ts, pickExport), so each language of each module is a chunk of its own.
 */
type Messages = Readonly<Record<string, string>>;
type Loader = () => Promise<Messages>;

/** A messages file's copy for one language, typed as the file (the bundler's `?pick=` import is untyped). */
const copy = <File>(load: Promise<unknown>) => load as Promise<File>;

export const packNames = [
  "shell",
  "audit",
  "bigscreen",
  "calendar",
  "campaign",
  "evaluation",
  "events",
  "field",
  "ledgers",
  "notifications",
  "pairing",
  "problems",
  "public",
  "security",
  "training",
  "workbench",
] as const;
export type Pack = (typeof packNames)[number];

const loaders: Record<Locale, Record<Pack, Loader>> = {
  zh: {
    shell: () => copy<typeof import("./messages")>(import("./messages?pick=shellZh")).then(({ shellZh }) => shellZh),
    audit: () => copy<typeof import("./audit-actions")>(import("./audit-actions?pick=auditActionsZh")).then(({ auditActionsZh }) => auditActionsZh),
    bigscreen: () => copy<typeof import("../modules/bigscreen/messages")>(import("../modules/bigscreen/messages?pick=bigscreenZh")).then(({ bigscreenZh }) => bigscreenZh),
    calendar: () => copy<typeof import("../modules/calendar/messages")>(import("../modules/calendar/messages?pick=calendarZh")).then(({ calendarZh }) => calendarZh),
    campaign: () => copy<typeof import("../modules/campaign/messages")>(import("../modules/campaign/messages?pick=campaignZh")).then(({ campaignZh }) => campaignZh),
    evaluation: () => copy<typeof import("../modules/evaluation/messages")>(import("../modules/evaluation/messages?pick=evaluationZh")).then(({ evaluationZh }) => evaluationZh),
    events: () => copy<typeof import("../modules/events/messages")>(import("../modules/events/messages?pick=eventsZh")).then(({ eventsZh }) => eventsZh),
    field: () => copy<typeof import("../modules/field/messages")>(import("../modules/field/messages?pick=fieldZh")).then(({ fieldZh }) => fieldZh),
    ledgers: () => copy<typeof import("../modules/ledgers/messages")>(import("../modules/ledgers/messages?pick=ledgersZh")).then(({ ledgersZh }) => ledgersZh),
    notifications: () => copy<typeof import("../modules/notifications/messages")>(import("../modules/notifications/messages?pick=notificationsZh")).then(({ notificationsZh }) => notificationsZh),
    pairing: () => copy<typeof import("../modules/pairing/messages")>(import("../modules/pairing/messages?pick=pairingZh")).then(({ pairingZh }) => pairingZh),
    problems: () => copy<typeof import("../modules/problems/messages")>(import("../modules/problems/messages?pick=problemsZh")).then(({ problemsZh }) => problemsZh),
    public: () => copy<typeof import("../modules/public/messages")>(import("../modules/public/messages?pick=publicZh")).then(({ publicZh }) => publicZh),
    security: () => copy<typeof import("../modules/security/messages")>(import("../modules/security/messages?pick=securityZh")).then(({ securityZh }) => securityZh),
    training: () => copy<typeof import("../modules/training/messages")>(import("../modules/training/messages?pick=trainingZh")).then(({ trainingZh }) => trainingZh),
    workbench: () => copy<typeof import("../modules/workbench/messages")>(import("../modules/workbench/messages?pick=workbenchZh")).then(({ workbenchZh }) => workbenchZh),
  },
  en: {
    shell: () => copy<typeof import("./messages")>(import("./messages?pick=shellEn")).then(({ shellEn }) => shellEn),
    audit: () => copy<typeof import("./audit-actions")>(import("./audit-actions?pick=auditActionsEn")).then(({ auditActionsEn }) => auditActionsEn),
    bigscreen: () => copy<typeof import("../modules/bigscreen/messages")>(import("../modules/bigscreen/messages?pick=bigscreenEn")).then(({ bigscreenEn }) => bigscreenEn),
    calendar: () => copy<typeof import("../modules/calendar/messages")>(import("../modules/calendar/messages?pick=calendarEn")).then(({ calendarEn }) => calendarEn),
    campaign: () => copy<typeof import("../modules/campaign/messages")>(import("../modules/campaign/messages?pick=campaignEn")).then(({ campaignEn }) => campaignEn),
    evaluation: () => copy<typeof import("../modules/evaluation/messages")>(import("../modules/evaluation/messages?pick=evaluationEn")).then(({ evaluationEn }) => evaluationEn),
    events: () => copy<typeof import("../modules/events/messages")>(import("../modules/events/messages?pick=eventsEn")).then(({ eventsEn }) => eventsEn),
    field: () => copy<typeof import("../modules/field/messages")>(import("../modules/field/messages?pick=fieldEn")).then(({ fieldEn }) => fieldEn),
    ledgers: () => copy<typeof import("../modules/ledgers/messages")>(import("../modules/ledgers/messages?pick=ledgersEn")).then(({ ledgersEn }) => ledgersEn),
    notifications: () => copy<typeof import("../modules/notifications/messages")>(import("../modules/notifications/messages?pick=notificationsEn")).then(({ notificationsEn }) => notificationsEn),
    pairing: () => copy<typeof import("../modules/pairing/messages")>(import("../modules/pairing/messages?pick=pairingEn")).then(({ pairingEn }) => pairingEn),
    problems: () => copy<typeof import("../modules/problems/messages")>(import("../modules/problems/messages?pick=problemsEn")).then(({ problemsEn }) => problemsEn),
    public: () => copy<typeof import("../modules/public/messages")>(import("../modules/public/messages?pick=publicEn")).then(({ publicEn }) => publicEn),
    security: () => copy<typeof import("../modules/security/messages")>(import("../modules/security/messages?pick=securityEn")).then(({ securityEn }) => securityEn),
    training: () => copy<typeof import("../modules/training/messages")>(import("../modules/training/messages?pick=trainingEn")).then(({ trainingEn }) => trainingEn),
    workbench: () => copy<typeof import("../modules/workbench/messages")>(import("../modules/workbench/messages?pick=workbenchEn")).then(({ workbenchEn }) => workbenchEn),
  },
};

/** What the app needs before its first screen: the frame, the bell and the phone's tab bar. */
export const startPacks: readonly Pack[] = ["shell", "notifications", "field"];

/**
 * The packs that hold the keys of a prefix, besides the shell (always loaded). A key's first word
 * names its pack; a few files hold keys of a word of another (i18n/packs.test.ts checks every key).
 */
export const prefixPacks: Readonly<Record<string, readonly Pack[]>> = {
  accounts: ["security"],
  action: ["audit", "security"],
  bigscreen: ["bigscreen"],
  cadres: ["training"],
  calendar: ["calendar"],
  campaign: ["campaign"],
  evaluation: ["evaluation"],
  events: ["events"],
  export: ["workbench"],
  field: ["field"],
  figures: ["problems"],
  ledgers: ["ledgers"],
  map: ["field"],
  notify: ["notifications"],
  pairing: ["pairing"],
  password: ["security"],
  print: ["workbench"],
  problems: ["problems"],
  public: ["public"],
  security: ["security"],
  service: ["pairing"],
  training: ["training"],
  trend: ["bigscreen"],
  workbench: ["workbench"],
};

/** The packs of a page's section, from its path's first word ("/events/12" -> events); the home page shows the workbench. */
export function packsOfPath(path: string): readonly Pack[] {
  const word = path.split("/")[1] ?? "";
  return word === "" ? ["workbench"] : (prefixPacks[word] ?? []);
}

const dictionaries: Record<Locale, Record<string, string>> = { zh: {}, en: {} };
const loaded: Record<Locale, Set<Pack>> = { zh: new Set(), en: new Set() };
const loading = new Map<string, Promise<void>>();
/** Packs whose last load failed: asking for one of their keys again is an error (the page offers a reload), not a loop of retries. */
const failed = new Map<string, unknown>();

/** Loads the packs in one language (each once); a failed load (offline, nothing cached) is tried again next time. */
export function loadMessages(locale: Locale, packs: readonly Pack[]): Promise<void> {
  return Promise.all(
    packs.map((pack) => {
      const id = `${locale}:${pack}`;
      let promise = loading.get(id);
      if (!promise) {
        failed.delete(id);
        promise = loaders[locale][pack]().then(
          (messages) => {
            Object.assign(dictionaries[locale], messages);
            loaded[locale].add(pack);
          },
          (error: unknown) => {
            loading.delete(id);
            failed.set(id, error);
            throw error;
          },
        );
        loading.set(id, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

export function loadedPacks(locale: Locale): Pack[] {
  return [...loaded[locale]];
}

/**
 * A key's message; else a promise of the packs that may hold it (for Suspense); else null (no such
 * message). Throws the error of a pack that could not be loaded.
 */
export function lookup(locale: Locale, key: string): string | Promise<void> | null {
  if (Object.hasOwn(dictionaries[locale], key)) return dictionaries[locale][key]!;
  const missing = (prefixPacks[key.slice(0, key.indexOf("."))] ?? []).filter((pack) => !loaded[locale].has(pack));
  if (!loaded[locale].has("shell")) missing.push("shell");
  for (const pack of missing) if (failed.has(`${locale}:${pack}`)) throw failed.get(`${locale}:${pack}`);
  return missing.length > 0 ? loadMessages(locale, missing) : null;
}
