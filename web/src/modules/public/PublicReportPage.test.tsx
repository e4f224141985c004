import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import PublicReportPage from "./PublicReportPage";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const fetchMock = vi.fn(async (url: string) => {
  if (url.startsWith("/api/public/event-types")) return json({ items: [{ id: 1, code: "T1", name: "垃圾堆放", category: "市容环境", description: "" }] });
  if (url.startsWith("/api/public/base-map")) return json({ tileUrl: null, subdomains: "", attribution: "", maxZoom: 18, version: 1 });
  return json({ type: "FeatureCollection", features: [] });
});

beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockClear();
});

/** The residents' 随手拍 on the light kit: what is missing is named before anything is sent, and a report needs a place. */
describe("the residents' 随手拍 form", () => {
  it("names the missing type and description, then asks for the place, sending nothing", async () => {
    renderWithProviders(<PublicReportPage city="hejin" />);
    const select = (await screen.findByTestId("public-report-type")) as HTMLSelectElement;
    await waitFor(() => expect(within(select).queryByText("垃圾堆放")).not.toBeNull());
    fireEvent.click(screen.getByTestId("public-report-submit"));
    expect(await screen.findByText("请填写事件类型")).toBeTruthy();
    expect(screen.getByText("请填写情况描述")).toBeTruthy();

    fireEvent.change(select, { target: { value: "1" } });
    fireEvent.change(screen.getByTestId("public-report-description"), { target: { value: "小区门口垃圾多日无人清运" } });
    fireEvent.click(screen.getByTestId("public-report-submit"));
    expect(await screen.findByText("请使用定位或在地图上点选位置")).toBeTruthy();
    expect(screen.queryByText("请填写事件类型")).toBeNull();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith("/api/public/events"))).toBe(false);
    expect(screen.getByTestId("public-report").querySelector('[class*="ant-"]')).toBeNull();
  });
});
