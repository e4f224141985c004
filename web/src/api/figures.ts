import { z } from "zod";
import { Figures, Health, ProvinceFigures, ProvinceSeries, Series } from "../../../shared/schemas/figures";
import { request } from "./client";

export type FiguresData = z.output<typeof Figures>;
export type HealthData = z.output<typeof Health>;
export type SeriesData = z.output<typeof Series>;
export type ProvinceFiguresData = z.output<typeof ProvinceFigures>;

/** The records behind a figure (its drill-down API list), as a side panel shows them: each with its id and whatever names it. */
const DrillPage = z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number(), totalCapped: z.boolean().optional() });
export type DrillPageData = z.output<typeof DrillPage>;

export const figuresApi = {
  /** Without `org`, the figures of the caller's own scope. */
  get: (org?: number, signal?: AbortSignal) => request("GET", "/figures", { schema: Figures, query: { org }, signal }),
  /** The province's figures (every city's, or one prefecture's), each city with its own: for the province reader. */
  province: (query: { prefecture?: string; figure?: string }, signal?: AbortSignal) => request("GET", "/figures/province", { schema: ProvinceFigures, query, signal }),
  /** The province's daily series, each day summed over the cities (or one prefecture's). */
  provinceSeries: (query: { prefecture?: string; key: string; from?: string; to?: string }, signal?: AbortSignal) =>
    request("GET", "/figures/province/series", { schema: ProvinceSeries, query, signal }),
  series: (query: { org?: number; key: string; from?: string; to?: string }, signal?: AbortSignal) => request("GET", "/figures/series", { schema: Series, query, signal }),
  /** A figure's drill-down list, from its `drill.api` ("/api/events?org=1&drill=open"). */
  drill: (api: string, pageSize: number, signal?: AbortSignal) =>
    request("GET", `${api.replace(/^\/api/, "")}${api.includes("?") ? "&" : "?"}pageSize=${pageSize}`, { schema: DrillPage, signal }),
  /** The URL of the live stream (server-sent events) of a node's changes. */
  streamUrl: (org?: number) => `/api/figures/stream${org ? `?org=${org}` : ""}`,
  /** The URL of the province's live stream: which cities' figures moved. */
  provinceStreamUrl: "/api/figures/province/stream",
  health: () => request("GET", "/health", { schema: Health, skipAuthRedirect: true }),
};
