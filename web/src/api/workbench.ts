import type { z } from "zod";
import { Workbench } from "../../../shared/schemas/workbench";
import { request } from "./client";

export type WorkbenchData = z.output<typeof Workbench>;
export type WorkSectionData = WorkbenchData["sections"][number];

export const workbenchApi = {
  /** The caller's work by the roles it holds, the most urgent first. */
  get: (signal?: AbortSignal) => request("GET", "/workbench", { schema: Workbench, signal }),
};
