import { describe, expect, it } from "vitest";
import {
  apiParams,
  exportParams,
  filtersFromQuery,
  filtersOf,
  loadViews,
  MAX_VIEWS,
  parseViews,
  queryOf,
  removeView,
  sameFilters,
  storeViews,
  upsertView,
  validDay,
  viewsStorageKey,
} from "./query";
import { withQuery } from "../../app/router";

const q = (text: string) => new URLSearchParams(text);

describe("problem list filters ↔ the URL", () => {
  it("reads every known filter and drops what is unknown or malformed", () => {
    const state = filtersFromQuery(
      q("org=3&status=rectifying&channel=hotline&source=residents&category=safety&light=red&from=2026-03-01&to=2026-03-31&q=%20路灯%20&clue=12&commonList=4&escalated=true&figure=problems.overdue&responsible=7&sort=deadline&page=2&pageSize=50"),
    );
    expect(state).toEqual({
      org: 3,
      status: "rectifying",
      channel: "hotline",
      source: "residents",
      category: "safety",
      light: "red",
      from: "2026-03-01",
      to: "2026-03-31",
      q: "路灯",
      clue: 12,
      commonList: 4,
      escalated: "true",
      figure: "problems.overdue",
      responsible: 7,
      sort: "deadline",
      page: 2,
      pageSize: 50,
    });
    const bad = filtersFromQuery(q("org=-1&status=open&light=blue&from=2026-02-30&to=yesterday&escalated=yes&figure=problems.closureRate&responsible=x&sort=random&page=0&pageSize=5000"));
    expect(bad).toEqual({ page: 1, pageSize: 200 });
  });

  it("writes a URL in a fixed order, leaving out defaults, and reads it back the same", () => {
    const state = filtersFromQuery(q("q=漏水&org=3&light=yellow&sort=recent&page=1&pageSize=20"));
    expect(withQuery("/problems", queryOf(state))).toBe(`/problems?org=3&q=${encodeURIComponent("漏水")}&light=yellow`);
    const round = filtersFromQuery(q(withQuery("/problems", queryOf({ ...state, page: 3, pageSize: 50 })).split("?")[1] ?? ""));
    expect(round).toEqual({ ...state, sort: undefined, page: 3, pageSize: 50 } as typeof round);
  });

  it("sends the list its filters and paging, the export the same filters without sort or paging", () => {
    const state = filtersFromQuery(q("org=3&status=closed&figure=problems.closed&sort=found&page=4&pageSize=10"));
    expect(apiParams(state)).toEqual({ org: 3, status: "closed", figure: "problems.closed", sort: "found", page: 4, pageSize: 10 });
    expect(exportParams(state)).toEqual({ org: 3, status: "closed", figure: "problems.closed" });
  });

  it("compares filter sets regardless of paging and of the default sort", () => {
    expect(sameFilters({ org: 3, sort: "recent" }, { org: 3 })).toBe(true);
    expect(sameFilters(filtersOf(filtersFromQuery(q("org=3&page=5"))), { org: 3 })).toBe(true);
    expect(sameFilters({ org: 3 }, { org: 3, status: "closed" })).toBe(false);
  });

  it("accepts only real days", () => {
    expect(validDay("2026-02-28")).toBe("2026-02-28");
    expect(validDay("2026-02-29")).toBeUndefined();
    expect(validDay("2026-2-1")).toBeUndefined();
    expect(validDay(null)).toBeUndefined();
  });
});

describe("saved views", () => {
  const now = new Date("2026-03-01T02:00:00Z");

  it("adds a view first, replaces one of the same name, and removes by name", () => {
    let views = upsertView([], "红灯问题", { light: "red" }, now);
    views = upsertView(views, "清涧", { org: 3 }, now);
    expect(views.map((v) => v.name)).toEqual(["清涧", "红灯问题"]);
    views = upsertView(views, " 红灯问题 ", { light: "red", org: 3 }, now);
    expect(views.map((v) => v.name)).toEqual(["红灯问题", "清涧"]);
    expect(views[0]?.filters).toEqual({ light: "red", org: 3 });
    expect(views[0]?.savedAt).toBe(now.toISOString());
    expect(removeView(views, "清涧").map((v) => v.name)).toEqual(["红灯问题"]);
    expect(upsertView(views, "   ", { org: 1 })).toHaveLength(2);
  });

  it("keeps at most MAX_VIEWS, the newest", () => {
    let views = upsertView([], "v0", { org: 1 }, now);
    for (let i = 1; i <= MAX_VIEWS + 5; i++) views = upsertView(views, `v${i}`, { org: i + 1 }, now);
    expect(views).toHaveLength(MAX_VIEWS);
    expect(views[0]?.name).toBe(`v${MAX_VIEWS + 5}`);
  });

  it("stores per account in localStorage and reads back only what is valid", () => {
    const views = upsertView([], "本周", { from: "2026-03-01", status: "submitted" }, now);
    expect(storeViews(window.localStorage, 7, views)).toBe(true);
    expect(window.localStorage.getItem(viewsStorageKey(7))).toContain("本周");
    expect(loadViews(window.localStorage, 7)).toEqual(views);
    expect(loadViews(window.localStorage, 8)).toEqual([]);
  });

  it("reads a damaged or tampered value as no views, and re-checks each view's filters", () => {
    expect(parseViews("not json")).toEqual([]);
    expect(parseViews('{"name":"x"}')).toEqual([]);
    const parsed = parseViews(JSON.stringify([{ name: "a", filters: { status: "nonsense", org: 3, evil: "<script>" } }, { name: "", filters: {} }, { filters: {} }, "x"]));
    expect(parsed).toEqual([{ name: "a", filters: { org: 3 }, savedAt: "" }]);
  });
});
