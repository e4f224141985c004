import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const apiTarget = process.env.ZHILI_API ?? "http://127.0.0.1:3000";

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
