import { z } from "zod";
import { figureGroups, figureUnits } from "../figures";
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

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
