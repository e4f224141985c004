import { foreignKey, index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { cityId, createdAt, day, id, ref, updatedAt, version } from "./columns";
import { orgNodes } from "./orgs";
import { persons } from "./people";

/** 后备干部库: one row per entry of a person into the reserve; an exit keeps the row with its date and reason. */
export const cadreReserve = pgTable(
  "cadre_reserve",
  {
    id: id(),
    cityId: cityId(),
    personId: ref("person_id").notNull(),
    /** The name as entered, so the reserve is searched without reading another module's tables. */
    personName: text("person_name").notNull(),
    /** The node the cadre is kept for: who may read them follows it. */
    nodeId: ref("node_id").notNull(),
    birthDate: day("birth_date").notNull(),
    education: text("education").notNull(),
    currentPost: text("current_post").notNull(),
    strengths: text("strengths").notNull().default(""),
    assessments: jsonb("assessments").$type<{ year: number; grade: string }[]>().notNull(),
    developmentPlan: text("development_plan").notNull().default(""),
    tutorPersonId: ref("tutor_person_id"),
    enteredOn: day("entered_on").notNull(),
    entryReason: text("entry_reason").notNull(),
    exitedOn: day("exited_on"),
    exitReason: text("exit_reason"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("cadre_reserve_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "cadre_reserve_person_fk" }),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "cadre_reserve_node_fk" }),
    index("cadre_reserve_node_idx").on(t.nodeId),
    index("cadre_reserve_person_idx").on(t.personId),
  ],
);

/** A dated move: a rotation (轮岗) or a seconded cadre returned to their post (清理借调). */
export const cadreMoves = pgTable(
  "cadre_moves",
  {
    id: id(),
    cityId: cityId(),
    personId: ref("person_id").notNull(),
    personName: text("person_name").notNull(),
    nodeId: ref("node_id").notNull(),
    kind: text("kind").notNull(),
    fromPost: text("from_post").notNull(),
    toPost: text("to_post").notNull(),
    movedOn: day("moved_on").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    unique("cadre_moves_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "cadre_moves_person_fk" }),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "cadre_moves_node_fk" }),
    index("cadre_moves_node_idx").on(t.nodeId),
  ],
);

/** The graduates plan: a place in a village or community to fill, and its recruitment status. */
export const graduatePlaces = pgTable(
  "graduate_places",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    year: integer("year").notNull(),
    post: text("post").notNull(),
    status: text("status").notNull(),
    candidateName: text("candidate_name"),
    note: text("note").notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "graduate_places_node_fk" }),
    index("graduate_places_node_idx").on(t.nodeId),
  ],
);
