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

  it("shows the province's rates with their units, percent and hours, in Chinese and in English", async () => {
    const rates = {
      ...province,
      figure: "events.rate.satisfaction",
      figures: { "events.rate.satisfaction": 63.6, "service.hoursPerMember": 0.8 },
      items: [
        { key: "events.rate.satisfaction", value: 63.6, group: "events", unit: "percent", label: { zh: "满意率", en: "Satisfaction rate" }, drill: null },
        { key: "service.hoursPerMember", value: 0.8, group: "service", unit: "hours", label: { zh: "党员人均服务时长", en: "Service hours per member" }, drill: null },
      ],
      cities: [city(1, "河津市", "运城市", 70), city(2, "稷山县", "运城市", null)],
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(rates)),
    );
    const shown = (key: string) => screen.getByTestId(`figure-${key}`).textContent;
    const zh = renderWithProviders(<ProvinceHome />);
    expect(await screen.findByTestId("figure-events.rate.satisfaction")).toBeTruthy();
    expect([shown("events.rate.satisfaction"), shown("service.hoursPerMember")]).toEqual(["满意率63.6%", "党员人均服务时长0.8小时"]);
    const cells = () => within(screen.getByTestId("province-ranking")).getAllByRole("row").slice(1).map((row) => row.querySelectorAll("td")[3]!.textContent);
    expect(cells()).toEqual(["70 %", "—"]);
    zh.unmount();
    renderWithProviders(<ProvinceHome />, { locale: "en" });
    expect(await screen.findByTestId("figure-events.rate.satisfaction")).toBeTruthy();
    expect([shown("events.rate.satisfaction"), shown("service.hoursPerMember")]).toEqual(["Satisfaction rate63.6%", "Service hours per member0.8hours"]);
    expect(cells()).toEqual(["70 %", "—"]);
  });
});
