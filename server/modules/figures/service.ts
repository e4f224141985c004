import { createHash } from "node:crypto";
import { figureDefinition, figureDrill, figureKeys, figureValuesOf, isFigureKey, rateKeys, type FigureParts, type FigureValues, type SourceFigures } from "../../../shared/figures";
import type { Figures } from "../../../shared/schemas/figures";
import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import type { ModuleRegistry } from "../../platform/modules";
import { nodeForRead, type NodeRef } from "../../platform/tree";
import { cachedFigures, type Presented } from "./cache";
import { serializeFigures } from "./serialize";

/** Each module computes its own figures for a subtree (its manifest's figure sources); this asks them and merges. */
export async function figuresOf(modules: ModuleRegistry, db: Database, node: NodeRef, now: Date): Promise<SourceFigures> {
  const merged: Record<string, unknown> = {};
  // One at a time: PGlite runs one query at a time anyway, and a pool stays free for other requests.
  for (const source of modules.figureSources) {
    const part = await source(db, node, now);
    for (const [key, value] of Object.entries(part)) {
      // The type keeps sources to registered keys; this keeps a cast or a computed key from slipping past it.
      if (!isFigureKey(key)) throw new Error(`figure ${key} is not in shared/figures.ts`);
      merged[key] = value;
    }
  }
  return merged as SourceFigures;
}

/** The parts of the node's rates, kept beside its figures for the sums over cities (province.ts). */
function partsOf(figures: SourceFigures): FigureParts {
  return Object.fromEntries(rateKeys.flatMap((key) => (figures[key] ? [[key, figures[key]]] : [])));
}

/** The figures present, in the registry's order, each with its label, unit and the list behind it (none: figures of no node). */
export function figureItems(values: FigureValues, org: { id: number; kind: string } | null): Figures["items"] {
  return figureKeys
    .filter((key) => values[key] !== undefined)
    .map((key) => {
      const definition = figureDefinition(key);
      return { key, value: values[key]!, group: definition.group, unit: definition.unit, label: definition.label, drill: org ? figureDrill(key, org) : null };
    });
}

/** The answer of GET /api/figures for a node; asOf is when its figures were counted. */
function present(node: NodeRef, values: FigureValues, asOf: Date): Figures {
  const org = { id: node.id, name: node.name, kind: node.kind };
  const items = figureItems(values, org);
  return { org, asOf: asOf.toISOString(), figures: Object.fromEntries(items.map((item) => [item.key, item.value])), items };
}

/** The tag is of what the figures say, not of the moment counted: a dashboard that asks again gets 304 while nothing changed. */
export function etagOf(value: unknown): string {
  return `"${createHash("sha1").update(JSON.stringify(value)).digest("base64url")}"`;
}

/** The figures of a node, as JSON text with its ETag (kept: figures/cache.ts); the caller has checked the reach. */
export function figuresAt(ctx: RequestContext, node: NodeRef): Promise<Presented> {
  return cachedFigures(ctx, node.id, node.cityId, async () => {
    const asOf = ctx.clock.now();
    const counted = await figuresOf(ctx.modules, ctx.db, node, asOf);
    const answer = present(node, figureValuesOf(counted), asOf);
    return { body: serializeFigures(answer), etag: etagOf([answer.org, answer.figures]), values: answer.figures, parts: partsOf(counted) };
  });
}

/** The figures of a node in the caller's reach. */
export async function figures(ctx: RequestContext, orgId?: number): Promise<Presented> {
  return figuresAt(ctx, await nodeForRead(ctx, "figures.read", orgId));
}
