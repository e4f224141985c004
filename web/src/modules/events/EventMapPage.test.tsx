import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import { AuthProvider } from "../auth/AuthContext";
import EventMapPage from "./EventMapPage";

const markup = `<img src=x onerror="window.pwned=1">占道经营`;

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const square = { type: "Polygon", coordinates: [[[110.7, 35.6], [110.8, 35.6], [110.8, 35.7], [110.7, 35.7], [110.7, 35.6]]] };

afterEach(() => vi.unstubAllGlobals());

/**
 * Names typed by staff (event types, places) reach the page as text, never as markup; without a tile
 * address the map draws the outlines alone. (The markers and their tooltips: e2e/map.e2e.ts, in a browser.)
 */
describe("the event map", () => {
  it("shows an event type and a place named with markup as text, and no tiles without a base map", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        if (url.startsWith("/api/events/map")) return json({ items: [{ id: 7, lon: 110.75, lat: 35.65, stage: "handling", light: "red", typeName: markup }], truncated: false });
        if (url.startsWith("/api/grids.geojson")) {
          return json({ type: "FeatureCollection", features: [{ type: "Feature", id: 3, properties: { id: 3, code: "V1", name: "<b>下坡村</b>", kind: "village", parentId: 2 }, geometry: square }] });
        }
        if (url.startsWith("/api/base-map")) return json({ tileUrl: null, subdomains: "", attribution: "", maxZoom: 18, version: 1 });
        return json({ items: [], total: 0 });
      }),
    );
    const { container } = renderWithProviders(
      <AuthProvider>
        <EventMapPage />
      </AuthProvider>,
    );
    const point = await screen.findByTestId("map-point");
    expect(point.textContent).toContain(markup);
    const map = await screen.findByTestId("events-tile-map");
    await waitFor(() => expect(map.getAttribute("data-points")).toBe("1"));
    expect(map.getAttribute("data-tiles")).toBe("off");
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });
});
