import { figureDefinition, isFigureKey, type FigureKey } from "../../../shared/figures";
import type { ProvinceSeries, Series } from "../../../shared/schemas/figures";
import type { RequestContext } from "../../platform/context";
import { invalidField } from "../../platform/errors";
import { keptStore } from "../../platform/kept";
import type { SeriesSource } from "../../platform/modules";
import { nodeForRead } from "../../platform/tree";
import { provinceCities, requireProvince } from "./province";

// Daily series of count figures (trends), with year-on-year (同比) and period-on-period (环比) change.

const DAY_MS = 86_400_000;
/** A year and a day: a whole year of a leap year, and no more, so one request stays one cheap query. */
const MAX_DAYS = 367;

/** Days are Beijing calendar days, handled as UTC midnights so that no local time zone creeps in. */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const todayIn = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The same calendar day a year before; 29 February falls on the 28th. */
function yearBefore(day: string): string {
  const [y, m, d] = day.split("-");
  const candidate = `${Number(y) - 1}-${m}-${d}`;
  return m === "02" && d === "29" ? `${Number(y) - 1}-02-28` : candidate;
}

function change(now: number, base: number): number | null {
  return base === 0 ? null : Math.round((1000 * (now - base)) / base) / 10;
}

type Daily = (range: { from: Date; to: Date }) => Promise<Map<string, number>>;
type Counted = Omit<Series, "org">;

/** The source of a figure's daily series, or 400 naming those there are. */
function sourceOf(ctx: RequestContext, key: string): SeriesSource {
  const source = ctx.modules.seriesSources.find((candidate) => isFigureKey(key) && candidate.keys.includes(key));
  if (source) return source;
  const keys = ctx.modules.seriesSources.flatMap((candidate) => candidate.keys);
  throw invalidField("key", `no daily series for this figure (there are: ${keys.join(", ")})`);
}

/** The period's points, 同比 and 环比, from day counts over the period, the one before it and the same period a year before. */
async function counted(ctx: RequestContext, key: FigureKey, query: { from?: string; to?: string }, daily: Daily): Promise<Counted> {
  const to = query.to ?? todayIn(ctx.clock.now());
  const from = query.from ?? dayText(dayNumber(to) - 364);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw invalidField("from", "must not be after to");
  if (days > MAX_DAYS) throw invalidField("from", `at most ${MAX_DAYS} days`);

  // One query over everything compared: the period, the one before it and the same period a year before.
  const previousFrom = dayText(dayNumber(from) - days);
  const lastYearFrom = yearBefore(from);
  const start = previousFrom < lastYearFrom ? previousFrom : lastYearFrom;
  const counts = await daily({ from: midnight(start), to: midnight(dayText(dayNumber(to) + 1)) });
  const count = (day: string) => counts.get(day) ?? 0;
  const sum = (first: string, last: string) => {
    let total = 0;
    for (const [day, n] of counts) if (day >= first && day <= last) total += n;
    return total;
  };

  const points = Array.from({ length: days }, (_, index) => {
    const day = dayText(dayNumber(from) + index);
    return { day, value: count(day), lastYear: count(yearBefore(day)) };
  });
  const total = points.reduce((acc, point) => acc + point.value, 0);
  const lastYearTotal = sum(lastYearFrom, yearBefore(to));
  const previousTotal = sum(previousFrom, dayText(dayNumber(from) - 1));
  return {
    key,
    label: figureDefinition(key).label,
    from,
    to,
    points,
    total,
    lastYearTotal,
    previousTotal,
    yoy: change(total, lastYearTotal),
    mom: change(total, previousTotal),
  };
}

export async function figureSeries(ctx: RequestContext, query: { org?: number; key: string; from?: string; to?: string }): Promise<Series> {
  const node = await nodeForRead(ctx, "figures.read", query.org);
  const source = sourceOf(ctx, query.key);
  const key = query.key as FigureKey;
  const answer = await counted(ctx, key, query, (range) => source.daily(ctx.db, node, key, range));
  return { org: { id: node.id, name: node.name, kind: node.kind }, ...answer };
}

/**
 * The province's series (GET /api/figures/province/series): each day summed over the cities (or one
 * prefecture's), each city counted by its own subtree's query, so a day is the sum of the cities' days.
 */
export async function provinceSeries(ctx: RequestContext, query: { prefecture?: string; key: string; from?: string; to?: string }): Promise<ProvinceSeries> {
  requireProvince(ctx);
  const source = sourceOf(ctx, query.key);
  const key = query.key as FigureKey;
  const roots = await provinceCities(ctx, query.prefecture);
  // Each city's days are kept until a change commits in that city (platform/kept.ts): a screen asking
  // again after one city's change recounts that city alone, not the province's hundred.
  const kept = keptStore<string, { cityId: number; days: Map<string, number> }>(ctx.db, "province_series", { entities: "any", keepMs: 600_000, atMost: 20_000 });
  const answer = await counted(ctx, key, query, async (range) => {
    const summed = new Map<string, number>();
    // One city at a time: PGlite runs one query at a time anyway, and a pool stays free for other requests.
    for (const root of roots) {
      const city = await kept.read(
        `${root.id}|${key}|${range.from.toISOString()}|${range.to.toISOString()}`,
        (entry) => entry.cityId,
        async () => ({ cityId: root.cityId, days: await source.daily(ctx.db, root, key, range) }),
      );
      for (const [day, n] of city!.days) summed.set(day, (summed.get(day) ?? 0) + n);
    }
    return summed;
  });
  return { prefecture: query.prefecture ?? null, ...answer };
}
