/**
 * The name an uploaded file is kept and served under. The client's name is only a label: its last path
 * part, without anything a header or a file system would misread, and with the extension of the type its
 * bytes were found to be, so a PNG sent as `poly.html` is kept as `poly.png` and never opens as a page.
 */
export function storedFileName(clientName: string, ext: string): string {
  const base = (clientName.split(/[\\/]/).pop() ?? "")
    // Control characters, quotes and separators end up in Content-Disposition and on disks.
    .replace(/[\u0000-\u001f\u007f"*:<>?|;]/g, "_")
    .trim();
  const dot = base.lastIndexOf(".");
  const stem = (dot > 0 ? base.slice(0, dot) : dot === 0 ? "" : base).replace(/\.+$/, "").trim();
  return `${stem || "file"}.${ext}`;
}

/** Content-Disposition for a download: an ASCII fallback name and the UTF-8 one (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
