import sharp from "sharp";
import { decodePhotos, type DecodedPhoto } from "./photos";

/** A photo as received (kept for staff as evidence) and its copies for screens and the public. */
export interface PreparedPhoto extends DecodedPhoto {
  /** About 320 px, for lists and the event page; null when the server cannot read the format (HEIC). */
  thumb: Buffer | null;
  /** At most 1280 px, what a phone shows full screen. */
  web: Buffer | null;
}

export const THUMB_PX = 320;
export const WEB_PX = 1280;

/**
 * Copies made with sharp (libvips): turned upright by their EXIF orientation, then written without any
 * metadata, so the GPS position, the phone's make and the time a resident's camera put in the file never
 * leave in a copy. JPEG out, whatever came in: every browser shows it and it is small.
 */
async function copy(data: Buffer, px: number): Promise<Buffer> {
  return sharp(data, { failOn: "error", limitInputPixels: 64_000_000 })
    .rotate()
    .resize({ width: px, height: px, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: px <= THUMB_PX ? 70 : 80, mozjpeg: true })
    .toBuffer();
}

/**
 * Decodes photos as `decodePhotos` does (type by bytes, size limit, field named on error) and makes the
 * copies. A file of a known type that the server cannot decode (HEIC: the phone app sends JPEG) keeps
 * no copies and is shown to staff only, as the original.
 */
export async function preparePhotos(photos: readonly string[] | undefined, field = "photos"): Promise<PreparedPhoto[]> {
  const decoded = decodePhotos(photos, field);
  const prepared: PreparedPhoto[] = [];
  for (const photo of decoded) {
    try {
      prepared.push({ ...photo, thumb: await copy(photo.data, THUMB_PX), web: await copy(photo.data, WEB_PX) });
    } catch {
      prepared.push({ ...photo, thumb: null, web: null });
    }
  }
  return prepared;
}
