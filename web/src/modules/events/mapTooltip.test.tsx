import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import EventMapPage from "./EventMapPage";
import { mapTooltip, type MapTooltipParams } from "./mapTooltip";

const markup = `<img src=x onerror="window.pwned=1">占道经营`;

/** What a reader sees when ECharts puts the tooltip string into the page. */
function shown(html: string): HTMLDivElement {
  const box = document.createElement("div");
  box.innerHTML = html;
  return box;
}

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const square = { type: "Polygon", coordinates: [[[110.7, 35.6], [110.8, 35.6], [110.8, 35.7], [110.7, 35.7], [110.7, 35.6]]] };

afterEach(() => vi.unstubAllGlobals());

// jsdom has no canvas to draw on: the chart component keeps the option the page gives it instead.
const given = vi.hoisted(() => ({ option: undefined as undefined | { tooltip: { formatter: (p: MapTooltipParams) => string } } }));
vi.mock("echarts-for-react/esm/core", () => ({
  default: (props: { option: typeof given.option }) => {
    given.option = props.option;
    return null;
  },
}));

describe("the event map's tooltip", () => {
  it("shows an event type named with markup as text, with its stage", () => {
    const box = shown(mapTooltip({ seriesType: "scatter", name: markup, data: { stage: "handling" } }, () => "处置中<script>"));
    expect(box.querySelector("img")).toBeNull();
    expect(box.querySelector("script")).toBeNull();
    expect(box.textContent).toBe(`${markup}处置中<script>`);
  });

  it("shows an area named with markup as text", () => {
    const box = shown(mapTooltip({ seriesType: "map", name: `"><svg onload=alert(1)>` }, String));
    expect(box.querySelector("svg")).toBeNull();
    expect(box.textContent).toBe(`"><svg onload=alert(1)>`);
  });

  it("is the formatter the rendered page gives ECharts, and the page lists the name as text", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        if (url.startsWith("/api/events/map")) return json({ items: [{ id: 7, lon: 110.75, lat: 35.65, stage: "handling", light: "red", typeName: markup }], truncated: false });
        if (url.startsWith("/api/grids.geojson")) {
          return json({ type: "FeatureCollection", features: [{ type: "Feature", id: 3, properties: { id: 3, code: "V1", name: "<b>下坡村</b>", kind: "village", parentId: 2 }, geometry: square }] });
        }
        return json({ items: [], total: 0 });
      }),
    );
    const { container } = renderWithProviders(<EventMapPage />);
    const point = await screen.findByTestId("map-point");
    expect(point.textContent).toContain(markup);
    expect(container.querySelector("img")).toBeNull();
    await screen.findByTestId("map-chart");
    await waitFor(() => expect(given.option).toBeDefined());
    const box = shown(given.option!.tooltip.formatter({ seriesType: "scatter", name: markup, data: { stage: "handling" } }));
    expect(box.querySelector("img")).toBeNull();
    expect(box.textContent).toBe(`${markup}处置中`);
  });
});
