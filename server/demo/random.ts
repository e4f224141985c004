/**
 * A seeded generator (mulberry32): the demo city must come out identical on every run and machine,
 * so nothing here may touch Math.random or the clock.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream of its own per section, so that changing one section does not reshuffle the others. */
  static forSection(seed: number, section: string): Random {
    let h = seed >>> 0;
    for (const char of section) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return new Random(h);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Picks by relative weight: [[value, weight], …]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let target = this.next() * total;
    for (const [value, weight] of choices) {
      target -= weight;
      if (target < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new Error("weighted pick from an empty list");
    return last[0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}

/**
 * Splits `total` into integer shares proportional to `weights`, each at least `min`, by largest
 * remainder: the shares always add up to `total` exactly, which is what the figures need.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const free = total - min * weights.length;
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (free < 0 || weightSum <= 0) throw new Error(`cannot apportion ${total} over ${weights.length} shares of at least ${min}`);
  const exact = weights.map((weight) => (free * weight) / weightSum);
  const shares = exact.map((share) => min + Math.floor(share));
  const remainders = exact.map((share, index) => ({ index, rest: share - Math.floor(share) }));
  remainders.sort((a, b) => b.rest - a.rest || a.index - b.index);
  let left = total - shares.reduce((sum, share) => sum + share, 0);
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left--;
  }
  return shares;
}
