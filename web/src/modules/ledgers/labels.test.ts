import { describe, expect, it } from "vitest";
import { yuan, yuanTextToFen } from "./labels";

describe("yuan", () => {
  it("shows fen as yuan to the fen, grouped, without floating point", () => {
    expect(yuan(123_456_789)).toBe("1,234,567.89");
    expect(yuan(5)).toBe("0.05");
    expect(yuan(-100)).toBe("-1.00");
    expect(yuan(8_903_000_000)).toBe("89,030,000.00");
  });
});

describe("yuanTextToFen", () => {
  it("reads yuan as typed into fen by the digits", () => {
    expect(yuanTextToFen("1,234.5")).toBe(123_450);
    expect(yuanTextToFen("0.07")).toBe(7);
    expect(yuanTextToFen("33600")).toBe(3_360_000);
    expect(yuanTextToFen("1.234")).toBeNull();
    expect(yuanTextToFen("-5")).toBeNull();
  });
});
