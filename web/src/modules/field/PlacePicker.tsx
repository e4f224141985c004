import { MapView } from "../../components/map";
import { useI18n } from "../../i18n";
import { useBaseMap } from "./useBaseMap";

/**
 * A pin on a map for a report form: the device's location puts it there first, a tap moves it. The
 * form keeps the place; this only shows it and reports taps. `publicCity` for the residents' side.
 */
export function PlacePicker({ place, onPlace, testId, publicCity }: { place: { lon: number; lat: number } | null; onPlace: (lon: number, lat: number) => void; testId: string; publicCity?: string }) {
  const i18n = useI18n();
  const baseMap = useBaseMap(publicCity);
  const round = (value: number) => Number(value.toFixed(6));
  return (
    <div style={{ width: "100%" }}>
      <MapView baseMap={baseMap} pin={place} onPin={(lon, lat) => onPlace(round(lon), round(lat))} height={220} testId={testId} />
      <span className="zl-muted" style={{ fontSize: 12 }}>
        {i18n.t("map.pin.hint")}
      </span>
    </div>
  );
}
