import { z } from "zod";

/** Database ids travel as positive integers; path and query strings are coerced. */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IdParams = z.strictObject({ id: Id });

/** NUL and other control characters have no place in text a person typed (and PostgreSQL refuses NUL). */
const CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const plain = () => z.string().regex(CONTROL, "control characters are not allowed");
export const text = (max: number) => plain().trim().min(1).max(max);
export const optionalText = (max: number) => plain().trim().max(max);

export const Version = z.number().int().positive();

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Above this many matches a list says "10,000+" (`totalCapped`) instead of counting them all. */
export const TOTAL_CAP = 10_000;

/**
 * A list that can be walked by cursor (keyset) as well as by page: `cursor` is the `nextCursor` of
 * the page before, and a deep page costs what the first one does.
 */
export const Cursor = z.string().regex(/^[1-9][0-9]{0,14}$/, "the nextCursor of a page").optional();
export const cursorPageOf = <T extends z.ZodType>(item: T) =>
  pageOf(item).extend({ nextCursor: z.string().nullable(), totalCapped: z.boolean() });

/**
 * What the caller may do with one record, as an object with exactly these keys (the client hides what
 * the server would refuse): `abilitiesOf(["update", "delete"])`. Built from a module's action keys, so a
 * key the server sends and the web reads cannot drift apart.
 */
export function abilitiesOf<const K extends string>(keys: readonly K[]): z.ZodObject<{ [P in K]: z.ZodBoolean }> {
  return z.object(Object.fromEntries(keys.map((key) => [key, z.boolean()])) as { [P in K]: z.ZodBoolean });
}

export const Ok = z.object({ ok: z.literal(true) });

/** A spreadsheet row an import refused, with each column's reason: one shape for every import. */
export const ImportRowError = z.object({ row: z.number().int(), errors: z.array(z.object({ column: z.string(), message: z.string() })) });
