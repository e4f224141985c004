import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerSW } from "virtual:pwa-register";
import { Root } from "./app/App";
import { loadMessages, readStoredLocale, startPacks } from "./i18n";

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");
// The shell's messages in the reader's language before the first screen (a module's come with its pages).
// Should they fail to load, the app renders anyway and its error boundary offers a reload.
await loadMessages(readStoredLocale(), startPacks).catch(() => undefined);
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);

// The service worker that keeps the app shell for offline use (production builds only: in development it would serve stale code).
if (import.meta.env.PROD) registerSW({ immediate: true });
