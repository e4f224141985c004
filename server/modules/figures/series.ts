import { figureDefinition, isFigureKey, type FigureKey } from "../../../shared/figures";
import type { Series } from "../../../shared/schemas/figures";
import type { RequestContext } from "../../platform/context";
import { invalidField } from "../../platform/errors";
import { nodeForRead } from "../../platform/tree";

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

export async function figureSeries(ctx: RequestContext, query: { org?: number; key: string; from?: string; to?: string }): Promise<Series> {
  const node = await nodeForRead(ctx, "figures.read", query.org);
  const source = ctx.modules.seriesSources.find((candidate) => isFigureKey(query.key) && candidate.keys.includes(query.key));
  if (!source) {
    const keys = ctx.modules.seriesSources.flatMap((candidate) => candidate.keys);
    throw invalidField("key", `no daily series for this figure (there are: ${keys.join(", ")})`);
  }
  const key = query.key as FigureKey;
  const to = query.to ?? todayIn(ctx.clock.now());
  const from = query.from ?? dayText(dayNumber(to) - 364);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw invalidField("from", "must not be after to");
  if (days > MAX_DAYS) throw invalidField("from", `at most ${MAX_DAYS} days`);

  // One query over everything compared: the period, the one before it and the same period a year before.
  const previousFrom = dayText(dayNumber(from) - days);
  const lastYearFrom = yearBefore(from);
  const start = previousFrom < lastYearFrom ? previousFrom : lastYearFrom;
  const counts = await source.daily(ctx.db, node, key, { from: midnight(start), to: midnight(dayText(dayNumber(to) + 1)) });
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
    org: { id: node.id, name: node.name, kind: node.kind },
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
