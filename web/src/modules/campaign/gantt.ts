/**
 * The arithmetic of the battle map's timeline (挂图作战), free of React so that it is tested on its
 * own. Days are calendar days ("YYYY-MM-DD", the city's); positions are fractions of the range
 * (0 … 1), so that the same layout fills a phone's scrolled strip and an A3 sheet alike.
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a calendar day; NaN for anything else. */
export function dayNumber(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return Number.NaN;
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayString(dayNumber(day) + days);
}

export interface TimeRange {
  /** The first day shown (inclusive). */
  from: string;
  /** The day after the last day shown (exclusive): a bar ending on the deadline reaches its end. */
  to: string;
  days: number;
}

/**
 * The span the timeline covers: the campaign's, widened to every bar and to today, then snapped to
 * whole months so that the month ticks start at the left edge.
 */
export function timeRange(campaign: { startsOn: string; endsOn: string }, items: readonly { startsOn: string; deadline: string }[], today?: string): TimeRange {
  let first = dayNumber(campaign.startsOn);
  let last = dayNumber(campaign.endsOn);
  for (const item of items) {
    const start = dayNumber(item.startsOn);
    const end = dayNumber(item.deadline);
    if (Number.isFinite(start)) first = Math.min(first, start);
    if (Number.isFinite(end)) last = Math.max(last, end);
  }
  if (today !== undefined && Number.isFinite(dayNumber(today))) {
    first = Math.min(first, dayNumber(today));
    last = Math.max(last, dayNumber(today));
  }
  if (!Number.isFinite(first) || !Number.isFinite(last)) {
    const now = dayNumber(new Date().toISOString().slice(0, 10));
    first = now;
    last = now + 30;
  }
  const from = monthStart(dayString(first));
  const to = nextMonthStart(dayString(last));
  return { from, to, days: dayNumber(to) - dayNumber(from) };
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function nextMonthStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** Where a day's start falls in the range, 0 … 1 (clamped). */
export function fractionOf(range: TimeRange, day: string): number {
  const n = dayNumber(day);
  if (!Number.isFinite(n) || range.days <= 0) return 0;
  return clamp((n - dayNumber(range.from)) / range.days);
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export interface Bar {
  /** Left edge, 0 … 1. */
  left: number;
  /** Width, 0 … 1; at least one day, so that a one-day project still shows. */
  width: number;
  /** The filled part of the bar (progress), 0 … 1 of the bar's own width. */
  filled: number;
}

/** A project's bar: from its start day to the end of its deadline day. */
export function barOf(range: TimeRange, item: { startsOn: string; deadline: string; progress: number }): Bar {
  const startDay = dayNumber(item.startsOn);
  const endDay = dayNumber(item.deadline);
  const start = Number.isFinite(startDay) ? startDay : endDay;
  const end = Math.max(start, Number.isFinite(endDay) ? endDay : start) + 1;
  const left = fractionOf(range, dayString(start));
  const right = fractionOf(range, dayString(end));
  const oneDay = range.days > 0 ? 1 / range.days : 0;
  return { left, width: Math.max(right - left, Math.min(oneDay, 1 - left)), filled: clamp(item.progress / 100) };
}

export interface Tick {
  day: string;
  /** 0 … 1 */
  at: number;
  /** 0 … 1: up to the next tick (or the end). */
  width: number;
  year: number;
  month: number;
  /** The first tick, and every January: where the year is worth printing. */
  showYear: boolean;
}

/** One tick per month of the range. */
export function monthTicks(range: TimeRange): Tick[] {
  const ticks: Tick[] = [];
  for (let day = range.from; dayNumber(day) < dayNumber(range.to); day = nextMonthStart(day)) {
    const next = nextMonthStart(day);
    const end = dayNumber(next) < dayNumber(range.to) ? next : range.to;
    const month = Number(day.slice(5, 7));
    ticks.push({
      day,
      at: fractionOf(range, day),
      width: (dayNumber(end) - dayNumber(day)) / range.days,
      year: Number(day.slice(0, 4)),
      month,
      showYear: ticks.length === 0 || month === 1,
    });
    if (ticks.length > 240) break;
  }
  return ticks;
}

/** Pixels per day on screen, so that the timeline stays readable and scrolls sideways on a phone. */
export const SCREEN_DAY_PX = 3;

/** The width of the scrolling strip on screen: the label column and the days. */
export function screenWidth(range: TimeRange, labelPx: number, dayPx = SCREEN_DAY_PX): number {
  return labelPx + Math.max(range.days, 30) * dayPx;
}

/** "own first": the caller's own work on top, the rest in the order the server gave. */
export function ownFirst<T extends { own: boolean }>(items: readonly T[]): T[] {
  return [...items.filter((item) => item.own), ...items.filter((item) => !item.own)];
}

export const lightColors = { green: "#389e0d", yellow: "#d48806", red: "#cf1322" } as const;
/** The lighter shade behind the progress part of a bar. */
export const lightTrack = { green: "#d9f7be", yellow: "#fff1b8", red: "#ffccc7" } as const;
