import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { eventPhotos } from "../../db/schema";

/** The photos of an event that have copies without metadata: the only ones the public side lists. */
export async function publicPhotosOf(db: Database, eventId: number) {
  return db
    .select({ id: eventPhotos.id, kind: eventPhotos.kind })
    .from(eventPhotos)
    .where(and(eq(eventPhotos.eventId, eventId), isNotNull(eventPhotos.web), inArray(eventPhotos.kind, ["report", "feedback"])))
    .orderBy(asc(eventPhotos.id));
}

export async function photoCopy(db: Database, eventId: number, photoId: number, size: "thumb" | "web"): Promise<Buffer | null | undefined> {
  const column = size === "thumb" ? eventPhotos.thumb : eventPhotos.web;
  const [row] = await db
    .select({ data: column })
    .from(eventPhotos)
    .where(and(eq(eventPhotos.id, photoId), eq(eventPhotos.eventId, eventId)));
  return row ? row.data : undefined;
}
