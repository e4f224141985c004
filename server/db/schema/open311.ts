import { boolean, foreignKey, index, pgTable, text, unique } from "drizzle-orm/pg-core";
import { cityId, id, stamp } from "./columns";
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
