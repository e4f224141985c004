import { describe, expect, it } from "vitest";

// Components are the .tsx files; the message tables (messages.ts) are data and may be long.
const sources = import.meta.glob<string>(["../**/*.tsx", "!../**/*.test.tsx"], { query: "?raw", import: "default", eager: true });

describe("the web app's components", () => {
  it("are each at most 300 lines: a longer one is split by what its parts do", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const long = Object.entries(sources)
      .map(([file, text]) => ({ file, lines: text.split("\n").length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });
});
