import type { Database } from "../../db/client";
import { badRequest } from "../../platform/errors";
import { CityCache } from "./cache";
import * as orgs from "../orgs/service";
import { GridIndex, polygonsOf, type GridShape } from "./spatial";

/** A city's micro-grids as a spatial index, and its places by id and by name (see cache.ts for freshness). */
interface Geography {
  index: GridIndex;
  places: orgs.PlaceRow[];
  byId: Map<number, orgs.PlaceRow>;
}

const geographies = new CityCache<Geography>(async (db, cityId) => {
  const shapes: GridShape[] = (await orgs.microGridShapes(db, cityId)).map((row) => ({ id: row.id, path: row.path, polygons: polygonsOf(row.boundary) }));
  const places = await orgs.placesOfCity(db, cityId);
  return { index: new GridIndex(shapes), places, byId: new Map(places.map((place) => [place.id, place])) };
}, orgs.geographyStamp);

export function geographyOf(db: Database, cityId: number): Promise<Geography> {
  return geographies.get(db, cityId);
}

export function invalidateGeography(db: Database, cityId: number): void {
  geographies.invalidate(db, cityId);
}

/** The micro-grid of a point, or a 400 naming the location fields when it lies outside every one. */
export async function locatePoint(db: Database, cityId: number, lon: number, lat: number): Promise<orgs.PlaceRow> {
  const geography = await geographyOf(db, cityId);
  const shape = geography.index.locate(lon, lat);
  const place = shape ? geography.byId.get(shape.id) : undefined;
  if (!place) {
    const message = "该位置不在任何微网格内 (the point lies outside every micro-grid)";
    throw badRequest(message, [
      { field: "lon", message },
      { field: "lat", message },
    ]);
  }
  return place;
}

/**
 * A place named in a free-text address (Open311's address_string): the deepest node whose name the
 * address contains, the longest name first among equals. Undefined when the address names none.
 */
export async function placeInAddress(db: Database, cityId: number, address: string): Promise<orgs.PlaceRow | undefined> {
  let best: orgs.PlaceRow | undefined;
  for (const place of (await geographyOf(db, cityId)).places) {
    if (place.depth === 0 || !address.includes(place.name)) continue;
    if (!best || place.depth > best.depth || (place.depth === best.depth && place.name.length > best.name.length)) best = place;
  }
  return best;
}

export async function placeByCode(db: Database, cityId: number, code: string): Promise<orgs.PlaceRow | undefined> {
  return (await geographyOf(db, cityId)).places.find((place) => place.code === code);
}
