import type { ComponentType, ReactNode } from "react";
import type { Permission } from "../../../shared/permissions";
import type { MessageKey } from "../i18n";

/**
 * The shape of the web app's route table (app/routes.tsx) and what the router, the menu and the
 * section tabs ask of it. A page's path, permission, menu entry and tab are written once, there.
 */

/** "/problems/:id" → { id: number }: every path parameter is a record's id, a positive integer. */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { readonly [K in Name]: number } & ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { readonly [K in Name]: number }
    : Record<never, never>;

export type RouteParams = Readonly<Record<string, number>>;

export interface MenuEntry {
  label: MessageKey;
  icon: ReactNode;
  /** Place in the side menu, lowest first. */
  order: number;
}

export interface TabEntry {
  label: MessageKey;
  /** Place among the section's tabs, lowest first. */
  order: number;
  /** The tab's test id is `${section}-tab-${id}`. */
  id: string;
}

export interface SectionDef {
  /** The section's first page: its menu entry, and where its "not found" page leads back to. */
  root: string;
  /** Every page of the section needs one of these as well as its own. */
  anyOf: readonly Permission[];
  /** A frame of the section's own around its pages (it shows the tabs); without one, just the tabs. */
  layout?: ComponentType<{ children: ReactNode }>;
}

export interface RouteDef<S extends string = string> {
  /** "/problems/:id"; a trailing "/*" takes the path and everything under it. */
  path: string;
  render: (params: RouteParams) => ReactNode;
  /** The caller needs one of these; an empty list means anyone signed in. */
  anyOf: readonly Permission[];
  section?: S;
  menu?: MenuEntry;
  tab?: TabEntry;
  /** The page (with a menu entry or a tab) this one is opened from: a record from its list. */
  under?: string;
  /** The header's title when it is not the menu entry's label. */
  title?: MessageKey;
  /** Open without signing in (the residents' side). */
  public?: boolean;
  /** Shown without the app's frame (menu, header): the big screen on a wall. */
  bare?: boolean;
  /**
   * Built on the light kit (components/light), no antd: on a phone, for those who report from the
   * field, it opens in the light phone frame, so the phone loads no UI library (bench/web-js.ts).
   */
  phone?: boolean;
}

export type PageSpec<P extends string, S extends string> = Omit<RouteDef<S>, "path" | "render" | "anyOf"> & { anyOf?: readonly Permission[] } & (
    | { page: ComponentType; render?: never }
    | { render: (params: ParamsOf<P>) => ReactNode; page?: never }
  );

/** One line of the route table: a page without props, or a render of the path's parameters. */
export function page<S extends string, P extends string = string>(path: P, spec: PageSpec<P, S>): RouteDef<S> {
  const { page: Page, render, anyOf = [], ...rest } = spec;
  const draw = Page ? () => <Page /> : (params: RouteParams) => (render as (params: ParamsOf<P>) => ReactNode)(params as ParamsOf<P>);
  return { ...rest, path, anyOf, render: draw };
}

export interface RouteTable<S extends string> {
  sections: Readonly<Record<S, SectionDef>>;
  routes: readonly RouteDef<S>[];
}

export type Resolved<S extends string> =
  | { kind: "page"; route: RouteDef<S>; params: RouteParams }
  /** `section` only when the caller may open the section, so its frame is shown around the refusal. */
  | { kind: "forbidden"; route: RouteDef<S> | null; section?: S }
  | { kind: "notFound"; section?: S };

type Can = (permission: Permission) => boolean;
export type WithMenu<S extends string> = RouteDef<S> & { menu: MenuEntry };
export type WithTab<S extends string> = RouteDef<S> & { tab: TabEntry; section: S };

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** The path's parameters when it matches the pattern; a parameter that is not a positive integer does not match. */
export function matchPattern(pattern: string, path: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(path);
  const wildcard = want[want.length - 1] === "*";
  if (wildcard) want.pop();
  if (wildcard ? have.length < want.length : have.length !== want.length) return null;
  const params: Record<string, number> = {};
  for (const [i, expected] of want.entries()) {
    const actual = have[i] as string;
    if (expected.startsWith(":")) {
      const n = /^[1-9]\d{0,15}$/.test(actual) ? Number(actual) : NaN;
      if (!Number.isSafeInteger(n)) return null;
      params[expected.slice(1)] = n;
    } else if (expected !== decoded(actual)) return null;
  }
  return params;
}

