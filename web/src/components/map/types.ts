/** What a page gives the map: plain data, so the pages need not load Leaflet themselves. */

export interface BaseMapSettings {
  tileUrl: string | null;
  subdomains: string;
  attribution: string;
  maxZoom: number;
}

export interface MapPoint {
  id: number;
  lon: number;
  lat: number;
  /** Shown on hover, as text. */
  label: string;
  /** Overdue: drawn red. */
  red?: boolean;
}

export interface MapShapes {
  type: "FeatureCollection";
  features: { type: "Feature"; geometry: unknown; properties: { name: string } }[];
}

export interface MapViewProps {
  baseMap: BaseMapSettings | null;
  shapes?: MapShapes | null;
  points?: readonly MapPoint[];
  /** Clusters and a heat layer over the points, each switched on the map's layer control. */
  overlays?: boolean;
  /** A single place: the event's, or the one being chosen. */
  pin?: { lon: number; lat: number } | null;
  /** When given, a tap on the map moves the pin there. */
  onPin?: (lon: number, lat: number) => void;
  onOpen?: (id: number) => void;
  height: number | string;
  testId: string;
  /** Where to look when there is nothing to fit: the city's centre, roughly. */
  fallbackCenter?: { lon: number; lat: number };
}
