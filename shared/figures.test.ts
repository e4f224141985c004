import { describe, expect, it } from "vitest";
import { figureRegistry, type FigureKey } from "./figures";

describe("the figure registry", () => {
  it("never counts the same records twice under two names (the home page showed 未受理事件 and 未受理 side by side)", () => {
    // Two sides of one list: the enterprises and the villages of the same pairings.
    const sameListOtherCount = new Set<FigureKey>(["ledger.pairedVillages"]);
    const byDrill = new Map<string, FigureKey[]>();
    for (const [key, definition] of Object.entries(figureRegistry) as [FigureKey, (typeof figureRegistry)[FigureKey]][]) {
      if (definition.unit !== "count" || !definition.drill || sameListOtherCount.has(key)) continue;
      const target = JSON.stringify(definition.drill);
      byDrill.set(target, [...(byDrill.get(target) ?? []), key]);
    }
    expect([...byDrill.values()].filter((keys) => keys.length > 1)).toEqual([]);
  });
});
