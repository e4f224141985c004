import { z } from "zod";
import { Id } from "./common";

export const FiguresQuery = z.strictObject({ org: Id.optional() });
export const Figures = z.object({
  org: z.object({ id: Id, name: z.string(), kind: z.string() }),
  asOf: z.string(),
  figures: z.record(z.string(), z.number()),
});
export type Figures = z.infer<typeof Figures>;

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
