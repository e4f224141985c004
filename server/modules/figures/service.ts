import { figureDefinition, figureDrill, figureKeys, isFigureKey, type FigureKey, type FigureValues } from "../../../shared/figures";
import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import type { ModuleRegistry } from "../../platform/modules";
import { nodeForRead, type NodeRef } from "../../platform/tree";
import { cachedFigures } from "./cache";

/** Each module computes its own figures for a subtree (its manifest's figure sources); this asks them and merges. */
export async function figuresOf(modules: ModuleRegistry, db: Database, node: NodeRef, now: Date): Promise<FigureValues> {
  const merged: FigureValues = {};
  // One at a time: PGlite runs one query at a time anyway, and a pool stays free for other requests.
  for (const source of modules.figureSources) {
    const part = await source(db, node, now);
    for (const [key, value] of Object.entries(part)) {
      // The type keeps sources to registered keys; this keeps a cast or a computed key from slipping past it.
      if (!isFigureKey(key)) throw new Error(`figure ${key} is not in shared/figures.ts`);
      merged[key] = value;
    }
  }
  return merged;
}

export async function figures(ctx: RequestContext, orgId?: number) {
  const node = await nodeForRead(ctx, "figures.read", orgId);
  const values = await cachedFigures(ctx, node, () => figuresOf(ctx.modules, ctx.db, node, ctx.clock.now()));
  const org = { id: node.id, name: node.name, kind: node.kind };
  const present = figureKeys.filter((key): key is FigureKey => values[key] !== undefined);
  return {
    org,
    asOf: ctx.clock.now().toISOString(),
    figures: Object.fromEntries(present.map((key) => [key, values[key]!])),
    items: present.map((key) => {
      const definition = figureDefinition(key);
      return { key, value: values[key]!, group: definition.group, unit: definition.unit, label: definition.label, drill: figureDrill(key, org) };
    }),
  };
}


