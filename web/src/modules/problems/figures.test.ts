import { describe, expect, it } from "vitest";
import { problemFigureCards } from "./figures";

describe("problem figure cards", () => {
  const street = { id: 3, kind: "street" };

  it("opens each count's records, and a rate the list of its denominator", () => {
    const cards = problemFigureCards({ "problems.total": 120, "problems.overdue": 4, "problems.due": 80, "problems.closureRate": 91.3 }, street);
    const byKey = new Map(cards.map((c) => [c.key, c]));
    expect(byKey.get("problems.total")).toEqual({ key: "problems.total", kind: "count", value: 120, route: "/problems?org=3&figure=problems.total" });
    expect(byKey.get("problems.overdue")?.route).toBe("/problems?org=3&figure=problems.overdue");
    expect(byKey.get("problems.clues")?.route).toBe("/problems/clues?org=3&figure=problems.clues");
    expect(byKey.get("problems.disclosedLists")?.route).toBe("/problems/lists?org=3&status=published");
    expect(byKey.get("problems.closureRate")).toMatchObject({ kind: "rate", value: 91.3, route: "/problems?org=3&figure=problems.due", denominator: 80 });
  });

  it("leaves a rate empty (too few cases) when the server left it out, never 0", () => {
    const cards = problemFigureCards({ "problems.handled": 3, "problems.reworked": 1 }, street);
    const rework = cards.find((c) => c.key === "problems.reworkRate");
    expect(rework).toMatchObject({ value: null, denominator: 3 });
    expect(cards.filter((c) => c.kind === "rate")).toHaveLength(3);
    expect(cards.filter((c) => c.kind === "count")).toHaveLength(11);
  });
});
