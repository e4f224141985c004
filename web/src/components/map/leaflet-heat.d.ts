import "leaflet";

// leaflet.heat 0.2.0 ships no types: the one factory used here.
declare module "leaflet" {
  interface HeatLayerOptions {
    radius?: number;
    blur?: number;
    maxZoom?: number;
    minOpacity?: number;
  }
  function heatLayer(latlngs: [number, number, number?][], options?: HeatLayerOptions): Layer;
}
