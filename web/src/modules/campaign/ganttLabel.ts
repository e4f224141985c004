/**
 * Where a Gantt bar's percentage goes: after the bar while there is room to its right, else before it
 * while there is room to its left, else inside it. A 工程 spans the whole campaign, so neither side has
 * room: put outside, the figure ran under the sticky name column and showed only “%” (or “00%” on a phone).
 */
export type PctPlacement = "after" | "before" | "inside";

/** The share of the track a label needs beside a bar. */
export const LABEL_ROOM = 0.1;

export function pctPlacement(bar: { left: number; width: number }): PctPlacement {
  if (bar.left + bar.width <= 1 - LABEL_ROOM) return "after";
  if (bar.left >= LABEL_ROOM) return "before";
  return "inside";
}

export const pctClass: Record<PctPlacement, string> = { after: "", before: " zl-gantt-bar-end", inside: " zl-gantt-bar-inside" };
