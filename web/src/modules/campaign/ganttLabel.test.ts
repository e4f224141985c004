import { describe, expect, it } from "vitest";
import { pctPlacement } from "./ganttLabel";

describe("a Gantt bar's percentage", () => {
  it("goes inside a 工程 bar that spans the whole campaign (it was pushed under the name column and read “%”)", () => {
    expect(pctPlacement({ left: 0, width: 1 })).toBe("inside");
    expect(pctPlacement({ left: 0.02, width: 0.95 })).toBe("inside");
  });

  it("follows a short bar, and precedes one that ends near the right edge", () => {
    expect(pctPlacement({ left: 0.1, width: 0.3 })).toBe("after");
    expect(pctPlacement({ left: 0.5, width: 0.48 })).toBe("before");
  });
});
