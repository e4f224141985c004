import type { Category, Channel, Source } from "../../../../shared/schemas/problems";
import type { ClueParams } from "../../api/problems";
import { pagingQuery, positiveInt } from "../../lib/query";
import { categoryOptions, channelOptions, sourceOptions } from "./labels";
import { validDay } from "./query";

/** The clue inbox's filters, as the hash's query string carries them (#/problems/clues?status=all&…). */

export const clueStatuses = ["open", "converted", "dismissed"] as const;
export type ClueStatus = (typeof clueStatuses)[number];

export interface ClueListState {
  org?: number;
  /** "all" shows every status; without one the inbox shows what is still open. */
  status: ClueStatus | "all";
  channel?: Channel;
  source?: Source;
  category?: Category;
  from?: string;
  to?: string;
  figure?: "problems.clues";
  page: number;
  pageSize: number;
}

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The inbox's filters from the URL: open clues unless told otherwise; a figure's drill-down shows them all. */
export function clueStateFromQuery(query: URLSearchParams): ClueListState {
  const figure = query.get("figure") === "problems.clues" ? ("problems.clues" as const) : undefined;
  const status = query.get("status");
  return {
    org: positiveInt(query.get("org")),
    status: status === "all" ? "all" : (pick(clueStatuses, status) ?? (figure ? "all" : "open")),
    channel: pick(channelOptions, query.get("channel")),
    source: pick(sourceOptions, query.get("source")),
    category: pick(categoryOptions, query.get("category")),
    from: validDay(query.get("from")),
    to: validDay(query.get("to")),
    figure,
    page: positiveInt(query.get("page")) ?? 1,
    pageSize: Math.min(positiveInt(query.get("pageSize")) ?? 20, 200),
  };
}

export function clueApiParams(state: ClueListState): ClueParams {
  const params: ClueParams = { org: state.org, page: state.page, pageSize: state.pageSize };
  if (state.figure) return { ...params, figure: state.figure };
  return {
    ...params,
    status: state.status === "all" ? undefined : state.status,
    channel: state.channel,
    source: state.source,
    category: state.category,
    from: state.from,
    to: state.to,
  };
}

export function clueQuery(state: Partial<ClueListState>): Record<string, string | number | undefined> {
  return {
    org: state.org,
    status: state.status === "open" ? undefined : state.status,
    channel: state.channel,
    source: state.source,
    category: state.category,
    from: state.from,
    to: state.to,
    figure: state.figure,
    ...pagingQuery(state),
  };
}
