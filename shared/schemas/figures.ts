import { z } from "zod";
import { figureGroups, figureUnits } from "../figures";
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

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
