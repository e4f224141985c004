import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { eventFor } from "./core";
import { photoCopy, publicPhotosOf } from "./photo-repository";
import * as repo from "./repository";

// Photos as copies without metadata: thumbnails for staff screens, and everything the public side shows.

export async function eventPhotoThumb(ctx: RequestContext, id: number, photoId: number): Promise<Buffer> {
  await eventFor(ctx, id, "event.read");
  const data = await photoCopy(ctx.db, id, photoId, "thumb");
  if (!data) throw notFound("照片");
  return data;
}

/** The before/after photos listed on the tracking page. */
export async function publicPhotoList(db: Database, eventId: number) {
  return (await publicPhotosOf(db, eventId)).map((photo) => ({ id: photo.id, kind: photo.kind as "report" | "feedback" }));
}

/** A photo by tracking code, only ever as a copy the server made without metadata. */
export async function publicPhoto(ctx: RequestContext, code: string, photoId: number, size: "thumb" | "web"): Promise<Buffer> {
  const event = await repo.findByTracking(ctx.db, code);
  if (!event) throw notFound("照片");
  const listed = await publicPhotosOf(ctx.db, event.id);
  if (!listed.some((photo) => photo.id === photoId)) throw notFound("照片");
  const data = await photoCopy(ctx.db, event.id, photoId, size);
  if (!data) throw notFound("照片");
  return data;
}
