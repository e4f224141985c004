import { bigint, date, foreignKey, integer, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { cities } from "./orgs";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One city's working calendar for one year: the version guards the year's list of days as a whole,
 * since a year is always edited (and audited) as one list.
 */
export const calendarYears = pgTable(
  "calendar_years",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    cityId: bigint("city_id", { mode: "number" })
      .notNull()
      .references(() => cities.id),
    year: integer("year").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: bigint("updated_by", { mode: "number" }),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [unique("calendar_years_city_year").on(t.cityId, t.year)],
);

/**
 * The exceptions to "Monday to Friday": public holidays that fall on weekdays and weekends worked
 * in exchange (调休). Any day not listed follows the week.
 */
export const calendarDays = pgTable(
  "calendar_days",
  {
    cityId: bigint("city_id", { mode: "number" }).notNull(),
    year: integer("year").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull().default(""),
  },
  (t) => [
    primaryKey({ name: "calendar_days_pk", columns: [t.cityId, t.day] }),
    foreignKey({ columns: [t.cityId, t.year], foreignColumns: [calendarYears.cityId, calendarYears.year], name: "calendar_days_year_fk" }),
  ],
);
