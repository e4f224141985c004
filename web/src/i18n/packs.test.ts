import { describe, expect, it } from "vitest";
import { auditActionsEn, auditActionsZh } from "./audit-actions";
import { en, shellEn, shellZh, zh } from "./messages";
import { loadedPacks, lookup, packNames, prefixPacks, type Pack } from "./packs";
import { bigscreenEn, bigscreenZh } from "../modules/bigscreen/messages";
import { calendarEn, calendarZh } from "../modules/calendar/messages";
import { campaignEn, campaignZh } from "../modules/campaign/messages";
import { evaluationEn, evaluationZh } from "../modules/evaluation/messages";
import { eventsEn, eventsZh } from "../modules/events/messages";
import { fieldEn, fieldZh } from "../modules/field/messages";
import { ledgersEn, ledgersZh } from "../modules/ledgers/messages";
import { notificationsEn, notificationsZh } from "../modules/notifications/messages";
import { pairingEn, pairingZh } from "../modules/pairing/messages";
import { problemsEn, problemsZh } from "../modules/problems/messages";
import { publicEn, publicZh } from "../modules/public/messages";
import { securityEn, securityZh } from "../modules/security/messages";
import { trainingEn, trainingZh } from "../modules/training/messages";
import { workbenchEn, workbenchZh } from "../modules/workbench/messages";

/** Each pack's messages as its file holds them. */
const files: Record<Pack, { zh: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> }> = {
  shell: { zh: shellZh, en: shellEn },
  audit: { zh: auditActionsZh, en: auditActionsEn },
  bigscreen: { zh: bigscreenZh, en: bigscreenEn },
  calendar: { zh: calendarZh, en: calendarEn },
  campaign: { zh: campaignZh, en: campaignEn },
  evaluation: { zh: evaluationZh, en: evaluationEn },
  events: { zh: eventsZh, en: eventsEn },
  field: { zh: fieldZh, en: fieldEn },
  ledgers: { zh: ledgersZh, en: ledgersEn },
  notifications: { zh: notificationsZh, en: notificationsEn },
  pairing: { zh: pairingZh, en: pairingEn },
  problems: { zh: problemsZh, en: problemsEn },
  public: { zh: publicZh, en: publicEn },
  security: { zh: securityZh, en: securityEn },
  training: { zh: trainingZh, en: trainingEn },
  workbench: { zh: workbenchZh, en: workbenchEn },
};

describe("message packs", () => {
  it("are loaded whole in both languages (the setup loads every pack, as if every page had been opened)", () => {
    for (const locale of ["zh", "en"] as const) {
      expect(loadedPacks(locale).sort()).toEqual([...packNames].sort());
      for (const pack of packNames) {
        for (const [key, text] of Object.entries(files[pack][locale])) expect(lookup(locale, key), `${locale} ${pack} ${key}`).toBe(text);
      }
    }
  });

  it("hold every message of the app: a messages file merged into i18n/messages.ts without a pack would show its keys", () => {
    for (const [key, text] of Object.entries(zh)) expect(lookup("zh", key), key).toBe(text);
    for (const [key, text] of Object.entries(en)) expect(lookup("en", key), key).toBe(text);
  });

  it("are found from a key: a module's key names its pack by its first word, so a page asking for it waits for that pack", () => {
    for (const pack of packNames) {
      if (pack === "shell") continue;
      for (const key of Object.keys(files[pack].zh)) {
        if (Object.hasOwn(shellZh, key)) continue;
        const holders = (prefixPacks[key.slice(0, key.indexOf("."))] ?? []).filter((holder) => Object.hasOwn(files[holder].zh, key));
        expect(holders, `${key} of ${pack}`).not.toEqual([]);
      }
    }
  });

  it("answer a key no pack holds with null, so that it is shown as it is", () => {
    expect(lookup("zh", "events.noSuchMessage")).toBeNull();
    expect(lookup("en", "someModule.newFigure")).toBeNull();
  });
});
