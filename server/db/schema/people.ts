import { bigint, boolean, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { orgNodes, partyOrgs, units } from "./orgs";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const cityId = () => bigint("city_id", { mode: "number" }).notNull();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A resident, cadre or worker. Phone, ID number and address are personal data: masked on the way out. */
export const persons = pgTable(
  "persons",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    gender: text("gender").notNull(),
    phone: text("phone"),
    idNumber: text("id_number"),
    address: text("address"),
    isPartyMember: boolean("is_party_member").notNull().default(false),
    partyOrgId: bigint("party_org_id", { mode: "number" }),
    joinedPartyOn: date("joined_party_on", { mode: "string" }),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("persons_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "persons_node_fk" }),
    foreignKey({ columns: [t.cityId, t.partyOrgId], foreignColumns: [partyOrgs.cityId, partyOrgs.id], name: "persons_party_org_fk" }),
    index("persons_node_idx").on(t.nodeId),
    index("persons_city_name_idx").on(t.cityId, t.name),
  ],
);

/** A post a person holds at a node (县级领导, 乡镇干部, 专职网格员 …). */
export const posts = pgTable(
  "posts",
  {
    id: id(),
    cityId: cityId(),
    personId: bigint("person_id", { mode: "number" }).notNull(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    unitId: bigint("unit_id", { mode: "number" }),
    post: text("post").notNull(),
    title: text("title").notNull(),
    startedOn: date("started_on", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "posts_person_fk" }),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "posts_node_fk" }),
    foreignKey({ columns: [t.cityId, t.unitId], foreignColumns: [units.cityId, units.id], name: "posts_unit_fk" }),
    index("posts_node_post_idx").on(t.nodeId, t.post),
    index("posts_person_idx").on(t.personId),
  ],
);

/** 户: a household registered in a micro-grid. */
export const households = pgTable(
  "households",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    code: text("code").notNull(),
    address: text("address").notNull(),
    headPersonId: bigint("head_person_id", { mode: "number" }),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("households_city_code").on(t.cityId, t.code),
    unique("households_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "households_node_fk" }),
    index("households_node_idx").on(t.nodeId),
  ],
);

export const householdMembers = pgTable(
  "household_members",
  {
    cityId: cityId(),
    householdId: bigint("household_id", { mode: "number" }).notNull(),
    personId: bigint("person_id", { mode: "number" }).notNull(),
    relation: text("relation").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.personId] }),
    foreignKey({ columns: [t.cityId, t.householdId], foreignColumns: [households.cityId, households.id], name: "household_members_household_fk" }),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "household_members_person_fk" }),
    index("household_members_person_idx").on(t.personId),
  ],
);
