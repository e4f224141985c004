import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerSW } from "virtual:pwa-register";
import { Root } from "./app/App";

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);

// The service worker that keeps the app shell for offline use (production builds only: in development it would serve stale code).
if (import.meta.env.PROD) registerSW({ immediate: true });
