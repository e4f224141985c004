import { describe, expect, it, vi } from "vitest";
import { collectCursor, collectPages, csvCell, exportFileName, toCsv } from "./csv";

describe("csv", () => {
  it("starts with a BOM, ends lines with CRLF and quotes what needs it", () => {
    const text = toCsv(["姓名", "住址"], [["张三", "山西省河津市,清涧街****"], ['他说"好"', null], [12, "=1+1"]]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1).split("\r\n")).toEqual(["姓名,住址", '张三,"山西省河津市,清涧街****"', '"他说""好""",', "12,'=1+1", ""]);
  });

  it("keeps masked values as they are", () => {
    expect(csvCell("138****5678")).toBe("138****5678");
    expect(csvCell("1408**********1234")).toBe("1408**********1234");
    expect(csvCell(" x")).toBe('" x"');
  });

  it("names the file with the time in Asia/Shanghai", () => {
    expect(exportFileName("人员", new Date("2026-03-01T02:15:00Z"))).toBe("人员_20260301-1015.csv");
  });

  it("fetches pages up to the cap and reports progress", async () => {
    const all = Array.from({ length: 450 }, (_, i) => i);
    const fetchPage = vi.fn(async (page: number, pageSize: number) => ({ items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length }));
    const progress: number[] = [];
    const full = await collectPages(fetchPage, { pageSize: 200, onProgress: (n) => progress.push(n) });
    expect(full.items).toHaveLength(450);
    expect(full.capped).toBe(false);
    expect(progress).toEqual([200, 400, 450]);

    const capped = await collectPages(fetchPage, { pageSize: 200, cap: 300 });
    expect(capped.items).toHaveLength(300);
    expect(capped.capped).toBe(true);
    expect(capped.total).toBe(450);
  });

  it("follows a cursor until it ends or the cap is reached", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => 5 - i);
    const fetchPage = async (before: number | undefined, limit: number) => {
      const items = ids.filter((id) => before === undefined || id < before).slice(0, limit);
      const last = items[items.length - 1];
      return { items, next: items.length === limit && last !== undefined && last > 1 ? last : null };
    };
    expect((await collectCursor(fetchPage, { limit: 2 })).items).toEqual([5, 4, 3, 2, 1]);
    const capped = await collectCursor(fetchPage, { limit: 2, cap: 3 });
    expect(capped.items).toEqual([5, 4, 3]);
    expect(capped.capped).toBe(true);
  });
});