/** How specific a pattern is: a fixed segment beats a parameter ("/problems/new" before "/problems/:id"), and both beat "*". */
function rank(pattern: string): number {
  return segments(pattern).reduce((sum, part) => sum + (part === "*" ? 0 : part.startsWith(":") ? 1 : 2), 0);
}

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function createNavigation<S extends string>(table: RouteTable<S>) {
  const { sections, routes } = table;
  const byPath = new Map(routes.map((route) => [route.path, route]));
  const ordered = [...routes].sort((a, b) => rank(b.path) - rank(a.path));
  const sectionNames = Object.keys(sections) as S[];

  const match = (path: string): { route: RouteDef<S>; params: RouteParams } | null => {
    for (const route of ordered) {
      const params = matchPattern(route.path, path);
      if (params) return { route, params };
    }
    return null;
  };

  /** The section a path lies in, matched or not ("/problems/xyz" lies in problems). */
  const sectionAt = (path: string): S | undefined => {
    const first = segments(path)[0];
    return sectionNames.find((name) => segments(sections[name].root)[0] === first);
  };

  const holdsAny = (anyOf: readonly Permission[], can: Can) => anyOf.length === 0 || anyOf.some(can);
  const sectionAllowed = (section: S | undefined, can: Can) => section === undefined || holdsAny(sections[section].anyOf, can);
  const allowed = (route: RouteDef<S>, can: Can) => sectionAllowed(route.section, can) && holdsAny(route.anyOf, can);

  const resolve = (path: string, can: Can): Resolved<S> => {
    const found = match(path);
    const section = found?.route.section ?? sectionAt(path);
    if (!sectionAllowed(section, can)) return { kind: "forbidden", route: found?.route ?? null };
    if (!found) return { kind: "notFound", section };
    if (!allowed(found.route, can)) return { kind: "forbidden", route: found.route, section };
    return { kind: "page", route: found.route, params: found.params };
  };

  const hasMenu = (route: RouteDef<S>): route is WithMenu<S> => route.menu !== undefined;
  const hasTab = (route: RouteDef<S>): route is WithTab<S> => route.tab !== undefined && route.section !== undefined;

  /** Follows `under` (then the section's root) up to the first page that has what `has` asks for. */
  const climb = <R extends RouteDef<S>>(start: RouteDef<S> | undefined, has: (route: RouteDef<S>) => route is R): R | undefined => {
    const seen = new Set<string>();
    for (let route = start; route && !seen.has(route.path); ) {
      if (has(route)) return route;
      seen.add(route.path);
      route = byPath.get(route.under ?? (route.section ? sections[route.section].root : ""));
    }
    return undefined;
  };

  /** Where a path starts climbing: its own page, else its section's root, else the page of its first segment. */
  const startAt = (path: string): RouteDef<S> | undefined => {
    const section = sectionAt(path);
    return match(path)?.route ?? (section ? byPath.get(sections[section].root) : byPath.get(`/${segments(path)[0] ?? ""}`));
  };

  return {
    sections,
    routes,
    match,
    resolve,
    allowed,
    sectionAt,
    route: (path: string) => byPath.get(path),
    /** The side menu: the entries the caller may open, in order. */
    menu: (can: Can): WithMenu<S>[] => routes.filter(hasMenu).filter((route) => allowed(route, can)).sort((a, b) => a.menu.order - b.menu.order),
    /** The menu entry a path belongs to: "/orgs/12" and "/nodes" belong to 组织架构. */
    menuFor: (path: string): WithMenu<S> | undefined => climb(startAt(path), hasMenu),
    /** A section's tabs the caller may open, in order. */
    tabs: (section: S, can: Can): WithTab<S>[] =>
      routes.filter(hasTab).filter((route) => route.section === section && allowed(route, can)).sort((a, b) => a.tab.order - b.tab.order),
    /** The tab a path belongs to: a record's page to the tab of its list. */
    tabFor: (path: string): WithTab<S> | undefined => climb(startAt(path), hasTab),
  };
}

export type Navigation<S extends string> = ReturnType<typeof createNavigation<S>>;
