import ExcelJS from "exceljs";
import { invalidField } from "./errors";

/**
 * Reading the .xlsx workbooks offices keep (problem ledgers, contract ledgers, question banks), one way
 * for every import: the file checked and opened, cells read as text or dates whatever ExcelJS made of
 * them, the heading row found under a title, and the rows that hold anything. Errors name the body's
 * `contentBase64` field, so a preview answers 400 with the field.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

/** A cell as text, whatever ExcelJS made of it: rich text, formulas, hyperlinks, numbers, dates (as YYYY-MM-DD). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("").trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text).trim();
    return "";
  }
  return String(value).trim();
}

/**
 * A date as offices type it: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, or a date cell (which
 * ExcelJS returns as UTC midnight of that day) or an Excel serial number; null when it is no real day.
 */
export function cellDate(value: ExcelJS.CellValue): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" && value > 20000 && value < 80000) return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cellText(value));
  if (!match) return null;
  const text = `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : null;
}

/** The first sheet of a workbook sent as strict base64: refused (400 on contentBase64) unless it is a readable .xlsx within the size. */
export async function readFirstSheet(contentBase64: string, maxBytes = MAX_WORKBOOK_BYTES): Promise<ExcelJS.Worksheet> {
  const bytes = Buffer.from(contentBase64, "base64");
  // Strict: a string that does not round-trip is not the file the client meant.
  if (bytes.length === 0 || bytes.toString("base64") !== contentBase64) throw invalidField("contentBase64", "not a file in standard base64");
  if (bytes.length > maxBytes) throw invalidField("contentBase64", `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  // An .xlsx is a zip archive ("PK\x03\x04") whose parts name xl/workbook.xml (a .docx names word/document.xml).
  const window = 64 * 1024;
  const names = bytes.subarray(0, window).toString("latin1") + bytes.subarray(Math.max(0, bytes.length - window)).toString("latin1");
  if (bytes.subarray(0, 4).toString("hex") !== "504b0304" || !names.includes("xl/workbook.xml")) throw invalidField("contentBase64", "not an .xlsx workbook");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw invalidField("contentBase64", "the workbook cannot be read");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidField("contentBase64", "the workbook has no sheet");
  return sheet;
}

/**
 * The heading row, which may sit under a title: the first of the first ten rows whose cells name the
 * `anchor` column. `keyOf` maps a heading's text to a column key (undefined for a column not read).
 * Returns the row number (0 when none) and which sheet column holds which key.
 */
export function findHeadings<K extends string>(sheet: ExcelJS.Worksheet, keyOf: (heading: string) => K | undefined, anchor: K): { headerRow: number; columns: Map<number, K> } {
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    const found = new Map<number, K>();
    sheet.getRow(r).eachCell((cell, col) => {
      const key = keyOf(cellText(cell.value));
      if (key) found.set(col, key);
    });
    if ([...found.values()].includes(anchor)) return { headerRow: r, columns: found };
  }
  return { headerRow: 0, columns: new Map() };
}

/** The rows under the headings that hold anything, each as its cells by column key. */
export function* dataRows<K extends string>(sheet: ExcelJS.Worksheet, headerRow: number, columns: ReadonlyMap<number, K>): Generator<{ row: number; cells: Map<K, ExcelJS.CellValue> }> {
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const cells = new Map<K, ExcelJS.CellValue>();
    sheet.getRow(r).eachCell((cell, col) => {
      const key = columns.get(col);
      if (key) cells.set(key, cell.value);
    });
    if ([...cells.values()].every((value) => cellText(value) === "")) continue;
    yield { row: r, cells };
  }
}
