import { index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { stamp } from "./columns";

/**
 * A create (or any change sent by POST) made with an `Idempotency-Key`: the key, per caller, holds the
 * first request's fingerprint and, once it finished, its answer, so a retry of the same request answers
 * the same and creates nothing. A row without an answer is a request still running. Kept 24 hours.
 * `outcomes` is written in the transaction of each write the request commits, so a process that died
 * after committing but before keeping the answer leaves a row that says so, and the retry does not write again.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** `u<account id>` for a signed-in caller, `public` for the residents' side. */
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    /** sha256 of the method, the path and the body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code"),
    contentType: text("content_type"),
    body: text("body"),
    /** What each committed write of the request returned, in order (dates tagged); null while nothing is committed. */
    outcomes: jsonb("outcomes").$type<unknown[]>(),
    createdAt: stamp("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);
