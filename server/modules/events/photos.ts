import { createHash } from "node:crypto";
import { invalidField } from "../../platform/errors";

/** All photos of one report or feedback together, decoded. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface DecodedPhoto {
  mime: string;
  data: Buffer;
  size: number;
  sha256: string;
}

/**
 * The type is what the first bytes say, whatever the client claims: a file renamed to .jpg is still
 * refused. JPEG, PNG, WebP and HEIC (what phones take) are accepted.
 */
export function sniffImage(data: Buffer): string | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (data.length >= 12 && data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 8, 12) === "WEBP") return "image/webp";
  if (data.length >= 12 && data.toString("latin1", 4, 8) === "ftyp" && ["heic", "heix", "mif1", "msf1", "heim", "heis"].includes(data.toString("latin1", 8, 12))) {
    return "image/heic";
  }
  return null;
}

export function decodePhotos(photos: readonly string[] | undefined, field = "photos"): DecodedPhoto[] {
  const decoded: DecodedPhoto[] = [];
  let total = 0;
  (photos ?? []).forEach((photo, index) => {
    const match = /^data:(image\/[a-z0-9.+-]+);base64,/.exec(photo);
    const data = Buffer.from(match ? photo.slice(match[0].length) : photo, "base64");
    total += data.length;
    if (total > MAX_PHOTO_BYTES) throw invalidField(`${field}.${index}`, "照片合计不能超过 10 MB (photos may not exceed 10 MB together)");
    const mime = sniffImage(data);
    if (!mime) throw invalidField(`${field}.${index}`, "不是 JPEG、PNG、WebP 或 HEIC 图片 (not a JPEG, PNG, WebP or HEIC image)");
    if (match && match[1] !== mime && !(match[1] === "image/jpg" && mime === "image/jpeg") && !(match[1] === "image/heif" && mime === "image/heic")) {
      throw invalidField(`${field}.${index}`, `声明为 ${match[1]}，实际是 ${mime} (the declared type does not match the content)`);
    }
    decoded.push({ mime, data, size: data.length, sha256: createHash("sha256").update(data).digest("hex") });
  });
  return decoded;
}
