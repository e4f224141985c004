import { Suspense, lazy } from "react";
import { Loading } from "../PageState";
import type { MapViewProps } from "./types";

export type { BaseMapSettings, MapPoint, MapShapes, MapViewProps } from "./types";

// Leaflet and its plugins come with the first page that shows a map, not with the app.
const TileMap = lazy(() => import("./TileMap"));

export function MapView(props: MapViewProps) {
  return (
    <Suspense fallback={<Loading minHeight={typeof props.height === "number" ? props.height : 240} />}>
      <TileMap {...props} />
    </Suspense>
  );
}
