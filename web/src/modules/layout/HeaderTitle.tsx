import { navigation } from "../../app/routes";
import { useLocation } from "../../app/router";
import { useI18n } from "../../i18n";

/** The header's title. A page's own title is in its module's messages, loaded with the page: until then the frame stays. */
export function HeaderTitle({ isMobile }: { isMobile: boolean }) {
  const i18n = useI18n();
  const location = useLocation();
  // A page opened from a menu entry may have a title of its own (the organisation list from 组织架构).
  const label = navigation.match(location.path)?.route.title ?? navigation.menuFor(location.path)?.menu.label;
  return label ? i18n.t(label) : isMobile ? i18n.t("app.shortTitle") : "";
}
