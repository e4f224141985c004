import { describe, expect, it } from "vitest";
import { bytesToBase64, checkFile, extensionOf, formatBytes, MAX_FILE_BYTES, spreadsheetExtensions } from "./files";

describe("files sent to the problems module", () => {
  it("refuses empty files, files over 10 MB and types the server does not accept, by name", () => {
    expect(checkFile({ name: "整改前.JPG", size: 1000 })).toBeNull();
    expect(checkFile({ name: "报告.pdf", size: MAX_FILE_BYTES })).toBeNull();
    expect(checkFile({ name: "报告.pdf", size: MAX_FILE_BYTES + 1 })).toEqual({ kind: "tooLarge", size: MAX_FILE_BYTES + 1 });
    expect(checkFile({ name: "空.png", size: 0 })).toEqual({ kind: "empty" });
    expect(checkFile({ name: "病毒.exe", size: 10 })).toEqual({ kind: "type", ext: "exe" });
    expect(checkFile({ name: "台账.xls", size: 10 }, spreadsheetExtensions)).toEqual({ kind: "type", ext: "xls" });
    expect(checkFile({ name: "台账.xlsx", size: 10 }, spreadsheetExtensions)).toBeNull();
    expect(checkFile({ name: "noextension", size: 10 })).toEqual({ kind: "type", ext: "" });
  });

  it("reads extensions from the last part of a path", () => {
    expect(extensionOf("C:\\docs\\a.b\\照片.Jpeg")).toBe("jpeg");
    expect(extensionOf(".hidden")).toBe("");
  });

  it("encodes bytes as standard base64 (what the server's strict decoder round-trips)", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString("base64"));
  });

  it("prints sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(12.5 * 1024 * 1024)).toBe("12.5 MB");
  });
});
