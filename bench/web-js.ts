import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

/**
 * The JavaScript a grid worker's phone loads for each of its pages, gzipped: the app's entry with its
 * static imports, plus the frame the entry loads around the page on a phone (the light phone frame, or
 * the residents' frame), plus the page's own chunk with its static imports (lazy chunks such as ECharts count
 * only where a page imports them), plus the Chinese messages it loads: the shell's at start
 * (web/src/i18n/packs.ts startPacks) and the modules' its components ask for. Read from the build's
 * manifest (npm run build:web first).
 */
const dist = fileURLToPath(new URL("../web/dist", import.meta.url));
const BUDGET_KB = 250;

/** The map (Leaflet and its plugins) is a lazy chunk, but these pages always show one: it counts for them. */
const MAP = "src/components/map/TileMap.tsx";
/** A pack of Chinese messages (web/src/i18n/packs.ts) as the manifest names its chunk. */
const zh = (pack: string) =>
  pack === "shell" ? "src/i18n/messages.ts?pick=shellZh" : `src/modules/${pack}/messages.ts?pick=${pack}Zh`;
const START = ["shell", "notifications", "field"].map(zh);
/** The module's messages its pages and the components they show ask for (keys by their first word). */
const EVENTS = ["events", "workbench", "pairing"].map(zh);
/** The frame around a signed-in field page on a phone (web/src/app/App.tsx), and the residents' frame. */
const PHONE = "src/modules/field/PhoneFrame.tsx";
const PUBLIC = "src/modules/public/PublicApp.tsx";
const gridWorkerPages: [string, string, string[]][] = [
  ["概览 /", "src/modules/home/HomePage.tsx", [PHONE, zh("workbench")]],
  ["上报事件 /events/report", "src/modules/events/ReportPage.tsx", [PHONE, MAP, ...EVENTS]],
  ["事件列表 /events", "src/modules/events/EventListPage.tsx", [PHONE, ...EVENTS]],
  ["事件详情 /events/:id", "src/modules/events/EventPage.tsx", [PHONE, MAP, ...EVENTS]],
  ["入户走访 /pairing/visit", "src/modules/pairing/VisitPage.tsx", [PHONE, MAP, zh("pairing")]],
  ["随手拍 /public/:city/report", "src/modules/public/PublicReportPage.tsx", [PUBLIC, MAP, zh("public"), zh("events")]],
];

interface Chunk {
  file: string;
  imports?: string[];
}

export function benchWebJs(): void {
  const manifestPath = join(dist, ".vite", "manifest.json");
  if (!existsSync(manifestPath)) {
    console.log("\nweb JavaScript per page: no build (run npm run build:web): skipped");
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, Chunk>;
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
    return gzipped.get(file)!;
  };
  const closure = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, into);
  };
  console.log(`\nweb JavaScript a grid worker's phone loads per page (gzip -9; budget ${BUDGET_KB} KB)`);
  console.log(`  ${"page".padEnd(34)} ${"files".padStart(5)} ${"KB gz".padStart(8)}  within budget`);
  for (const [label, key, shown] of gridWorkerPages) {
    const files = new Set<string>();
    closure("index.html", files);
    for (const pack of START) closure(pack, files);
    closure(key, files);
    for (const lazy of shown) closure(lazy, files);
    const kb = [...files].filter((file) => file.endsWith(".js")).reduce((sum, file) => sum + sizeOf(file), 0) / 1024;
    console.log(`  ${label.padEnd(34)} ${String(files.size).padStart(5)} ${kb.toFixed(1).padStart(8)}  ${kb <= BUDGET_KB ? "yes" : "NO"}`);
  }
  // What every page carries: the largest files of the entry, where more would have to come off.
  const entry = new Set<string>();
  closure("index.html", entry);
  const largest = [...entry].filter((file) => file.endsWith(".js")).sort((a, b) => sizeOf(b) - sizeOf(a)).slice(0, 6);
  console.log(`  every page: ${largest.map((file) => `${file.replace(/^assets\//, "").replace(/-[\w-]{8}\.js$/, "")} ${(sizeOf(file) / 1024).toFixed(0)}`).join(", ")} KB …`);
}
