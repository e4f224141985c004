import type { z } from "zod";
import { Workbench } from "../../../shared/schemas/workbench";
import { request } from "./client";

export type WorkbenchData = z.output<typeof Workbench>;
export type WorkSectionData = WorkbenchData["sections"][number];

const fetched = new Set<(data: WorkbenchData) => void>();

export const workbenchApi = {
  /** The caller's work by the roles it holds, the most urgent first; whoever listens (the menu's badges) hears it too. */
  get: async (signal?: AbortSignal) => {
    const data = await request("GET", "/workbench", { schema: Workbench, signal });
    for (const listener of fetched) listener(data);
    return data;
  },
  /** Every workbench this page reads, whoever asked for it. */
  onFetched(listener: (data: WorkbenchData) => void): () => void {
    fetched.add(listener);
    return () => fetched.delete(listener);
  },
};
