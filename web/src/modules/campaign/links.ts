import { navigation } from "../../app/routes";

/**
 * The campaign API names the list behind each figure, rate and battle-map bar as an API address
 * ("/api/campaign/projects?campaign=1&level=topic"). The web app has a page at the same path
 * without "/api", reading the same query parameters, so the list a figure opens holds exactly the
 * records it counts.
 */

/** The hash route for an API address of the campaign module, or null when the app has no page for it. */
export function routeForApiHref(href: string): string | null {
  const match = /^\/api(\/campaign\/[a-z-]+(?:\/\d+)?)(\?.*)?$/.exec(href.trim());
  if (!match) return null;
  const [, path = "", query = ""] = match;
  return navigation.match(path)?.route.section === "campaign" ? `${path}${query}` : null;
}

/** A notification's link ("/campaign/projects/12"): a route of the app as it stands. */
export function routeForNotificationLink(link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith("/api/")) return routeForApiHref(link);
  return link.startsWith("/") && !link.startsWith("//") ? link : null;
}
