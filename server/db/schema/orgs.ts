import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const cityId = () => bigint("city_id", { mode: "number" }).notNull();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A tenant: one county-level city with its own tree. */
export const cities = pgTable("cities", {
  id: id(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  /** The prefecture (地级市) the city belongs to: a province's cities are ranked among those of their prefecture. */
  prefecture: text("prefecture"),
  createdAt: stamp("created_at").notNull().defaultNow(),
});

/**
 * The territorial tree. `path` is a materialised path of ids ("/1/17/230/") so that a subtree is
 * one prefix match on an index; it works identically on PGlite and PostgreSQL (ltree is not in PGlite's core).
 */
export const orgNodes = pgTable(
  "org_nodes",
  {
    id: id(),
    cityId: cityId().references(() => cities.id),
    parentId: bigint("parent_id", { mode: "number" }),
    kind: text("kind").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    sort: integer("sort").notNull().default(0),
    boundary: jsonb("boundary"),
    retiredAt: stamp("retired_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("org_nodes_city_code").on(t.cityId, t.code),
    unique("org_nodes_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.parentId], foreignColumns: [t.cityId, t.id], name: "org_nodes_parent_fk" }),
    index("org_nodes_path_idx").using("btree", t.path.op("text_pattern_ops")),
    index("org_nodes_parent_idx").on(t.parentId, t.sort),
    // With version and updated_at in the index, a city's geography stamp (count, sum of versions, latest
    // change of its micro-grids) is read from the index alone, not from rows that carry their boundaries.
    index("org_nodes_city_kind_stamp_idx").on(t.cityId, t.kind, t.version, t.updatedAt),
  ],
);

/** Renames, moves and retirements, so that a node's past names and places stay known. */
export const orgNodeHistory = pgTable(
  "org_node_history",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    actorUserId: bigint("actor_user_id", { mode: "number" }),
    at: stamp("at").notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "org_node_history_node_fk" }),
    index("org_node_history_node_idx").on(t.nodeId, t.at),
  ],
);

/** 部门: departments whose functions are brought into the grid system. */
export const departments = pgTable(
  "departments",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    inGrid: boolean("in_grid").notNull().default(true),
    retiredAt: stamp("retired_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("departments_city_code").on(t.cityId, t.code),
    unique("departments_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "departments_node_fk" }),
  ],
);

/** 职能: one function of a department, the unit that events are routed to. */
export const departmentFunctions = pgTable(
  "department_functions",
  {
    id: id(),
    cityId: cityId(),
    departmentId: bigint("department_id", { mode: "number" }).notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    retiredAt: stamp("retired_at"),
  },
  (t) => [
    unique("department_functions_city_code").on(t.cityId, t.code),
    foreignKey({
      columns: [t.cityId, t.departmentId],
      foreignColumns: [departments.cityId, departments.id],
      name: "department_functions_department_fk",
    }),
  ],
);

/** 市直单位: city-level units that take topics and own projects. */
export const units = pgTable(
  "units",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    retiredAt: stamp("retired_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("units_city_code").on(t.cityId, t.code),
    unique("units_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "units_node_fk" }),
  ],
);

/** 党组织: 党委 > 党总支 > 党支部, attached to a node and optionally to a unit (city-organ party organisations). */
export const partyOrgs = pgTable(
  "party_orgs",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    parentId: bigint("parent_id", { mode: "number" }),
    unitId: bigint("unit_id", { mode: "number" }),
    kind: text("kind").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    retiredAt: stamp("retired_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("party_orgs_city_code").on(t.cityId, t.code),
    unique("party_orgs_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "party_orgs_node_fk" }),
    foreignKey({ columns: [t.cityId, t.parentId], foreignColumns: [t.cityId, t.id], name: "party_orgs_parent_fk" }),
    foreignKey({ columns: [t.cityId, t.unitId], foreignColumns: [units.cityId, units.id], name: "party_orgs_unit_fk" }),
    index("party_orgs_node_idx").on(t.nodeId),
  ],
);


/**
 * The departments a department handler (部门办理人) acts for: such an account sees and handles only
 * events dispatched to these departments and summonses addressed to them, within its role's subtree.
 * The set is replaced as a whole by the security administrator; the audit trail keeps each change.
 */
export const handlerDepartments = pgTable(
  "handler_departments",
  {
    cityId: cityId(),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    departmentId: bigint("department_id", { mode: "number" }).notNull(),
    grantedBy: bigint("granted_by", { mode: "number" }),
    grantedAt: stamp("granted_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "handler_departments_pk", columns: [t.userId, t.departmentId] }),
    foreignKey({ columns: [t.cityId, t.departmentId], foreignColumns: [departments.cityId, departments.id], name: "handler_departments_department_fk" }),
  ],
);
