import { bigint, customType, date, integer, timestamp } from "drizzle-orm/pg-core";

/** The column shapes every module's tables use, so a new schema file does not copy them. */
export const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
/** Every domain row carries its city (the tenant); keys and foreign keys include it. */
export const cityId = () => bigint("city_id", { mode: "number" }).notNull();
export const ref = (name: string) => bigint(name, { mode: "number" });
export const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
/** A calendar day as "YYYY-MM-DD" (Asia/Shanghai), never shifted by a time zone. */
export const day = (name: string) => date(name, { mode: "string" });
/** Optimistic concurrency: an update names the version it read and gets 409 otherwise. */
export const version = () => integer("version").notNull().default(1);
export const createdAt = () => stamp("created_at").notNull().defaultNow();
export const updatedAt = () => stamp("updated_at").notNull().defaultNow();
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
