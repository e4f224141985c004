import type { z } from "zod";
import type { GridExportQuery, GridImportBody } from "../../../shared/schemas/events";
import { NODE_CODE_PATTERN, type Boundary } from "../../../shared/schemas/orgs";
import type { RequestContext } from "../../platform/context";
import { AppError, badRequest, invalidField } from "../../platform/errors";
import { authorizeAt, covers, requirePermission, scopeOf, visibleScope } from "../../platform/policy";
import { write } from "../../platform/write";
import { cityOf } from "./catalogue";
import { invalidateGeography } from "./geography";
import * as orgs from "../orgs/service";
import { visibleNode } from "../../platform/tree";

/**
 * Boundaries in and out as GeoJSON, the way GIS tools (QGIS, ArcGIS, 天地图 exports) write them:
 * features matched to nodes by a `code` property, positions in WGS 84 (CGCS2000 is the same to within
 * centimetres at this scale), a third coordinate (height) dropped.
 */
const CODE_PROPERTIES = ["code", "CODE", "Code", "grid_code", "GRID_CODE"];
const GEOGRAPHIC_CRS = /CRS84|EPSG:{1,2}4326|EPSG:{1,2}4490/i;
const EXPORT_LIMIT = 20_000;

function flatten(positions: readonly (readonly number[])[]): [number, number][] {
  return positions.map((position) => [position[0]!, position[1]!]);
}

function toBoundary(geometry: GridImportBody["features"][number]["geometry"]): Boundary {
  if (geometry.type === "Polygon") return { type: "Polygon", coordinates: geometry.coordinates.map(flatten) };
  return { type: "MultiPolygon", coordinates: geometry.coordinates.map((polygon) => polygon.map(flatten)) };
}

function codeOf(properties: Record<string, unknown> | null): string | undefined {
  for (const key of CODE_PROPERTIES) {
    const value = properties?.[key];
    if (typeof value === "string" && value.trim()) return value.trim();
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

/**
 * Gives the nodes named by the features their boundaries. Every feature is checked (code known,
 * node live and the caller's to change) before anything is written; each change then goes through the
 * orgs service, so it has its node history and audit entry like an edit by hand.
 */
export async function importGrids(ctx: RequestContext, body: GridImportBody) {
  const actor = requirePermission(ctx, "org.manage");
  const { cityId } = cityOf(actor);
  if (body.crs && !GEOGRAPHIC_CRS.test(body.crs.properties.name)) throw invalidField("crs", "坐标须为经纬度 WGS 84 / CGCS2000 (positions must be longitude/latitude)");
  const codes = body.features.map((feature, index) => {
    const code = codeOf(feature.properties);
    if (!code) throw invalidField(`features.${index}.properties.code`, "每个要素须有 code 属性 (each feature needs a code property)");
    if (!NODE_CODE_PATTERN.test(code)) throw invalidField(`features.${index}.properties.code`, "编码为 1–32 位字母、数字、- 或 _ (a node code is 1–32 letters, digits, - or _)");
    return code;
  });
  const seen = new Map<string, number>();
  codes.forEach((code, index) => {
    if (seen.has(code)) throw invalidField(`features.${index}.properties.code`, `与第 ${seen.get(code)! + 1} 个要素重复 (repeats feature ${seen.get(code)! + 1})`);
    seen.set(code, index);
  });
  const nodes = new Map((await orgs.nodesByCodes(ctx.db, cityId, codes)).map((node) => [node.code, node]));
  const plan = codes.map((code, index) => {
    const node = nodes.get(code);
    const field = `features.${index}.properties.code`;
    const unknown = `没有编码为 ${code} 的节点 (no node has this code)`;
    // A code outside everything the caller can see is answered exactly like one no node has: 404, never a hint that it exists.
    if (!node || !covers(visibleScope(actor), node.path)) throw new AppError(404, "not_found", `${field}: ${unknown}`, [{ field, message: unknown }]);
    if (node.retiredAt) throw invalidField(field, unknown);
    if (node.path.split("/").filter(Boolean).length === 1) throw invalidField(field, "城市根节点的边界由平台管理 (the city's own boundary is the platform's)");
    authorizeAt(ctx, "org.manage", node.path.replace(/\d+\/$/, ""));
    const boundary = toBoundary(body.features[index]!.geometry);
    return { code, node, boundary, changed: JSON.stringify(node.boundary) !== JSON.stringify(boundary) };
  });
  const items: { code: string; nodeId: number; status: "updated" | "unchanged" }[] = [];
  try {
    for (const entry of plan) {
      if (entry.changed) await orgs.updateNode(ctx, entry.node.id, { version: entry.node.version, boundary: entry.boundary });
      items.push({ code: entry.code, nodeId: entry.node.id, status: entry.changed ? "updated" : "unchanged" });
    }
  } finally {
    invalidateGeography(ctx.db, cityId);
  }
  const updated = items.filter((item) => item.status === "updated").length;
  // Each change was audited by the orgs service; an import that changed nothing is recorded on its own.
  if (updated === 0) await write(ctx, async (_tx, audit) => audit({ action: "grids.import", entity: "org_node", cityId, after: { updated: 0, unchanged: items.length } }));
  return { updated, unchanged: items.length - updated, items };
}

/** The boundaries within the caller's reach (or one node's subtree) as a FeatureCollection, with codes and names. */
export async function exportGrids(ctx: RequestContext, query: z.infer<typeof GridExportQuery>) {
  const actor = requirePermission(ctx, "org.read");
  const kind = query.kind ?? "micro_grid";
  let paths: string[];
  if (query.org !== undefined) {
    paths = [(await visibleNode(ctx, query.org)).path];
  } else {
    const scope = scopeOf(actor, "org.read");
    paths = scope.all ? (await orgs.scopeRoots(ctx)).items.map((root) => root.path) : scope.paths;
  }
  const features = [];
  for (const path of paths) {
    for (const row of await orgs.shapesForExport(ctx.db, path, kind)) {
      features.push({
        type: "Feature" as const,
        id: row.id,
        properties: { id: row.id, code: row.code, name: row.name, kind: row.kind, parentId: row.parentId },
        geometry: row.boundary as Boundary,
      });
      if (features.length > EXPORT_LIMIT) throw badRequest(`超过 ${EXPORT_LIMIT} 个要素，请指定 org (more than ${EXPORT_LIMIT} features: name an org)`, [{ field: "org", message: "too many features" }]);
    }
  }
  return { type: "FeatureCollection" as const, features };
}
