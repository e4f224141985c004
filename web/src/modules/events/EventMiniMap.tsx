import { MapView } from "../../components/map";
import { useI18n } from "../../i18n";
import { useBaseMap } from "../field/useBaseMap";

/** Where an event happened: a small map with its pin (the coordinates under it, for copying). */
export function EventMiniMap({ lon, lat }: { lon: number; lat: number }) {
  const i18n = useI18n();
  const baseMap = useBaseMap();
  return (
    <div style={{ width: "100%", minWidth: 200 }}>
      <MapView baseMap={baseMap} pin={{ lon, lat }} height={180} testId="event-mini-map" />
      <span className="zl-muted" style={{ fontSize: 12 }} aria-label={i18n.t("map.mini.title")}>
        {lon.toFixed(5)}, {lat.toFixed(5)}
      </span>
    </div>
  );
}
