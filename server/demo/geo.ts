/** A lon/lat rectangle; the demo's boundaries are rectangles that tile their parent exactly. */
export interface Rect {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Polygon {
  type: "Polygon";
  coordinates: [number, number][][];
}

/** Roughly the extent of Hejin (河津市) on the map. */
export const hejinExtent: Rect = { west: 110.55, south: 35.5, east: 110.85, north: 35.72 };

/** 1e-7 degrees is about a centimetre: fine enough, and it keeps the stored JSON short. */
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/**
 * Splits a rectangle into exactly `n` cells of equal area: ceil(sqrt(n)) columns, the first
 * n mod columns holding one row more, each column as wide as its share of cells. Every inner edge
 * is computed once and shared by the cells on both sides, so the cells neither overlap nor leave gaps.
 */
export function tile(rect: Rect, n: number): Rect[] {
  if (n < 1) throw new Error("tile needs at least one cell");
  const columns = Math.ceil(Math.sqrt(n));
  const baseRows = Math.floor(n / columns);
  const extra = n % columns;
  const cells: Rect[] = [];
  let west = rect.west;
  let cellsBefore = 0;
  for (let column = 0; column < columns; column++) {
    const rows = baseRows + (column < extra ? 1 : 0);
    cellsBefore += rows;
    const east = column === columns - 1 ? rect.east : round(rect.west + ((rect.east - rect.west) * cellsBefore) / n);
    let south = rect.south;
    for (let row = 0; row < rows; row++) {
      const north = row === rows - 1 ? rect.north : round(rect.south + ((rect.north - rect.south) * (row + 1)) / rows);
      cells.push({ west, south, east, north });
      south = north;
    }
    west = east;
  }
  return cells;
}

/** GeoJSON Polygon with a closed, counter-clockwise exterior ring (RFC 7946). */
export function toPolygon(rect: Rect): Polygon {
  const { west, south, east, north } = rect;
  return {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}
