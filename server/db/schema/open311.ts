import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, pgTable, text, unique } from "drizzle-orm/pg-core";
import { cityId, id, ref, stamp, version } from "./columns";
import { cities } from "./orgs";

/** Open311 API keys, kept as SHA-256 hashes. The demo key row is `demo`: OPEN311_API_KEY replaces it. */
export const open311Keys = pgTable(
  "open311_keys",
  {
    id: id(),
    cityId: cityId(),
    label: text("label").notNull(),
    keyHash: text("key_hash").notNull(),
    demo: boolean("demo").notNull().default(false),
    createdAt: stamp("created_at").notNull().defaultNow(),
    retiredAt: stamp("retired_at"),
  },
  (t) => [
    unique("open311_keys_hash").on(t.keyHash),
    foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "open311_keys_city_fk" }),
    index("open311_keys_city_idx").on(t.cityId),
  ],
);

/**
 * What a city publishes through Open311 (and nothing else leaves): the sources of the requests listed,
 * by default those that came from the public side or from Open311 itself. Staff-reported events and
 * internal notes stay inside unless the city adds "staff" here, and even then without their text.
 */
export const open311Settings = pgTable(
  "open311_settings",
  {
    cityId: cityId().primaryKey(),
    publishedSources: text("published_sources").array().notNull().default(sql`ARRAY['public', 'open311']::text[]`),
    version: version(),
    updatedBy: ref("updated_by"),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "open311_settings_city_fk" })],
);
