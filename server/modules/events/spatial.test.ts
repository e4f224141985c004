import { describe, expect, it } from "vitest";
import { hejinExtent, tile, toPolygon } from "../../demo/geo";
import { GridIndex, polygonContains, type GridShape } from "./spatial";

/** 3,590 rectangles tiling Hejin's extent, as the demo city's micro-grids do; ids ascend west to east. */
const cells = tile(hejinExtent, 3590);
const shapes: GridShape[] = cells.map((rect, index) => ({ id: 1000 + index, path: `/1/${1000 + index}/`, polygons: [toPolygon(rect).coordinates] }));
const index = new GridIndex(shapes);

describe("the micro-grid index", () => {
  it("finds every micro-grid from a point inside it, looking at a handful of candidates, not thousands", () => {
    let most = 0;
    cells.forEach((rect, i) => {
      const x = (rect.west + rect.east) / 2;
      const y = (rect.south + rect.north) / 2;
      most = Math.max(most, index.candidates(x, y).length);
      expect(index.locate(x, y)?.id).toBe(1000 + i);
    });
    expect(most).toBeLessThanOrEqual(12);
  });

  it("gives a point on a shared edge or corner to the lowest id among the grids that touch it", () => {
    const [a, b] = [cells[0]!, cells[1]!];
    // The first two cells are stacked in the first column: a's north edge is b's south edge.
    expect(a.north).toBe(b.south);
    expect(index.locate((a.west + a.east) / 2, a.north)?.id).toBe(1000);
    const touching = shapes.filter((shape) => {
      const rect = cells[shape.id - 1000]!;
      return rect.west <= a.east && rect.east >= a.east && rect.south <= a.north && rect.north >= a.north;
    });
    expect(touching.length).toBeGreaterThanOrEqual(3);
    expect(index.locate(a.east, a.north)?.id).toBe(Math.min(...touching.map((shape) => shape.id)));
  });

  it("finds nothing outside the extent or between polygons that leave a gap", () => {
    expect(index.locate(hejinExtent.west - 0.01, hejinExtent.south + 0.1)).toBeUndefined();
    expect(index.locate(hejinExtent.east + 1e-6, hejinExtent.north)).toBeUndefined();
    const apart = new GridIndex([
      { id: 1, path: "/1/", polygons: [toPolygon({ west: 0, south: 0, east: 1, north: 1 }).coordinates] },
      { id: 2, path: "/2/", polygons: [toPolygon({ west: 2, south: 0, east: 3, north: 1 }).coordinates] },
    ]);
    expect(apart.locate(1.5, 0.5)).toBeUndefined();
    expect(new GridIndex([]).locate(0, 0)).toBeUndefined();
  });

  it("honours holes and the parts of a MultiPolygon, with rings in either orientation", () => {
    const ring = (w: number, s: number, e: number, n: number) => [
      [w, s],
      [w, n],
      [e, n],
      [e, s],
      [w, s],
    ];
    const donut = [ring(0, 0, 10, 10), ring(4, 4, 6, 6)];
    expect(polygonContains(donut, 1, 1)).toBe("inside");
    expect(polygonContains(donut, 5, 5)).toBe("outside");
    expect(polygonContains(donut, 4, 5)).toBe("edge");
    const multi = new GridIndex([{ id: 7, path: "/7/", polygons: [donut, [ring(20, 0, 21, 1)]] }]);
    expect(multi.locate(20.5, 0.5)?.id).toBe(7);
    expect(multi.locate(5, 5)).toBeUndefined();
    expect(multi.locate(15, 0.5)).toBeUndefined();
  });
});
