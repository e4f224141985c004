import type { IndicatorMeasure, IndicatorSource } from "../../platform/modules";

/**
 * The arithmetic of a period's scores, with no database: every body's item scores, the weights of
 * the items it has scores for (an item below its minimum sample is left out and its weight shared
 * among the others, with the reason kept), the composite 0–100, then grades and ranks among peers.
 */
export interface ScoringItem {
  id: number;
  source: "auto" | "manual" | "supervision";
  indicatorKey: string | null;
  channel: string | null;
  label: string;
  weight: number;
  minSample: number;
}

export interface ScoringBody {
  kind: string;
  id: number;
  name: string;
  nodeId: number;
  parentId: number | null;
  parentName: string | null;
}

export interface ScoringInputs {
  items: readonly ScoringItem[];
  bodies: readonly ScoringBody[];
  /** Per automatic item id: the measures of its indicator by body key, and the indicator itself. */
  measures: ReadonlyMap<number, { indicator: IndicatorSource; byBody: ReadonlyMap<string, IndicatorMeasure> }>;
  /** Confirmed manual scores by `${itemId}:${bodyKey}`. */
  manual: ReadonlyMap<string, number>;
  /** Points deducted by supervision findings by `${channel}:${bodyKey}`. */
  deductions: ReadonlyMap<string, number>;
  /** Scores set by decisions, by `${itemId}:${bodyKey}`. */
  adjustments: ReadonlyMap<string, { score: number; reason: string }>;
  grading: { mode: "threshold" | "quota"; thresholds: Record<"A" | "B" | "C" | "D", number>; quotas: Record<"A" | "B" | "C" | "D", number> };
}

/** What a result keeps of each item: the catalogue gives its label and weight, the indicator its drill-down, when read. */
export interface ScoredItem {
  itemId: number;
  effectiveWeight: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  score: number | null;
  /** Why the item was not scored for this body (its weight went to the others). */
  excluded: string | null;
  /** Why the computed score was replaced. */
  adjusted: string | null;
}

