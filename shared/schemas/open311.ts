import { z } from "zod";
import { Version } from "./common";
import { EventSource, type eventSources } from "./events";

/** What a city's Open311 port publishes by default: requests that came from the public side or from Open311. */
export const defaultPublishedSources: readonly (typeof eventSources)[number][] = ["public", "open311"];

export const Open311Settings = z.object({
  publishedSources: z.array(EventSource),
  version: z.number().int(),
});
export const UpdateOpen311SettingsBody = z.strictObject({
  version: Version,
  publishedSources: z
    .array(EventSource)
    .max(3)
    .refine((sources) => new Set(sources).size === sources.length, "listed twice"),
});
