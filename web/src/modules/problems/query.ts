import {
  Category,
  Channel,
  Light,
  ProblemFigure,
  ProblemStatus,
  Source,
  type Category as CategoryValue,
  type Channel as ChannelValue,
  type Light as LightValue,
  type ProblemFigure as ProblemFigureValue,
  type ProblemStatus as ProblemStatusValue,
  type Source as SourceValue,
} from "../../../../shared/schemas/problems";
import type { ProblemExportParams, ProblemParams } from "../../api/problems";
import { positiveInt } from "../../lib/query";

/**
 * The problem list's filters, as the hash's query string carries them (#/problems?org=3&status=…),
 * and the saved views (a name and a filter set, kept in this browser's localStorage).
 * Pure: the page reads and writes URLs through these, and the tests check them.
 */

export const problemSorts = ["recent", "deadline", "found"] as const;
export type ProblemSort = (typeof problemSorts)[number];

export interface ProblemFilters {
  org?: number;
  status?: ProblemStatusValue;
  channel?: ChannelValue;
  source?: SourceValue;
  category?: CategoryValue;
  light?: LightValue;
  /** The period (发现日期) as YYYY-MM-DD, both ends included. */
  from?: string;
  to?: string;
  q?: string;
  clue?: number;
  commonList?: number;
  escalated?: "true" | "false";
  /** The records behind a figure (problems.overdue …), as its drill-down opens them. */
  figure?: ProblemFigureValue;
  /** Given to this responsible node (责任单位), as a row of the unit statistics opens them. */
  responsible?: number;
  sort?: ProblemSort;
}

export interface ProblemListState extends ProblemFilters {
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;

/** The filter names, in the order they are written to a URL and shown as tags. */
export const filterKeys = ["org", "q", "status", "light", "category", "source", "channel", "from", "to", "escalated", "clue", "commonList", "figure", "responsible", "sort"] as const satisfies readonly (keyof ProblemFilters)[];
export type FilterKey = (typeof filterKeys)[number];

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as YYYY-MM-DD (2026-02-30 is not one). */
export function validDay(value: string | null | undefined): string | undefined {
  if (!value || !isoDate.test(value)) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? value : undefined;
}

function oneOf<T extends string>(options: readonly T[], value: string | null | undefined): T | undefined {
  return value && (options as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads the filters from a query string; anything unknown or malformed is left out rather than sent. */
export function filtersFromQuery(query: URLSearchParams): ProblemListState {
  const q = query.get("q")?.trim().slice(0, 100);
  const state: ProblemListState = {
    org: positiveInt(query.get("org")),
    status: oneOf(ProblemStatus.options, query.get("status")),
    channel: oneOf(Channel.options, query.get("channel")),
    source: oneOf(Source.options, query.get("source")),
    category: oneOf(Category.options, query.get("category")),
    light: oneOf(Light.options, query.get("light")),
    from: validDay(query.get("from")),
    to: validDay(query.get("to")),
    q: q || undefined,
    clue: positiveInt(query.get("clue")),
    commonList: positiveInt(query.get("commonList")),
    escalated: oneOf(["true", "false"] as const, query.get("escalated")),
    figure: oneOf(ProblemFigure.options, query.get("figure")),
    responsible: positiveInt(query.get("responsible")),
    sort: oneOf(problemSorts, query.get("sort")),
    page: positiveInt(query.get("page")) ?? 1,
    pageSize: Math.min(positiveInt(query.get("pageSize")) ?? DEFAULT_PAGE_SIZE, 200),
  };
  return compact(state);
}

/** Drops the keys whose value is undefined (so that two equal filter sets compare equal). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

/** Only the filters of a list state (no paging). */
export function filtersOf(state: ProblemFilters): ProblemFilters {
  const out: ProblemFilters = {};
  for (const key of filterKeys) {
    const value = state[key];
    if (value !== undefined && value !== "") (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** The query of a list URL: the filters in a fixed order, page and size only when not the defaults, sort only when not "recent". */
export function queryOf(state: ProblemFilters & { page?: number; pageSize?: number }): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const key of filterKeys) {
    const value = state[key];
    if (value === undefined || value === "") continue;
    if (key === "sort" && value === "recent") continue;
    out[key] = value;
  }
  if (state.page && state.page > 1) out.page = state.page;
  if (state.pageSize && state.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = state.pageSize;
  return out;
}

/** The parameters of GET /api/problems for a list state. */
export function apiParams(state: ProblemListState): ProblemParams {
  return compact({ ...filtersOf(state), page: state.page, pageSize: state.pageSize });
}

/** The parameters of GET /api/problems/export: the same filters, no sort or paging. */
export function exportParams(state: ProblemFilters): ProblemExportParams {
  const { sort: _sort, ...filters } = filtersOf(state);
  return filters;
}

/** Whether two filter sets select the same problems in the same order. */
export function sameFilters(a: ProblemFilters, b: ProblemFilters): boolean {
  const left = filtersOf({ ...a, sort: a.sort === "recent" ? undefined : a.sort });
  const right = filtersOf({ ...b, sort: b.sort === "recent" ? undefined : b.sort });
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => (left as Record<string, unknown>)[key] === (right as Record<string, unknown>)[key]);
}

// ---------------------------------------------------------------- saved views

export interface SavedView {
  name: string;
  filters: ProblemFilters;
  savedAt: string;
}

export const MAX_VIEWS = 30;
export const MAX_VIEW_NAME = 30;

/** Views are kept per account: two people sharing a browser do not see each other's. */
export function viewsStorageKey(userId: number): string {
  return `zhili.problems.views.${userId}`;
}

/** Reads the saved views; a damaged or foreign value reads as none, and each view's filters are re-checked. */
export function parseViews(raw: string | null): SavedView[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const views: SavedView[] = [];
  for (const entry of data) {
    if (typeof entry !== "object" || entry === null) continue;
    const { name, filters, savedAt } = entry as Record<string, unknown>;
    if (typeof name !== "string" || !name.trim() || typeof filters !== "object" || filters === null) continue;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
      if (typeof value === "string" || typeof value === "number") params.set(key, String(value));
    }
    views.push({ name: name.trim().slice(0, MAX_VIEW_NAME), filters: filtersOf(filtersFromQuery(params)), savedAt: typeof savedAt === "string" ? savedAt : "" });
    if (views.length >= MAX_VIEWS) break;
  }
  return views;
}

/** Adds a view, or replaces the one of the same name; the newest first, at most MAX_VIEWS. */
export function upsertView(views: readonly SavedView[], name: string, filters: ProblemFilters, now: Date = new Date()): SavedView[] {
  const trimmed = name.trim().slice(0, MAX_VIEW_NAME);
  if (!trimmed) return [...views];
  const view: SavedView = { name: trimmed, filters: filtersOf(filters), savedAt: now.toISOString() };
  return [view, ...views.filter((v) => v.name !== trimmed)].slice(0, MAX_VIEWS);
}

export function removeView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

export function loadViews(storage: Pick<Storage, "getItem">, userId: number): SavedView[] {
  try {
    return parseViews(storage.getItem(viewsStorageKey(userId)));
  } catch {
    return [];
  }
}

export function storeViews(storage: Pick<Storage, "setItem">, userId: number, views: readonly SavedView[]): boolean {
  try {
    storage.setItem(viewsStorageKey(userId), JSON.stringify(views));
    return true;
  } catch {
    return false;
  }
}