export interface ScoredBody extends ScoringBody {
  score: number | null;
  grade: string | null;
  rank: number | null;
  peerRank: number | null;
  items: ScoredItem[];
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const key = (body: { kind: string; id: number }) => `${body.kind}:${body.id}`;

/** "per" indicators grow with size, so they are normalised by their denominator and scored against the peers' range. */
function perRanges(inputs: ScoringInputs): Map<number, { min: number; max: number }> {
  const ranges = new Map<number, { min: number; max: number }>();
  for (const item of inputs.items) {
    const measured = inputs.measures.get(item.id);
    if (!measured || measured.indicator.kind !== "per") continue;
    const values = inputs.bodies
      .map((body) => measured.byBody.get(key(body)))
      .filter((m): m is IndicatorMeasure => m !== undefined && m.denominator > 0 && m.denominator >= item.minSample)
      .map((m) => m.numerator / m.denominator);
    if (values.length > 0) ranges.set(item.id, { min: Math.min(...values), max: Math.max(...values) });
  }
  return ranges;
}

type Computed = Omit<ScoredItem, "effectiveWeight" | "adjusted">;

// Called once per body and item (40,000 times for 10,000 bodies and four items): plain objects, no spreads, the body's key made once.
function computed(itemId: number, numerator: number | null, denominator: number | null, value: number | null, score: number | null, excluded: string | null): Computed {
  return { itemId, numerator, denominator, value, score, excluded };
}

function autoItem(item: ScoringItem, bodyKeyOf: string, inputs: ScoringInputs, ranges: Map<number, { min: number; max: number }>): Computed {
  const measured = inputs.measures.get(item.id);
  if (!measured) return computed(item.id, null, null, null, null, "指标来源未启用 (indicator source not available)");
  const m = measured.byBody.get(bodyKeyOf);
  const numerator = m?.numerator ?? 0;
  const denominator = m?.denominator ?? 0;
  if (denominator <= 0 || denominator < item.minSample) {
    return computed(item.id, numerator, denominator, null, null, `样本不足：${denominator} < ${item.minSample} (fewer cases than the minimum sample)`);
  }
  const better = measured.indicator.better;
  if (measured.indicator.kind === "rate") {
    const value = round((100 * numerator) / denominator, 2);
    return computed(item.id, numerator, denominator, value, round(better === "higher" ? value : 100 - value, 2), null);
  }
  const value = numerator / denominator;
  const range = ranges.get(item.id)!;
  const spread = range.max - range.min;
  const share = spread === 0 ? 1 : better === "higher" ? (value - range.min) / spread : (range.max - value) / spread;
  return computed(item.id, numerator, denominator, round(value, 4), round(100 * share, 2), null);
}

function itemOf(item: ScoringItem, bodyKeyOf: string, inputs: ScoringInputs, ranges: Map<number, { min: number; max: number }>): Computed {
  if (item.source === "auto") return autoItem(item, bodyKeyOf, inputs, ranges);
  if (item.source === "manual") {
    const score = inputs.manual.get(`${item.id}:${bodyKeyOf}`);
    return score === undefined ? computed(item.id, null, null, null, null, "未评分 (not scored)") : computed(item.id, null, null, score, score, null);
  }
  const points = inputs.deductions.get(`${item.channel}:${bodyKeyOf}`) ?? 0;
  return computed(item.id, null, null, points, round(Math.max(0, 100 - points), 2), null);
}

/** Every body's item scores and composite; grades and ranks are set by `gradeAndRank`. */
export function scoreBodies(inputs: ScoringInputs): ScoredBody[] {
  const ranges = perRanges(inputs);
  const adjusting = inputs.adjustments.size > 0;
  return inputs.bodies.map((body) => {
    const bodyKeyOf = key(body);
    const items: ScoredItem[] = [];
    let counted = 0;
    for (const item of inputs.items) {
      const found = itemOf(item, bodyKeyOf, inputs, ranges);
      const adjustment = adjusting ? inputs.adjustments.get(`${item.id}:${bodyKeyOf}`) : undefined;
      const scoredItem: ScoredItem = {
        itemId: found.itemId,
        effectiveWeight: 0,
        numerator: found.numerator,
        denominator: found.denominator,
        value: found.value,
        score: adjustment ? adjustment.score : found.score,
        excluded: adjustment ? null : found.excluded,
        adjusted: adjustment ? adjustment.reason : null,
      };
      if (scoredItem.excluded === null) counted += item.weight;
      items.push(scoredItem);
    }
    let weighted = 0;
    if (counted > 0) {
      items.forEach((scoredItem, index) => {
        if (scoredItem.excluded !== null) return;
        scoredItem.effectiveWeight = round((inputs.items[index]!.weight * 100) / counted, 4);
        weighted += (scoredItem.score ?? 0) * scoredItem.effectiveWeight;
      });
    }
    return { kind: body.kind, id: body.id, name: body.name, nodeId: body.nodeId, parentId: body.parentId, parentName: body.parentName, score: counted > 0 ? round(weighted / 100, 2) : null, grade: null, rank: null, peerRank: null, items };
  });
}

/** Competition ranks (equal scores share a rank) over bodies sorted by score, best first. */
function ranks(sorted: readonly ScoredBody[]): Map<ScoredBody, number> {
  const result = new Map<ScoredBody, number>();
  sorted.forEach((body, index) => {
    const previous = sorted[index - 1];
    result.set(body, previous && previous.score === body.score ? result.get(previous)! : index + 1);
  });
  return result;
}

/**
 * Grades A–E by threshold (the lowest score that reaches each) or by quota (at most that share of the
 * scored bodies, best first; bodies with equal scores never split across grades, so a tie goes down);
 * ranks among all bodies of the kind, and among those under the same parent (villages in a township).
 */
export function gradeAndRank(scored: ScoredBody[], grading: ScoringInputs["grading"]): ScoredBody[] {
  const sorted = scored.filter((body) => body.score !== null).sort((a, b) => b.score! - a.score! || a.id - b.id);
  const overall = ranks(sorted);
  const byParent = new Map<number | null, ScoredBody[]>();
  for (const body of sorted) {
    const group = byParent.get(body.parentId);
    if (group) group.push(body);
    else byParent.set(body.parentId, [body]);
  }
  const peer = new Map<ScoredBody, number>();
  for (const group of byParent.values()) for (const [body, rank] of ranks(group)) peer.set(body, rank);
  const gradeOf = new Map<ScoredBody, string>();
  if (grading.mode === "threshold") {
    for (const body of sorted) {
      const s = body.score!;
      gradeOf.set(body, s >= grading.thresholds.A ? "A" : s >= grading.thresholds.B ? "B" : s >= grading.thresholds.C ? "C" : s >= grading.thresholds.D ? "D" : "E");
    }
  } else {
    let cumulative = 0;
    let start = 0;
    for (const grade of ["A", "B", "C", "D"] as const) {
      cumulative += grading.quotas[grade];
      let end = Math.min(sorted.length, Math.floor((sorted.length * cumulative) / 100 + 1e-9));
      // A tie at the cut would put equal scores in two grades: the whole tie goes to the lower one.
      while (end > start && end < sorted.length && sorted[end]!.score === sorted[end - 1]!.score) end -= 1;
      for (let i = start; i < end; i += 1) gradeOf.set(sorted[i]!, grade);
      start = Math.max(start, end);
    }
    for (let i = start; i < sorted.length; i += 1) gradeOf.set(sorted[i]!, "E");
  }
  return scored.map((body) => ({ ...body, grade: gradeOf.get(body) ?? null, rank: overall.get(body) ?? null, peerRank: peer.get(body) ?? null }));
}
