import { figureDefinition, figureKeys, figureRate, rateParts, type FigureKey } from "../../../shared/figures";
import { PROVINCE_FIRST_FIGURE, type ProvinceFigures } from "../../../shared/schemas/figures";
import type { RequestContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { requirePermission, scopeOf } from "../../platform/policy";
import { cityRoots } from "../../platform/tree";
import { cachedFigures, type Presented } from "./cache";
import { serializeProvince } from "./serialize";
import { etagOf, figureItems, figuresAt } from "./service";

/**
 * The province's figures (GET /api/figures/province): the tree has no province node, so they are
 * summed from each city root's own figures, which stay cached city by city. A change in one city
 * drops the province's answer and that city's, so the next answer recounts one city and re-adds the
 * rest from memory.
 */
export function sumOverCities(cities: readonly Record<string, number>[]): Record<string, number> {
  const summed: Record<string, number> = {};
  for (const key of figureKeys) {
    const unit = figureDefinition(key).unit;
    if (unit !== "count" && unit !== "yuan") continue;
    const values = cities.map((figures) => figures[key]).filter((value): value is number => value !== undefined);
    // Yuan come with cents: rounded to them, so that 0.1 + 0.2 shows as 0.3.
    if (values.length > 0) summed[key] = Math.round(values.reduce((sum, value) => sum + value, 0) * 100) / 100;
  }
  for (const [key, [part, whole]] of Object.entries(rateParts) as [FigureKey, readonly [FigureKey, FigureKey]][]) {
    if (summed[part] === undefined || summed[whole] === undefined) continue;
    const rate = figureRate(key, summed[part], summed[whole]);
    if (rate !== undefined) summed[key] = rate;
  }
  return summed;
}

/** Only a role reaching every city reads the province; to a city's roles it is a node outside their reach (404). */
export function requireProvince(ctx: RequestContext): void {
  const actor = requirePermission(ctx, "figures.read");
  if (!scopeOf(actor, "figures.read").all) throw notFound("省");
}

/** The roots of the province's cities, or of one prefecture's (404 when it has none). */
export async function provinceCities(ctx: RequestContext, prefecture: string | undefined): Promise<Awaited<ReturnType<typeof cityRoots>>> {
  const roots = (await cityRoots(ctx.db)).filter((root) => prefecture === undefined || root.prefecture === prefecture);
  if (roots.length === 0) throw notFound("地市");
  return roots;
}

export async function provinceFigures(ctx: RequestContext, query: { prefecture?: string; figure?: FigureKey }): Promise<Presented> {
  const { prefecture, figure = PROVINCE_FIRST_FIGURE } = query;
  requireProvince(ctx);
  return cachedFigures(ctx, `province:${figure}:${prefecture ?? ""}`, null, async () => {
    const asOf = ctx.clock.now();
    const roots = await provinceCities(ctx, prefecture);
    const perCity: Readonly<Record<string, number>>[] = [];
    const cities: ProvinceFigures["cities"] = [];
    for (const root of roots) {
      const values = (await figuresAt(ctx, root)).values ?? {};
      perCity.push(values);
      cities.push({ org: { id: root.id, name: root.name, kind: root.kind }, prefecture: root.prefecture, value: values[figure] ?? null });
    }
    const figures = sumOverCities(perCity);
    const answer: ProvinceFigures = {
      prefecture: prefecture ?? null,
      figure,
      asOf: asOf.toISOString(),
      figures,
      items: figureItems(figures, null),
      cities,
    };
    return { body: serializeProvince(answer), etag: etagOf([answer.prefecture, answer.figure, answer.figures, answer.cities]) };
  });
}
