import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./leaflet-global";
import "leaflet.markercluster";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import "leaflet.heat";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n";
import type { MapViewProps } from "./types";
import "./map.css";

/** Hejin (河津) when there is nothing else to look at. */
const DEFAULT_CENTER = { lon: 110.71, lat: 35.6 };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A tooltip as a text node: Leaflet would take a string as HTML. */
function textNode(text: string): HTMLElement {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

const pointIcon = (red: boolean) => L.divIcon({ className: red ? "zl-map-point zl-map-point-red" : "zl-map-point", iconSize: [14, 14] });
const pinIcon = L.divIcon({ className: "zl-map-pin", iconSize: [22, 22], iconAnchor: [11, 22] });

/**
 * The map under every map of the app: the city's tiles (when configured and the device is online)
 * with the grid outlines over them, or the outlines alone on a plain ground as before; the points
 * clustered, with a heat layer to switch on; a pin that a tap can move. Leaflet draws it; this file
 * and its plugins load only with a page that shows a map.
 */
export default function TileMap({ baseMap, shapes, points, overlays = false, pin, onPin, onOpen, height, testId, fallbackCenter }: MapViewProps) {
  const i18n = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pinLayer = useRef<L.Marker | null>(null);
  const handlers = useRef({ onPin, onOpen });
  handlers.current = { onPin, onOpen };
  const [tiles, setTiles] = useState<"on" | "off">("off");
  const [online, setOnline] = useState(() => navigator.onLine);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  useEffect(() => {
    // A zoom range of its own: the clusters need one even when no tile layer brings it.
    const created = L.map(holder.current!, { zoomControl: true, attributionControl: true, minZoom: 3, maxZoom: 18 });
    const center = fallbackCenter ?? DEFAULT_CENTER;
    created.setView([center.lat, center.lon], 11);
    created.on("click", (event: L.LeafletMouseEvent) => handlers.current.onPin?.(event.latlng.lng, event.latlng.lat));
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
      pinLayer.current = null;
    };
    // The map is made once; what it shows follows the props below.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // The base layer: tiles only with an address and a network; otherwise the outlines stand alone.
  useEffect(() => {
    const current = map.current!;
    if (!baseMap?.tileUrl || !online) {
      setTiles("off");
      return;
    }
    const layer = L.tileLayer(baseMap.tileUrl, {
      subdomains: baseMap.subdomains || "abc",
      maxZoom: baseMap.maxZoom,
      attribution: escapeHtml(baseMap.attribution),
    });
    layer.addTo(current);
    setTiles("on");
    return () => {
      layer.remove();
    };
  }, [baseMap?.tileUrl, baseMap?.subdomains, baseMap?.maxZoom, baseMap?.attribution, online]);

  useEffect(() => {
    const current = map.current!;
    if (!shapes || shapes.features.length === 0) return;
    const layer = L.geoJSON(shapes as unknown as GeoJSON.GeoJsonObject, {
      style: { color: "#9c5a2c", weight: 1.2, fillColor: "#f7f3ee", fillOpacity: tiles === "on" ? 0.08 : 0.6 },
      onEachFeature: (feature, shape) => shape.bindTooltip(textNode(String((feature.properties as { name: string }).name)), { sticky: true }),
    }).addTo(current);
    if (!points?.length && !pin) current.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
    return () => {
      layer.remove();
    };
  }, [shapes, tiles]); // eslint-disable-line react-hooks/exhaustive-deps

  // The layer names as strings: the i18n object changes whenever a message pack loads, and redrawing the
  // clusters then left the old markers on the map beside the new ones.
  const clustersLabel = i18n.t("map.layer.clusters");
  const heatLabel = i18n.t("map.layer.heat");
  // The points by content, not by array: a page that builds a new array of the same points (its labels
  // recomputed when a message pack loads) must not redraw, for a redraw mid-animation left the old
  // clusters' markers beside the new.
  const pointsKey = points?.map((point) => `${point.id}:${point.lat}:${point.lon}:${point.red ? 1 : 0}:${point.label}`).join("|") ?? "";
  const latestPoints = useRef(points);
  latestPoints.current = points;
  useEffect(() => {
    const current = map.current!;
    const points = latestPoints.current;
    if (!points || points.length === 0) return;
    const markers = points.map((point) => {
      const marker = L.marker([point.lat, point.lon], { icon: pointIcon(point.red === true), title: point.label, keyboard: true });
      marker.bindTooltip(textNode(point.label));
      marker.on("click", () => handlers.current.onOpen?.(point.id));
      return marker;
    });
    const bounds = L.latLngBounds(points.map((point) => [point.lat, point.lon] as [number, number]));
    const added: L.Layer[] = [];
    if (overlays) {
      const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
      clusters.addLayers(markers);
      const heat = L.heatLayer(
        points.map((point) => [point.lat, point.lon, point.red ? 1 : 0.5]),
        { radius: 22, blur: 18, minOpacity: 0.3 },
      );
      // The view first, then the clusters: built at the final zoom, they do not re-cluster in an animation
      // that leaves the old level's clusters fading out beside the new (a count read then sees both).
      current.fitBounds(bounds, { padding: [16, 16], maxZoom: 15, animate: false });
      clusters.addTo(current);
      const control = L.control.layers(undefined, { [clustersLabel]: clusters, [heatLabel]: heat }, { collapsed: false }).addTo(current);
      added.push(clusters, heat);
      return () => {
        control.remove();
        for (const layer of added) layer.remove();
      };
    }
    const group = L.featureGroup(markers).addTo(current);
    current.fitBounds(bounds, { padding: [16, 16], maxZoom: 15, animate: false });
    return () => {
      group.remove();
    };
  }, [pointsKey, overlays, clustersLabel, heatLabel]);

  useEffect(() => {
    const current = map.current!;
    if (!pin) {
      pinLayer.current?.remove();
      pinLayer.current = null;
      return;
    }
    const at: [number, number] = [pin.lat, pin.lon];
    if (pinLayer.current) pinLayer.current.setLatLng(at);
    else pinLayer.current = L.marker(at, { icon: pinIcon, interactive: false }).addTo(current);
    // Without animation: a page left mid-zoom (the report sent at once) made Leaflet read a removed pane.
    if (!points?.length) current.setView(at, Math.max(current.getZoom(), 15), { animate: false });
  }, [pin?.lon, pin?.lat]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div
      ref={holder}
      className={tiles === "on" ? "zl-map" : "zl-map zl-map-plain"}
      style={{ height, width: "100%" }}
      data-testid={testId}
      data-tiles={tiles}
      data-points={points?.length ?? 0}
      data-pin={pin ? `${pin.lon.toFixed(6)},${pin.lat.toFixed(6)}` : ""}
      role="application"
      aria-label={i18n.t("map.label")}
    />
  );
}
