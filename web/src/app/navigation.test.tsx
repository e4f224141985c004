import { describe, expect, it } from "vitest";
import { roleNames, roles, systemRoles, type Permission, type RoleName } from "../../../shared/permissions";
import { createNavigation, matchPattern, page } from "./navigation";
import { navigation } from "./routes";
import { figureDrill, figureKeys } from "../../../shared/figures";

const none = () => false;
const only =
  (...held: Permission[]) =>
  (p: Permission) =>
    held.includes(p);
/** A path the pattern matches: every id 7, "*" as nothing. */
const example = (pattern: string) => pattern.replace(/:[a-zA-Z]+/g, "7").replace(/\/\*$/, "") || "/";

describe("the route table", () => {
  it("has a page for every figure's drill-down in the figure registry", () => {
    const missing = figureKeys
      .map((key) => ({ key, page: figureDrill(key, { id: 7, kind: "city" })?.page }))
      .filter((drill): drill is { key: (typeof figureKeys)[number]; page: string } => drill.page !== undefined)
      .filter((drill) => !navigation.match(drill.page.split("?")[0]!))
      .map((drill) => `${drill.key} → ${drill.page}`);
    expect(missing).toEqual([]);
  });

  it("resolves every menu entry, tab and 'opened from' to a page of the table", () => {
    const paths = new Set(navigation.routes.map((route) => route.path));
    expect(paths.size).toBe(navigation.routes.length);
    for (const route of navigation.routes) {
      if (route.under) expect(paths, `${route.path} is opened from ${route.under}`).toContain(route.under);
      if (route.menu || route.tab) expect(navigation.match(route.path)?.route).toBe(route);
      if (route.tab) expect(route.section, `${route.path} has a tab but no section`).toBeDefined();
    }
    for (const [name, section] of Object.entries(navigation.sections)) {
      const root = navigation.route(section.root);
      expect(root?.section, `the root of ${name}`).toBe(name);
      expect(root?.menu, `the root of ${name} is in the menu`).toBeDefined();
      expect(root?.tab, `the root of ${name} is a tab`).toBeDefined();
    }
  });

  it("gives every page a menu entry to light up, and every page of a section a tab", () => {
    for (const route of navigation.routes.filter((r) => !r.public)) {
      expect(navigation.menuFor(example(route.path)), route.path).toBeDefined();
      if (route.section) expect(navigation.tabFor(example(route.path))?.section, route.path).toBe(route.section);
    }
    expect(navigation.menuFor("/orgs/12")?.path).toBe("/orgs");
    expect(navigation.menuFor("/nodes")?.path).toBe("/orgs");
    expect(navigation.menuFor("/campaign/projects/3")?.path).toBe("/campaign");
    expect(navigation.tabFor("/campaign/projects/3")?.path).toBe("/campaign/projects");
    expect(navigation.tabFor("/campaign/claims/3")?.path).toBe("/campaign/board");
    expect(navigation.tabFor("/campaign/measures")?.path).toBe("/campaign");
    expect(navigation.tabFor("/problems/new")?.path).toBe("/problems");
    expect(navigation.tabFor("/problems/lists/4")?.path).toBe("/problems/lists");
    expect(navigation.tabFor("/events/12")?.path).toBe("/events");
    // A path of a section that matches no page still belongs to the section.
    expect(navigation.tabFor("/problems/nothing/here")?.path).toBe("/problems");
  });

  it("guards every page with the permissions the table gives it (and its section's)", () => {
    for (const route of navigation.routes.filter((r) => !r.public)) {
      const path = example(route.path);
      const sectionNeeds = route.section ? navigation.sections[route.section].anyOf : [];
      expect(navigation.resolve(path, only(...sectionNeeds, ...route.anyOf)).kind, path).toBe("page");
      if (route.anyOf.length > 0) expect(navigation.resolve(path, only(...sectionNeeds)).kind, `${path} without its own permission`).toBe("forbidden");
      if (sectionNeeds.length > 0) expect(navigation.resolve(path, only(...route.anyOf)).kind, `${path} without its section's`).toBe("forbidden");
      if (route.anyOf.length === 0 && sectionNeeds.length === 0) expect(navigation.resolve(path, none).kind, path).toBe("page");
    }
    // As a user meets it: reading problems is not enough to report one or to import.
    expect(navigation.resolve("/problems/new", only("problem.read")).kind).toBe("forbidden");
    expect(navigation.resolve("/problems/import", only("problem.read")).kind).toBe("forbidden");
    expect(navigation.resolve("/problems/new", only("problem.read", "problem.report")).kind).toBe("page");
    expect(navigation.resolve("/problems/new", only("problem.report")).kind).toBe("forbidden");
    expect(navigation.resolve("/accounts", only("role.read")).kind).toBe("page");
    expect(navigation.resolve("/password", none).kind).toBe("page");
  });

  it("shows a refused page inside its section's frame only when the section itself is open to the caller", () => {
    expect(navigation.resolve("/problems/supervision", only("problem.read"))).toMatchObject({ kind: "forbidden", section: "problems" });
    const outside = navigation.resolve("/problems/supervision", only("event.read"));
    expect(outside.kind).toBe("forbidden");
    expect("section" in outside ? outside.section : undefined).toBeUndefined();
    expect(navigation.resolve("/problems/0", only("problem.read"))).toEqual({ kind: "notFound", section: "problems" });
    expect(navigation.resolve("/orgs/abc", only("org.read"))).toEqual({ kind: "notFound", section: undefined });
  });

  it("lists the menu and the tabs a caller may open, in the table's order", () => {
    const cadre = only("figures.read", "org.read", "person.read", "problem.read", "problem.report", "event.read");
    expect(navigation.menu(cadre).map((entry) => entry.path)).toEqual(["/", "/bigscreen", "/orgs", "/people", "/households", "/departments", "/units", "/party-orgs", "/problems", "/events", "/my-service", "/notifications", "/password"]);
    expect(navigation.tabs("problems", cadre).map((tab) => tab.tab.id)).toEqual(["overview", "list", "clues", "stats", "lists", "common", "negative", "import"]);
    expect(navigation.tabs("events", cadre).map((tab) => tab.tab.id)).toEqual(["list", "map", "stats", "departments"]);
    expect(navigation.tabs("campaign", cadre)).toEqual([]);
  });

  it("offers 我的服务 to every role a party member may hold and to none of the three system roles", () => {
    const menuOf = (role: RoleName) => navigation.menu(only(...roles[role].permissions)).map((entry) => entry.path);
    for (const role of roleNames) expect([role, menuOf(role).includes("/my-service")]).toEqual([role, !systemRoles.includes(role)]);
    expect(navigation.resolve("/my-service", only(...roles.audit_admin.permissions)).kind).toBe("forbidden");
  });

  it("has the residents' side open without signing in, and nothing else", () => {
    expect(navigation.match("/public/hejin/lists/3")?.route.public).toBe(true);
    expect(navigation.match("/public")?.route.public).toBe(true);
    expect(navigation.routes.filter((route) => route.public).map((route) => route.path)).toEqual(["/public/*"]);
  });
});

