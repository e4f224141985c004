import { describe, expect, it } from "vitest";
import { escapeHtml } from "./html";

describe("escapeHtml", () => {
  it("turns every character that starts markup or ends an attribute into an entity", () => {
    expect(escapeHtml(`<img src=x onerror='a("1")'>&\``)).toBe("&lt;img src=x onerror=&#39;a(&quot;1&quot;)&#39;&gt;&amp;&#96;");
    expect(escapeHtml("河津市 &amp;")).toBe("河津市 &amp;amp;");
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(42)).toBe("42");
  });
});
