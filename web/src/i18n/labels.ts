import { figureGroupLabels, figureGroups as sharedFigureGroups, figureRegistry, isFigureKey, type FigureGroup as SharedFigureGroup, type Label } from "../../../shared/figures";
import type { NodeKind, RoleName } from "../../../shared/permissions";
import type { I18n } from "./I18nProvider";

export function kindLabel(i18n: I18n, kind: NodeKind): string {
  return i18n.t(`kind.${kind}`);
}

export function roleLabel(i18n: I18n, role: RoleName): string {
  return i18n.t(`role.${role}`);
}

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

/** An audit action's label ("auth.login" -> 登录); an action the dictionary does not know is shown as it is. */
export function actionLabel(i18n: I18n, action: string): string {
  return i18n.tMaybe(`action.${action}`) ?? action;
}

/** The posts people hold (persons.posts[].post) that the filters offer, in this order. */
export const knownPosts = ["grid_worker", "county_leader", "township_cadre", "reserve_cadre", "standing_committee", "village_secretary"] as const;

/** A post's label ("grid_worker" -> 专职网格员); a post the dictionary does not know is shown as it is. */
export function postLabel(i18n: I18n, post: string): string {
  return i18n.tMaybe(`post.${post}`) ?? post;
}

export function partyOrgKindLabel(i18n: I18n, kind: string): string {
  return i18n.tMaybe(`partyOrgs.kind.${kind}`) ?? kind;
}

export function unitKindLabel(i18n: I18n, kind: string): string {
  return i18n.tMaybe(`units.kind.${kind}`) ?? kind;
}
