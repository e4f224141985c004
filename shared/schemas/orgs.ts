import { z } from "zod";
import { nodeKinds } from "../permissions";
import { abilitiesOf, Id, Version, plain, text } from "./common";

/** A GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude. */
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4).max(10_000);
export const Boundary = z.union([
  z.strictObject({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1).max(100) }),
  z.strictObject({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100) }),
]);
export type Boundary = z.infer<typeof Boundary>;

export const NodeKind = z.enum(nodeKinds);
/** What a node's code may be: also checked where a code arrives inside free-form data (GeoJSON properties). */
export const NODE_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const Code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only");

/** What the caller may do with the record (answered on the server at its node). */
export const nodeAbilityKeys = ["update", "move", "retire", "createChild", "readPeople", "managePeople", "readFigures"] as const;
export type NodeAbilities = Record<(typeof nodeAbilityKeys)[number], boolean>;

export const OrgNode = z.object({
  id: Id,
  cityId: Id,
  parentId: Id.nullable(),
  kind: NodeKind,
  code: z.string(),
  name: z.string(),
  path: z.string(),
  depth: z.number().int(),
  childCount: z.number().int(),
  retiredAt: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(nodeAbilityKeys),
});
export type OrgNode = z.infer<typeof OrgNode>;

export const OrgNodeDetail = OrgNode.extend({
  ancestors: z.array(z.object({ id: Id, name: z.string(), kind: NodeKind })),
  boundary: Boundary.nullable(),
});
export type OrgNodeDetail = z.infer<typeof OrgNodeDetail>;

export const ChildrenQuery = z.strictObject({
  includeRetired: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const OrgList = z.object({ items: z.array(OrgNode), total: z.number().int() });

export const DescendantsQuery = z.strictObject({
  kind: z.enum(nodeKinds).optional(),
  q: plain().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const SearchQuery = z.strictObject({
  q: plain().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const CreateNodeBody = z.strictObject({
  parentId: Id,
  kind: NodeKind,
  code: Code,
  name: text(60),
  boundary: Boundary.optional(),
});
export const UpdateNodeBody = z.strictObject({
  version: Version,
  name: text(60).optional(),
  code: Code.optional(),
  boundary: Boundary.nullable().optional(),
});
export const MoveNodeBody = z.strictObject({ version: Version, parentId: Id });
export const RetireNodeBody = z.strictObject({ version: Version, reason: text(200) });

export const NodeHistoryEntry = z.object({
  id: Id,
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  actorUserId: Id.nullable(),
  at: z.string(),
});

export const Department = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  inGrid: z.boolean(),
  functions: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
});
export const Unit = z.object({ id: Id, code: z.string(), name: z.string(), kind: z.string() });
export const PartyOrg = z.object({
  id: Id,
  nodeId: Id,
  parentId: Id.nullable(),
  unitId: Id.nullable(),
  kind: z.string(),
  code: z.string(),
  name: z.string(),
});
export const OrgQuery = z.strictObject({ org: Id.optional() });

/** The departments a department handler acts for (部门办理人绑定部门). */
export const HandlerDepartments = z.object({
  userId: Id,
  departments: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
});
export const SetHandlerDepartmentsBody = z.strictObject({
  departmentIds: z
    .array(Id)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, "listed twice"),
});
