import { MAX_ATTACHMENT_BYTES } from "../../api/campaign";

/**
 * Evidence (佐证材料) checked in the browser before it is sent: the server accepts these types
 * (server/modules/campaign/evidence.ts, told by the first bytes) up to 10 MB. Checking here saves
 * sending 13 MB of base64 only to hear it was a .zip; the server still checks the bytes.
 */
export const acceptedExtensions = ["jpg", "jpeg", "png", "gif", "webp", "pdf", "docx", "xlsx", "pptx", "doc", "xls"] as const;
export const acceptAttribute = acceptedExtensions.map((ext) => `.${ext}`).join(",");

export type EvidenceProblem = { kind: "type"; extension: string } | { kind: "size"; sizeBytes: number } | { kind: "empty" } | null;

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

export function evidenceProblem(file: { name: string; size: number }): EvidenceProblem {
  const extension = extensionOf(file.name);
  if (!(acceptedExtensions as readonly string[]).includes(extension)) return { kind: "type", extension };
  if (file.size === 0) return { kind: "empty" };
  if (file.size > MAX_ATTACHMENT_BYTES) return { kind: "size", sizeBytes: file.size };
  return null;
}

/** "2.4 MB", "820 KB", "12 B". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** Base64 of bytes, in slices so that a 10 MB file does not overflow the argument list of fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  return btoa(binary);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

/** The server's file names allow no folders: keep the last part of whatever the browser gives. */
export function uploadName(name: string): string {
  const last = name.split(/[/\\]/).pop()?.trim() ?? "";
  return (last || "file").slice(-200);
}
