import { sql, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../db/client";

/**
 * Statements of a hot read built once per shape and prepared (issue 16): drizzle builds a query's text
 * afresh on every call, which cost a list request more CPU than anything else of its own, and
 * PostgreSQL parses it afresh too. A filter's shape is everything its SQL depends on; its values go in
 * as numbered placeholders, recorded by `Placeholders` in the order the builder asks for them, so one shape
 * always asks for the same names.
 */
export class Placeholders {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  /** `value` as the next placeholder of the statement being built. */
  readonly value = <T>(value: T): T | SQLWrapper => {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return sql.placeholder(name);
  };
}

/**
 * The shape of a filter: its JSON with every truthy number and string (a date is one) masked, except
 * `visible` keys, whose values choose SQL themselves (a light, a drill-down). Falsy values, booleans and
 * array lengths stay, since the builders test them (`if (filter.typeId)`, `paths.length === 0`).
 */
export function shapeOf(filter: object, visible: readonly string[]): string {
  return JSON.stringify(filter, (key, value: unknown) => {
    if (visible.includes(key)) return value;
    if ((typeof value === "number" || typeof value === "string") && value) return "?";
    return value;
  });
}

/** At most this many shapes a database: a filter's combinations are many, but a city uses few. */
const MAX_SHAPES = 500;

const statements = new WeakMap<Database, Map<string, unknown>>();

/**
 * The statement of `key` on this database, built by `build` the first time, with a name of its own
 * (PostgreSQL keeps a named statement parsed on each connection that ran it).
 */
export function preparedOnce<Q>(db: Database, key: string, build: (name: string) => Q): Q {
  let known = statements.get(db);
  if (!known) {
    known = new Map();
    statements.set(db, known);
  }
  const found = known.get(key);
  if (found) return found as Q;
  if (known.size >= MAX_SHAPES) known.clear();
  // Numbered, never named after the key: two texts under one name would fail on a connection that has the other.
  const statement = build(`zhili_${++named}`);
  known.set(key, statement);
  return statement;
}

let named = 0;
