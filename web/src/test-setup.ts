import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { loadMessages, packNames } from "./i18n";
import { mediaQueryList } from "./test-utils";

// Every message in both languages, as if every page had been opened: components render at once, without suspending.
await Promise.all([loadMessages("zh", packNames), loadMessages("en", packNames)]);

// antd reads media queries (Grid, responsive Table) and observes sizes; jsdom has neither.
if (!window.matchMedia) {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    configurable: true,
    value: (query: string) => mediaQueryList(query, false),
  });
}

if (!("ResizeObserver" in window)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, "ResizeObserver", { writable: true, configurable: true, value: ResizeObserverStub });
}

// findBy/waitFor give up after 1 s by default; CI runs these beside the server suites on two cores, where
// a lazily rendered antd form can take longer than that to appear.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
