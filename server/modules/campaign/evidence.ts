/**
 * What an uploaded file really is, told by its first bytes rather than by its name or by what the
 * browser claims: evidence is opened by others, so a script renamed to .jpg must not get through.
 */
interface FileType {
  contentType: string;
  extensions: readonly string[];
  matches(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);

const fileTypes: readonly FileType[] = [
  { contentType: "image/jpeg", extensions: ["jpg", "jpeg"], matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { contentType: "image/png", extensions: ["png"], matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { contentType: "image/gif", extensions: ["gif"], matches: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]) },
  { contentType: "image/webp", extensions: ["webp"], matches: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8) },
  { contentType: "application/pdf", extensions: ["pdf"], matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  // Office Open XML files are ZIP archives.
  { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], matches: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) },
  { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], matches: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) },
  { contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"], matches: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) },
  // The older Word and Excel formats are OLE compound files.
  { contentType: "application/msword", extensions: ["doc"], matches: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { contentType: "application/vnd.ms-excel", extensions: ["xls"], matches: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
];

export const acceptedExtensions = fileTypes.flatMap((type) => type.extensions);

/** The content type of a file whose name and bytes agree, or null. */
export function detectFileType(fileName: string, bytes: Buffer): string | null {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  const type = fileTypes.find((candidate) => candidate.extensions.includes(extension));
  return type && type.matches(bytes) ? type.contentType : null;
}
