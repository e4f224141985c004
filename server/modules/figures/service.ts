import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import { authorizeAt, requirePermission, scopeOf } from "../../platform/policy";
import * as orgs from "../orgs/service";
import * as people from "../people/service";
import { notFound } from "../../platform/errors";

/** Each module computes its own figures for a subtree; this only asks them and merges. */
type FigureSource = (db: Database, node: orgs.NodeRef) => Promise<Record<string, number>>;
const sources: FigureSource[] = [orgs.figuresFor, people.figuresFor];

export function registerFigureSource(source: FigureSource): void {
  sources.push(source);
}

export async function figuresOf(db: Database, node: orgs.NodeRef): Promise<Record<string, number>> {
  const parts = [];
  // One at a time: PGlite runs one query at a time anyway, and a pool stays free for other requests.
  for (const source of sources) parts.push(await source(db, node));
  return Object.assign({}, ...parts);
}

export async function figures(ctx: RequestContext, orgId?: number) {
  const actor = requirePermission(ctx, "figures.read");
  let node: orgs.NodeRef | undefined;
  if (orgId !== undefined) {
    node = await orgs.visibleNode(ctx, orgId);
    authorizeAt(ctx, "figures.read", node.path);
  } else {
    const scope = scopeOf(actor, "figures.read");
    const rootId = scope.all ? (await orgs.scopeRoots(ctx)).items[0]?.id : Number(scope.paths[0]?.split("/").filter(Boolean).pop());
    node = rootId ? await orgs.nodeRef(ctx.db, rootId) : undefined;
    if (!node) throw notFound("组织节点");
  }
  return {
    org: { id: node.id, name: node.name, kind: node.kind },
    asOf: ctx.clock.now().toISOString(),
    figures: await figuresOf(ctx.db, node),
  };
}
