import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import { ProvinceHome } from "./ProvinceHome";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const city = (id: number, name: string, prefecture: string, value: number | null) => ({ org: { id, name, kind: "city" }, prefecture, value });
const province = {
  prefecture: null,
  figure: "events.total",
  asOf: "2026-06-01T01:00:00.000Z",
  figures: { "events.total": 22 },
  items: [{ key: "events.total", value: 22, group: "events", unit: "count", label: { zh: "事件总数", en: "Events" }, drill: null }],
  cities: [city(1, "河津市", "运城市", 5), city(2, "<b>稷山县</b>", "运城市", 12), city(3, "侯马市", "临汾市", 5), city(4, "新建市", "临汾市", null)],
};

afterEach(() => vi.unstubAllGlobals());

describe("the province reader's home", () => {
  it("shows the province's figure and the cities ranked by it, equal values sharing a place, names as text", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(province)),
    );
    const { container } = renderWithProviders(<ProvinceHome />);
    expect(await screen.findByText("全省数据")).toBeTruthy();
    expect(within(screen.getByTestId("figure-events.total")).getByText("22")).toBeTruthy();
    const rows = within(screen.getByTestId("province-ranking")).getAllByRole("row").slice(1);
    expect(rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => cell.textContent))).toEqual([
      ["1", "<b>稷山县</b>", "运城市", "12"],
      ["2", "河津市", "运城市", "5"],
      ["2", "侯马市", "临汾市", "5"],
      ["—", "新建市", "临汾市", "—"],
    ]);
    expect(container.querySelector("b")).toBeNull();
    // A figure opens the ranking by it: the province has no list of records of its own.
    expect(screen.getByTestId("figure-events.total").getAttribute("href")).toBe("#/?figure=events.total");
  });
});
