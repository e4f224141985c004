import { describe, expect, it } from "vitest";
import { yuan } from "./labels";

describe("yuan", () => {
  it("shows fen as yuan to the fen, grouped, without floating point", () => {
    expect(yuan(123_456_789)).toBe("1,234,567.89");
    expect(yuan(5)).toBe("0.05");
    expect(yuan(-100)).toBe("-1.00");
    expect(yuan(8_903_000_000)).toBe("89,030,000.00");
  });
});
