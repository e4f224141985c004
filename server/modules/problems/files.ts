/** Attachments: what the platform accepts, recognised by their first bytes rather than their names. */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * The type of a file from its magic bytes. .docx and .xlsx are both zip archives; the name of their
 * main part tells them apart, read from the archive's central directory at its end (and its first entries).
 */
export function sniffType(bytes: Buffer): { mime: string; ext: string } | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", ext: "jpg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: "image/png", ext: "png" };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: "application/pdf", ext: "pdf" };
  if (startsWith(bytes, ZIP)) {
    const window = 64 * 1024;
    const names = bytes.subarray(0, window).toString("latin1") + bytes.subarray(Math.max(0, bytes.length - window)).toString("latin1");
    if (names.includes("word/document.xml")) return { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" };
    if (names.includes("xl/workbook.xml")) return { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" };
  }
  return null;
}

/** Decodes base64 strictly: a string that does not round-trip is not the file the client meant. */
export function decodeBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}
