import { figureDefinition, figureKeys, figureRate, rateKeys, type FigureKey, type FigureParts, type FigureValues, type RateParts } from "../../../shared/figures";
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
 * rest from memory. Counts and yuan are added; a rate is the sum of the cities' parts over the sum of
 * their wholes, under the same minimum sample (a mean of the cities' rates would weigh a small city
 * like a large one).
 */
export function sumOverCities(cities: readonly CityFigures[]): FigureValues {
  const summed: FigureValues = {};
  for (const key of figureKeys) {
    const unit = figureDefinition(key).unit;
    if (unit !== "count" && unit !== "yuan") continue;
    const values = cities.map((city) => city.values[key]).filter((value): value is number => value !== undefined);
    // Yuan come with cents: rounded to them, so that 0.1 + 0.2 shows as 0.3.
    if (values.length > 0) summed[key] = Math.round(values.reduce((sum, value) => sum + value, 0) * 100) / 100;
  }
  for (const key of rateKeys) {
    const parts = cities.map((city) => city.parts[key]).filter((value): value is RateParts => value !== undefined);
    if (parts.length === 0) continue;
    const rate = figureRate(key, sum(parts.map((p) => p.part)), sum(parts.map((p) => p.whole)));
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

/** A city's figures and the parts of its rates, as kept (cache.ts). */
export interface CityFigures {
  values: FigureValues;
  parts: FigureParts;
}

const sum = (numbers: readonly number[]) => numbers.reduce((total, n) => total + n, 0);

export async function provinceFigures(ctx: RequestContext, query: { prefecture?: string; figure?: FigureKey }): Promise<Presented> {
  const { prefecture, figure = PROVINCE_FIRST_FIGURE } = query;
  requireProvince(ctx);
  return cachedFigures(ctx, `province:${figure}:${prefecture ?? ""}`, null, async () => {
    const asOf = ctx.clock.now();
    const roots = await provinceCities(ctx, prefecture);
    const perCity: CityFigures[] = [];
    const cities: ProvinceFigures["cities"] = [];
    for (const root of roots) {
      const presented = await figuresAt(ctx, root);
      const values: FigureValues = presented.values ?? {};
      perCity.push({ values, parts: presented.parts ?? {} });
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
