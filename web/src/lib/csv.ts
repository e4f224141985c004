/**
 * CSV files for Excel: UTF-8 with a byte-order mark (so that Excel reads Chinese correctly),
 * CRLF line ends, every cell quoted where it must be. Cells that a spreadsheet would run as a
 * formula (=, +, -, @ first) get a leading apostrophe.
 */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = typeof value === "boolean" ? String(value) : value;
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/** Hands a text to the browser as a download. */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8"): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "人员_20260301-1015.csv": a name, then the time in Asia/Shanghai. */
export function exportFileName(base: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${base}_${get("year")}${get("month")}${get("day")}-${get("hour")}${get("minute")}.csv`;
}

/** The most rows one export fetches. */
export const EXPORT_CAP = 5000;

export interface Collected<T> {
  items: T[];
  /** How many there were in all (may be more than were fetched). */
  total: number;
  capped: boolean;
}

/**
 * Fetches page after page of a numbered list (page, pageSize → items, total) up to `cap` rows,
 * reporting progress after each page.
 */
export async function collectPages<T>(
  fetchPage: (page: number, pageSize: number, signal?: AbortSignal) => Promise<{ items: T[]; total: number }>,
  options: { pageSize?: number; cap?: number; onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<Collected<T>> {
  const pageSize = options.pageSize ?? 200;
  const cap = options.cap ?? EXPORT_CAP;
  const items: T[] = [];
  let total: number;
  for (let page = 1; ; page++) {
    const result = await fetchPage(page, pageSize, options.signal);
    total = result.total;
    items.push(...result.items.slice(0, cap - items.length));
    options.onProgress?.(items.length, Math.min(total, cap));
    if (result.items.length < pageSize || items.length >= cap || items.length >= total) break;
  }
  return { items, total, capped: total > items.length && items.length >= cap };
}

/** The same for a list paged backwards by a cursor (the audit log's beforeId). */
export async function collectCursor<T, C>(
  fetchPage: (cursor: C | undefined, limit: number, signal?: AbortSignal) => Promise<{ items: T[]; next: C | null }>,
  options: { limit?: number; cap?: number; onProgress?: (loaded: number) => void; signal?: AbortSignal } = {},
): Promise<Collected<T>> {
  const limit = options.limit ?? 200;
  const cap = options.cap ?? EXPORT_CAP;
  const items: T[] = [];
  let cursor: C | undefined;
  let more = true;
  while (more && items.length < cap) {
    const result = await fetchPage(cursor, limit, options.signal);
    items.push(...result.items.slice(0, cap - items.length));
    options.onProgress?.(items.length);
    more = result.next !== null && result.items.length > 0;
    cursor = result.next ?? undefined;
  }
  return { items, total: more ? items.length + 1 : items.length, capped: more };
}
