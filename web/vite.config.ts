import { fileURLToPath } from "node:url";
import { defineConfig, parseAst, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const apiTarget = process.env.ZHILI_API ?? "http://127.0.0.1:3000";

/**
 * `messages.ts?pick=eventsZh` is a copy of a messages file with only its `eventsZh` object (and what
 * that needs): each language of each module's messages is then a chunk of its own, which
 * web/src/i18n/packs.ts loads when needed. The bundler would keep the other objects (their spreads
 * might have side effects), so the copy leaves out the file's other exported objects and the
 * imports only they used. Runs after TypeScript is stripped; the web unit tests load packs through it.
 */
export function pickExport(): Plugin {
  return {
    name: "zhili:pick-export",
    transform(code, id) {
      const pick = /\?pick=(\w+)$/.exec(id)?.[1];
      if (!pick) return null;
      const body = parseAst(code).body;
      const range = (node: { start: number; end: number }): [number, number] => [node.start, node.end];
      const cut = (ranges: [number, number][]) =>
        [...ranges].sort((a, b) => b[0] - a[0]).reduce((text, [from, to]) => text.slice(0, from) + text.slice(to), code);
      const cuts: { names: string[]; at: [number, number] }[] = [];
      let found = false;
      for (const node of body) {
        if (node.type !== "ExportNamedDeclaration" || node.declaration?.type !== "VariableDeclaration") continue;
        const names = node.declaration.declarations.map((declarator) => (declarator.id.type === "Identifier" ? declarator.id.name : ""));
        if (names.includes(pick)) found = true;
        else cuts.push({ names, at: range(node) });
      }
      if (!found) this.error(`${id}: no exported const ${pick}`);
      const imports = body.filter((node) => node.type === "ImportDeclaration");
      // The names the rest of the file (not the left-out objects, not the imports) refers to.
      const referred = new Set<string>();
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === "object") {
          const node = value as { type?: string; name?: string };
          if (node.type === "Identifier" && node.name) referred.add(node.name);
          Object.values(value).forEach(walk);
        }
      };
      walk(body.filter((node) => node.type !== "ImportDeclaration" && !cuts.some((left) => left.at[0] === node.start)));
      const uses = (name: string) => referred.has(name);
      const needed = cuts.flatMap((left) => left.names).find(uses);
      if (needed) this.error(`${id}: ${pick} needs ${needed}, which the copy leaves out`);
      // Imports of what only the left-out objects used go too (a messages file's imports are other messages files).
      const unused = imports.filter((node) => node.specifiers.length > 0 && node.specifiers.every((specifier) => !uses(specifier.local.name)));
      return { code: cut([...cuts.map((left) => left.at), ...unused.map(range)]), map: null };
    },
  };
}

/**
 * The web app: root is web/, output web/dist (served by the server when serveWeb is on).
 * Code under ../shared (zod schemas, permissions) is imported by relative path; the dev server
 * may read it because the repository root is in server.fs.allow.
 */
export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [
    react(),
    pickExport(),
    // An installable app whose shell (HTML, scripts, styles, icons) a service worker keeps, so a grid
    // worker's phone opens it without network; the API is never cached (its answers are personal and
    // live). Registered from main.tsx, not by an inline script (the CSP allows none).
    VitePWA({
      injectRegister: false,
      registerType: "autoUpdate",
      manifest: {
        name: "党建引领基层治理平台",
        short_name: "基层治理",
        lang: "zh-CN",
        start_url: "/",
        scope: "/",
        display: "standalone",
        theme_color: "#b71c1c",
        background_color: "#ffffff",
        icons: [{ src: "/favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,woff2}"],
        // Charts are for desks: a phone in a village need not fetch ECharts to work offline.
        globIgnores: ["**/echarts-*.js"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/docs/, /^\/open311\//],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // The first visit is kept too: a phone that opened the app once in town works in the village.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    // shared/ has no node_modules of its own: make sure it and the app use one copy of these.
    dedupe: ["zod", "react", "react-dom"],
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/docs": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/docs": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    // dist/.vite/manifest.json: which chunks each page pulls in, for the JavaScript budget the bench prints.
    manifest: true,
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React and ECharts in chunks named for them (ECharts loads only with a chart); antd splits by page.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: "echarts", test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
