import { z } from "zod";
import { figureGroups, figureKeys, figureUnits, type FigureKey } from "../figures";
import { IsoDate } from "./calendar";
import { Id } from "./common";

export const FiguresQuery = z.strictObject({ org: Id.optional() });
const FigureLabel = z.object({ zh: z.string(), en: z.string() });
/** One figure with what a client needs to show and open it: label, unit, and the lists behind it (web page and API). */
export const FigureItem = z.object({
  key: z.string(),
  value: z.number(),
  group: z.enum(figureGroups),
  unit: z.enum(figureUnits),
  label: FigureLabel,
  drill: z.object({ page: z.string(), api: z.string().nullable() }).nullable(),
});
export const Figures = z.object({
  org: z.object({ id: Id, name: z.string(), kind: z.string() }),
  asOf: z.string(),
  /** key → value, for clients that know the keys. */
  figures: z.record(z.string(), z.number()),
  /** The same figures in the registry's order, each with its label, unit and drill-down. */
  items: z.array(FigureItem),
});
export type Figures = z.infer<typeof Figures>;

/** The figure the province's cities are listed with unless another is asked for: every city counts events from its first day. */
export const PROVINCE_FIRST_FIGURE: FigureKey = "events.total";
/**
 * The province's figures: every city's, or those of one prefecture (地级市), by the name its cities
 * carry; the cities come with their value of one figure (`figure`), so that a hundred cities cost a
 * line each rather than every figure each.
 */
export const ProvinceQuery = z.strictObject({
  prefecture: z.string().min(1).max(60).optional(),
  figure: z.enum(figureKeys as [FigureKey, ...FigureKey[]]).optional(),
});
export const ProvinceFigures = z.object({
  /** The prefecture asked for, or null for the whole province. */
  prefecture: z.string().nullable(),
  /** The figure each city's `value` is of. */
  figure: z.string(),
  asOf: z.string(),
  /**
   * Counts and sums over the cities, each from the city's own figures; a rate is worked out from the
   * summed counts it is made of (never an average of the cities' rates), and left out where those
   * counts are not figures of their own.
   */
  figures: z.record(z.string(), z.number()),
  /**
   * The same in the registry's order. No list of records spans the cities: what lies behind a province
   * figure is the cities with their values (ask again with `figure`), and a city's own figures open its records.
   */
  items: z.array(FigureItem),
  /** Every city (its root node as `org`) with its value of `figure` (null where the city has none), in the order of their roots. */
  cities: z.array(
    z.object({
      org: z.object({ id: Id, name: z.string(), kind: z.string() }),
      prefecture: z.string().nullable(),
      value: z.number().nullable(),
    }),
  ),
});
export type ProvinceFigures = z.infer<typeof ProvinceFigures>;

/** A daily series of a count figure (trends): `to` included; at most a year and a day. */
export const SeriesQuery = z.strictObject({ org: Id.optional(), key: z.string().max(60), from: IsoDate.optional(), to: IsoDate.optional() });
const Change = z.number().nullable();
export const Series = z.object({
  org: z.object({ id: Id, name: z.string(), kind: z.string() }),
  key: z.string(),
  label: FigureLabel,
  from: z.string(),
  to: z.string(),
  /** Each day of the period with its count and the count of the same day a year before. */
  points: z.array(z.object({ day: z.string(), value: z.number().int(), lastYear: z.number().int() })),
  total: z.number().int(),
  /** The same period a year before (同比) and the period of equal length just before it (环比). */
  lastYearTotal: z.number().int(),
  previousTotal: z.number().int(),
  /** Change in percent against them, one decimal; null when the base is 0. */
  yoy: Change,
  mom: Change,
});
export type Series = z.infer<typeof Series>;

/** The province's daily series: each day summed over every city, or over one prefecture's. */
export const ProvinceSeriesQuery = z.strictObject({
  prefecture: z.string().min(1).max(60).optional(),
  key: z.string().max(60),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const ProvinceSeries = Series.omit({ org: true }).extend({ prefecture: z.string().nullable() });
export type ProvinceSeries = z.infer<typeof ProvinceSeries>;

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
