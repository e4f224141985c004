import { z } from "zod";
import { Figures, Health } from "../../../shared/schemas/figures";
import { request } from "./client";

export type FiguresData = z.output<typeof Figures>;
export type HealthData = z.output<typeof Health>;

export const figuresApi = {
  /** Without `org`, the figures of the caller's own scope. */
  get: (org?: number, signal?: AbortSignal) => request("GET", "/figures", { schema: Figures, query: { org }, signal }),
  health: () => request("GET", "/health", { schema: Health, skipAuthRedirect: true }),
};
