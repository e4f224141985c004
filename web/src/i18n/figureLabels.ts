import { figureGroupLabels, figureGroups as sharedFigureGroups, figureRegistry, isFigureKey, type FigureGroup as SharedFigureGroup, type Label } from "../../../shared/figures";
import type { I18n } from "./I18nProvider";

/*
 * The figures' labels (from the registry, shared/figures.ts) live apart from i18n/index: only pages that
 * show figures load the registry, not the app's entry.
 */

/** A figure's group in the registry (shared/figures.ts); a key the registry does not know is "other". */
export type FigureGroup = SharedFigureGroup | "other";
export const figureGroups = sharedFigureGroups;

export function figureGroup(key: string): FigureGroup {
  return isFigureKey(key) ? figureRegistry[key].group : "other";
}

function inLanguage(i18n: I18n, label: Label): string {
  return i18n.locale === "en" ? label.en : label.zh;
}

export function figureGroupLabel(i18n: I18n, group: FigureGroup): string {
  return group === "other" ? i18n.t("figures.group.other") : inLanguage(i18n, figureGroupLabels[group]);
}

/** A figure's label in the UI language, from the registry; a key it does not know is shown as it is. */
export function figureLabel(i18n: I18n, key: string): string {
  return isFigureKey(key) ? inLanguage(i18n, figureRegistry[key].label) : key;
}

/** The unit shown after a figure's value: yuan, hours and percent; counts have none. */
export function figureUnit(i18n: I18n, key: string): string | undefined {
  if (!isFigureKey(key)) return undefined;
  switch (figureRegistry[key].unit) {
    case "yuan":
      return i18n.t("figures.unit.yuan");
    case "hours":
      return i18n.t("figures.unit.hours");
    case "percent":
      return "%";
    default:
      return undefined;
  }
}
