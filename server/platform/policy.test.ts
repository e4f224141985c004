import { describe, expect, it } from "vitest";
import type { RoleName } from "../../shared/permissions";
import type { Actor, Grant, RequestContext } from "./context";
import { abilitiesAt, authorizeAt, can, covers, hasPermission, permissionsOf, requireActor, requirePermission, scopeOf, topmost, visibleScope } from "./policy";

// The policy's answers for hand-made actors, without a database: which subtree each grant reaches, and 401/403/404.

let nextId = 1;
const grant = (role: RoleName, path: string | null): Grant => ({ assignmentId: nextId++, role, nodeId: null, nodeName: null, path, cityId: path === null ? null : 1 });
const actor = (...grants: Grant[]): Actor => ({ userId: 9, username: "u", displayName: "U", cityId: 1, mustChangePassword: false, grants, sessionId: "s", csrfToken: "c" });
const ctxOf = (who: Actor | null) => ({ actor: who ?? undefined }) as unknown as RequestContext;
const statusOf = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
};

const CITY = "/1/";
const T1 = "/1/2/";
const T1V1 = "/1/2/3/";
const T1V1G1 = "/1/2/3/4/";
const T2 = "/1/5/";
const T12 = "/1/12/";

describe("the policy", () => {
  it("reaches the subtree of a role's node, not the nodes above or beside it, nor a node whose id merely begins the same", () => {
    const cadre = actor(grant("township_cadre", T1));
    expect([T1, T1V1, T1V1G1].map((path) => can(cadre, "problem.check", path))).toEqual([true, true, true]);
    expect([CITY, T2, T12].map((path) => can(cadre, "problem.check", path))).toEqual([false, false, false]);
    expect(can(cadre, "audit.read", T1V1)).toBe(false);
  });

  it("lets a system role reach every node, and only with its own permissions", () => {
    const auditor = actor(grant("audit_admin", null));
    expect(scopeOf(auditor, "audit.read")).toEqual({ all: true });
    expect(can(auditor, "audit.read", "/99/100/")).toBe(true);
    expect(can(auditor, "problem.read", CITY)).toBe(false);
    expect(scopeOf(auditor, "problem.read")).toEqual({ all: false, paths: [] });
    expect(visibleScope(auditor)).toEqual({ all: true });
    // A person holding a system role beside a role at a node sees everything, not only that node's subtree.
    const mixed = actor(grant("village_secretary", T1V1), grant("audit_admin", null));
    expect(visibleScope(mixed)).toEqual({ all: true });
    expect([can(mixed, "audit.read", T2), can(mixed, "problem.manage", T2)]).toEqual([true, false]);
  });

  it("joins the subtrees of several roles, counting a subtree inside another once", () => {
    const both = actor(grant("village_secretary", T1V1), grant("township_cadre", T1), grant("grid_worker", T1V1G1), grant("village_secretary", T2));
    expect(scopeOf(both, "problem.manage")).toEqual({ all: false, paths: [T1, T2] });
    // Only the cadre's grant carries problem.check.
    expect(scopeOf(both, "problem.check")).toEqual({ all: false, paths: [T1] });
    expect(visibleScope(both)).toEqual({ all: false, paths: [T1, T2] });
    expect(topmost([T1V1G1, T1V1, T1V1, T12, T1])).toEqual([T1, T12]);
    expect(topmost([])).toEqual([]);
  });

  it("covers a path by any prefix of the scope, or all of them", () => {
    expect(covers({ all: true }, "/7/")).toBe(true);
    expect(covers({ all: false, paths: [] }, CITY)).toBe(false);
    expect(covers({ all: false, paths: [T2, T1] }, T1V1)).toBe(true);
    expect(covers({ all: false, paths: [T1V1] }, T1)).toBe(false);
  });

  it("lists a person's permissions once each, sorted, from all their roles", () => {
    const both = actor(grant("grid_worker", T1V1G1), grant("leader", CITY));
    const held = permissionsOf(both);
    expect(held).toEqual([...new Set(held)].sort());
    expect(held).toEqual(expect.arrayContaining(["event.report", "campaign.claim", "training.attend"]));
    expect(held).not.toContain("problem.check");
    expect(permissionsOf(actor())).toEqual([]);
    expect([hasPermission(both, "campaign.claim"), hasPermission(both, "problem.check")]).toEqual([true, false]);
  });

  it("answers 401 without a person, 404 outside everything they see, 403 where they see but may not act", () => {
    const secretary = actor(grant("village_secretary", T1V1));
    expect(statusOf(() => requireActor(ctxOf(null)))).toBe(401);
    expect(statusOf(() => authorizeAt(ctxOf(null), "problem.read", T1V1))).toBe(401);
    expect(statusOf(() => authorizeAt(ctxOf(secretary), "problem.manage", T1V1G1))).toBe(200);
    expect(authorizeAt(ctxOf(secretary), "problem.manage", T1V1)).toBe(secretary);
    expect(statusOf(() => authorizeAt(ctxOf(secretary), "problem.check", T1V1))).toBe(403);
    expect(statusOf(() => authorizeAt(ctxOf(secretary), "problem.manage", T1))).toBe(404);
    expect(statusOf(() => authorizeAt(ctxOf(secretary), "problem.check", T2))).toBe(404);
    expect(statusOf(() => requirePermission(ctxOf(secretary), "problem.manage"))).toBe(200);
    expect(requirePermission(ctxOf(secretary), "problem.manage")).toBe(secretary);
    expect(statusOf(() => requirePermission(ctxOf(secretary), "problem.check"))).toBe(403);
    expect(statusOf(() => requirePermission(ctxOf(null), "problem.check"))).toBe(401);
  });

  it("sends with a record the abilities the caller has at its node, one per action", () => {
    const secretary = actor(grant("village_secretary", T1V1));
    const map = { edit: "problem.manage", check: "problem.check", read: "problem.read" } as const;
    expect(abilitiesAt(secretary, T1V1G1, map)).toEqual({ edit: true, check: false, read: true });
    expect(abilitiesAt(secretary, T2, map)).toEqual({ edit: false, check: false, read: false });
  });
});
