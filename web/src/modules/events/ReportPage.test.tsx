import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import ReportPage from "./ReportPage";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const type = (id: number, name: string, category: string, retired = false) => ({
  id,
  code: `T${id}`,
  name,
  category,
  conflict: false,
  description: "",
  notice: "",
  keywords: "",
  attributes: [],
  functions: [],
  limits: [],
  retired,
  version: 1,
});

const fetchMock = vi.fn(async (url: string) => {
  if (url.startsWith("/api/event-types")) return json({ items: [type(1, "占道经营", "市容环境"), type(2, "井盖缺失", "市政设施"), type(3, "旧类型", "市政设施", true)], defaults: [] });
  if (url.startsWith("/api/base-map")) return json({ tileUrl: null, subdomains: "", attribution: "", maxZoom: 18, version: 1 });
  return json({ type: "FeatureCollection", features: [] });
});

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  // The device's location, at once: the form may be sent only once it is known.
  Object.defineProperty(navigator, "geolocation", {
    configurable: true,
    value: { getCurrentPosition: (done: PositionCallback) => done({ coords: { longitude: 110.75, latitude: 35.65, accuracy: 12 } } as GeolocationPosition) },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockClear();
});

/** The grid worker's report form on the light kit: the phone's own pickers, its messages in both languages, and no antd. */
describe("the event report form", () => {
  it("offers the types by category (retired ones left out) and says, in Chinese, what is missing before sending anything", async () => {
    renderWithProviders(<ReportPage />);
    const select = (await screen.findByTestId("report-type")) as HTMLSelectElement;
    await waitFor(() => expect(within(select).queryByText("占道经营")).not.toBeNull());
    expect([...select.querySelectorAll("optgroup")].map((group) => group.label)).toEqual(["市容环境", "市政设施"]);
    expect(within(select).queryByText("旧类型")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("report-location").getAttribute("data-located")).toBe("true"));

    fireEvent.click(screen.getByTestId("report-submit"));
    expect(await screen.findByText("请填写事件类型")).toBeTruthy();
    expect(screen.getByText("请填写事件描述")).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith("/api/events"))).toBe(false);

    // The messages follow the fields: chosen and written, they go.
    fireEvent.change(select, { target: { value: "1" } });
    fireEvent.change(screen.getByTestId("report-description"), { target: { value: "   " } });
    await waitFor(() => expect(screen.queryByText("请填写事件类型")).toBeNull());
    expect(screen.getByText("请填写事件描述")).toBeTruthy();
    fireEvent.change(screen.getByTestId("report-description"), { target: { value: "路口有摊点占道" } });
    await waitFor(() => expect(screen.queryByText("请填写事件描述")).toBeNull());
    expect(select.value).toBe("1");

    // Nothing of antd on the page (the test's own providers aside): a phone loads none for it (bench/web-js.ts).
    expect(screen.getByTestId("report-page").querySelector('[class*="ant-"]')).toBeNull();
  });

  it("says what is missing in English when the interface is in English", async () => {
    renderWithProviders(<ReportPage />, { locale: "en" });
    await screen.findByTestId("report-type");
    await waitFor(() => expect(screen.getByTestId("report-location").getAttribute("data-located")).toBe("true"));
    fireEvent.click(screen.getByTestId("report-submit"));
    expect(await screen.findByText("Please enter Type")).toBeTruthy();
    expect(screen.getByText("Please enter Description")).toBeTruthy();
  });
});
