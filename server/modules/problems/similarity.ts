/**
 * Duplicate suggestion without pg_trgm (PGlite lacks it): Jaccard similarity of character bigrams,
 * which suits Chinese, where words are not separated by spaces. Punctuation, spaces and case are ignored.
 */

/** From this similarity on, an open problem at the same node is suggested as a possible duplicate. */
export const SIMILAR_FROM = 0.4;
/** How many of a node's newest open problems are compared: enough for a village, bounded for a township. */
export const SIMILAR_CANDIDATES = 500;

export function bigrams(text: string): Set<string> {
  const chars = [...text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "")];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

export function rankSimilar<T extends { title: string; description: string }>(text: string, candidates: readonly T[], limit = 5): (T & { similarity: number })[] {
  const target = bigrams(text);
  return candidates
    .map((candidate) => ({ ...candidate, similarity: Math.round(jaccard(target, bigrams(`${candidate.title}${candidate.description}`)) * 100) / 100 }))
    .filter((candidate) => candidate.similarity >= SIMILAR_FROM)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}
