/**
 * Finding the micro-grid of a point without testing thousands of polygons: a uniform grid of cells
 * over the city's extent, each cell listing the polygons whose bounding box touches it. A point looks
 * at its one cell (a handful of candidates), then tests those by ray casting.
 *
 * Borders are decided, not left to floating point: a point on a polygon's edge counts as inside it,
 * and when several polygons contain the point (a shared edge or corner) the lowest node id wins.
 */

type Ring = readonly (readonly number[])[];
/** One polygon as GeoJSON has it: the exterior ring, then holes. */
type PolygonRings = readonly Ring[];

export interface GridShape {
  id: number;
  path: string;
  /** Every polygon of the shape (a Polygon is one, a MultiPolygon several). */
  polygons: readonly PolygonRings[];
}

interface Entry extends GridShape {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** About a tenth of a millimetre: edges computed twice from the same numbers meet within this. */
const EPSILON = 1e-9;

export type Containment = "inside" | "edge" | "outside";

function onSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const length = Math.hypot(bx - ax, by - ay);
  if (Math.abs(cross) > EPSILON * Math.max(length, 1)) return false;
  return x >= Math.min(ax, bx) - EPSILON && x <= Math.max(ax, bx) + EPSILON && y >= Math.min(ay, by) - EPSILON && y <= Math.max(ay, by) + EPSILON;
}

/** Even-odd ray casting over all rings (holes included), with edges reported separately. */
export function polygonContains(rings: PolygonRings, x: number, y: number): Containment {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i] as [number, number];
      const [bx, by] = ring[j] as [number, number];
      if (onSegment(x, y, ax, ay, bx, by)) return "edge";
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside ? "inside" : "outside";
}

export function shapeContains(shape: Pick<GridShape, "polygons">, x: number, y: number): Containment {
  let result: Containment = "outside";
  for (const polygon of shape.polygons) {
    const here = polygonContains(polygon, x, y);
    if (here === "inside") return "inside";
    if (here === "edge") result = "edge";
  }
  return result;
}

/** The polygons of a GeoJSON Polygon or MultiPolygon; anything else has none. */
export function polygonsOf(geometry: unknown): PolygonRings[] {
  const shape = geometry as { type?: string; coordinates?: unknown } | null;
  if (shape?.type === "Polygon" && Array.isArray(shape.coordinates)) return [shape.coordinates as PolygonRings];
  if (shape?.type === "MultiPolygon" && Array.isArray(shape.coordinates)) return shape.coordinates as PolygonRings[];
  return [];
}

export class GridIndex {
  private readonly entries: Entry[];
  private readonly cells: number[][];
  private readonly columns: number;
  private readonly rows: number;
  private readonly west: number;
  private readonly south: number;
  private readonly cellWidth: number;
  private readonly cellHeight: number;

  constructor(shapes: readonly GridShape[]) {
    this.entries = shapes
      .filter((shape) => shape.polygons.length > 0)
      .map((shape) => {
        let west = Infinity;
        let south = Infinity;
        let east = -Infinity;
        let north = -Infinity;
        for (const polygon of shape.polygons) {
          for (const [x, y] of (polygon[0] ?? []) as [number, number][]) {
            west = Math.min(west, x);
            east = Math.max(east, x);
            south = Math.min(south, y);
            north = Math.max(north, y);
          }
        }
        return { ...shape, west, south, east, north };
      })
      .filter((entry) => Number.isFinite(entry.west));
    const extent = this.entries.reduce(
      (box, entry) => ({ west: Math.min(box.west, entry.west), south: Math.min(box.south, entry.south), east: Math.max(box.east, entry.east), north: Math.max(box.north, entry.north) }),
      { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity },
    );
    const { west, south, east, north } = this.entries.length > 0 ? extent : { west: 0, south: 0, east: 0, north: 0 };
    const width = Math.max(east - west, EPSILON);
    const height = Math.max(north - south, EPSILON);
    // About two cells per polygon, shaped like the extent, so a cell holds a few candidates.
    const cellCount = Math.max(1, this.entries.length * 2);
    this.columns = Math.max(1, Math.round(Math.sqrt((cellCount * width) / height)));
    this.rows = Math.max(1, Math.ceil(cellCount / this.columns));
    this.west = west;
    this.south = south;
    this.cellWidth = width / this.columns;
    this.cellHeight = height / this.rows;
    this.cells = Array.from({ length: this.columns * this.rows }, () => []);
    this.entries.forEach((entry, index) => {
      const [c0, r0] = this.cellOf(entry.west - EPSILON, entry.south - EPSILON);
      const [c1, r1] = this.cellOf(entry.east + EPSILON, entry.north + EPSILON);
      for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) this.cells[r * this.columns + c]!.push(index);
    });
  }

  get size(): number {
    return this.entries.length;
  }

  private cellOf(x: number, y: number): [number, number] {
    const column = Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.west) / this.cellWidth)));
    const row = Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.south) / this.cellHeight)));
    return [column, row];
  }

  /** The shapes tested for a point: what the index narrows thousands of polygons down to. */
  candidates(x: number, y: number): GridShape[] {
    if (this.entries.length === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return [];
    const [column, row] = this.cellOf(x, y);
    return this.cells[row * this.columns + column]!.map((index) => this.entries[index]!).filter(
      (entry) => x >= entry.west - EPSILON && x <= entry.east + EPSILON && y >= entry.south - EPSILON && y <= entry.north + EPSILON,
    );
  }

  /** The shape containing the point (edges included; the lowest id on a shared border), if any. */
  locate(x: number, y: number): GridShape | undefined {
    let best: GridShape | undefined;
    for (const candidate of this.candidates(x, y)) {
      if (best && candidate.id > best.id) continue;
      if (shapeContains(candidate, x, y) !== "outside") best = candidate;
    }
    return best;
  }
}
