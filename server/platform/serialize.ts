import fastJson from "fast-json-stringify";
import { z } from "zod";

/**
 * A route's responses serialised by functions fast-json-stringify compiles once from their JSON schemas
 * (the ones the OpenAPI document shows) instead of zod checking every field of every row on every
 * request and JSON.stringify walking them again: for the hot lists, where a page is 50 to 200 records.
 * The handlers build these answers from typed code, so the check found nothing the compiler would not
 * also enforce (a field outside the schema is left out, as zod leaves it out). Per route:
 * `{ schema, serializerCompiler: compiledSerializer }`.
 */
const compiled = new WeakMap<object, (data: unknown) => string>();

/** A route's serializerCompiler: called with each response schema of the route (zod, as routes declare them). */
export function compiledSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  let stringify = compiled.get(schema as object);
  if (!stringify) {
    stringify = fastJson(z.toJSONSchema(schema as z.ZodType, { io: "output" }) as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
    compiled.set(schema as object, stringify);
  }
  return stringify;
}