describe("a table of one's own", () => {
  const Page = () => null;
  const table = createNavigation<"s">({
    sections: { s: { root: "/s", anyOf: ["problem.read"] } },
    routes: [
      page("/s", { page: Page, section: "s", menu: { label: "nav.problems", icon: null, order: 2 }, tab: { label: "problems.nav.problems", order: 1, id: "list" } }),
      page("/s/new", { page: Page, section: "s", anyOf: ["problem.report"], under: "/s" }),
      page("/s/:id", { render: ({ id }) => String(id), section: "s", under: "/s" }),
      page("/x", { page: Page, anyOf: ["audit.read"], menu: { label: "nav.audit", icon: null, order: 1 } }),
    ],
  });

  it("takes the guard, the menu and the tabs from the lines written, nothing else", () => {
    expect(table.resolve("/s/new", only("problem.read")).kind).toBe("forbidden");
    expect(table.resolve("/s/new", only("problem.read", "problem.report")).kind).toBe("page");
    expect(table.resolve("/x", only("problem.read")).kind).toBe("forbidden");
    expect(table.menu(only("problem.read", "audit.read")).map((r) => r.path)).toEqual(["/x", "/s"]);
    expect(table.tabFor("/s/9")?.path).toBe("/s");
  });

  it("prefers a fixed segment to a parameter, and passes ids as numbers", () => {
    expect(table.match("/s/new")?.route.path).toBe("/s/new");
    const found = table.resolve("/s/42", only("problem.read"));
    expect(found.kind === "page" ? found.route.render(found.params) : null).toBe("42");
  });
});

describe("path patterns", () => {
  it("takes ids that are positive integers only", () => {
    expect(matchPattern("/p/:id", "/p/12")).toEqual({ id: 12 });
    expect(matchPattern("/p/:id", "/p/0")).toBeNull();
    expect(matchPattern("/p/:id", "/p/012")).toBeNull();
    expect(matchPattern("/p/:id", "/p/1e3")).toBeNull();
    expect(matchPattern("/p/:id", "/p/99999999999999999")).toBeNull();
    expect(matchPattern("/p/:id", "/p/12/x")).toBeNull();
  });

  it("matches a trailing * with the path and anything under it, and survives a broken escape", () => {
    expect(matchPattern("/public/*", "/public")).toEqual({});
    expect(matchPattern("/public/*", "/public/hejin/track")).toEqual({});
    expect(matchPattern("/public/*", "/publicx")).toBeNull();
    expect(matchPattern("/a", "/%E0%A4%A")).toBeNull();
  });
});
