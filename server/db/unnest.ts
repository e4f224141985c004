import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * One INSERT of any number of rows whose text does not depend on how many: each column travels as
 * a single array parameter and `unnest` turns the arrays back into rows, typed from the schema. Meant
 * for the WITH clause of a statement that writes a whole batch of requests in one round trip.
 * `keys` are the columns written (an identity column too, with overridingSystemValue); rows give a value, or null, for each.
 */
export function insertUnnest<TTable extends PgTable>(
  table: TTable,
  keys: readonly (keyof TTable["$inferSelect"] & string)[],
  rows: readonly Partial<TTable["$inferSelect"]>[],
  options: { overridingSystemValue?: boolean } = {},
): SQL {
  const columns = getTableColumns(table);
  const arrays = keys.map((key) => {
    const column = columns[key]!;
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = sql.join(keys.map((key) => sql.identifier(columns[key]!.name)), sql`, `);
  const overriding = options.overridingSystemValue ? sql` OVERRIDING SYSTEM VALUE` : sql``;
  return sql`INSERT INTO ${table} (${names})${overriding} SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`;
}
