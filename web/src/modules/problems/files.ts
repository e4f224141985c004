/**
 * Files sent to the problems module travel as base64 in JSON, at most 10 MB each. The server
 * recognises a file by its first bytes (JPEG, PNG, PDF, DOCX, XLSX); the browser checks the name and
 * size first so that a wrong file is refused before it is read and sent.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const evidenceExtensions = ["jpg", "jpeg", "png", "pdf", "docx", "xlsx"] as const;
export const spreadsheetExtensions = ["xlsx"] as const;

export type FileProblem = { kind: "empty" } | { kind: "tooLarge"; size: number } | { kind: "type"; ext: string };

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** Why a file cannot be sent, or null when it can. */
export function checkFile(file: { name: string; size: number }, allowed: readonly string[] = evidenceExtensions): FileProblem | null {
  if (file.size === 0) return { kind: "empty" };
  if (file.size > MAX_FILE_BYTES) return { kind: "tooLarge", size: file.size };
  const ext = extensionOf(file.name);
  if (!allowed.includes(ext)) return { kind: "type", ext };
  return null;
}

/** "2.4 MB", "830 KB", "512 B". */
export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.round(size / 1024)} KB`;
  return `${size} B`;
}

/** Standard base64 of some bytes (what the server's strict decoder round-trips). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Reads a picked file as base64. */
export async function fileToBase64(file: Blob): Promise<string> {
  const buffer = await file.arrayBuffer();
  return bytesToBase64(new Uint8Array(buffer));
}

/** Hands a downloaded Blob to the browser under a name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
