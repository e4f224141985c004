import type { NodeKind, RoleName } from "../../../shared/permissions";
import type { I18n } from "./I18nProvider";

export function kindLabel(i18n: I18n, kind: NodeKind): string {
  return i18n.t(`kind.${kind}`);
}

export function roleLabel(i18n: I18n, role: RoleName): string {
  return i18n.t(`role.${role}`);
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
