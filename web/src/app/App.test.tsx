import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { roles } from "../../../shared/permissions";
import { mediaQueryList } from "../test-utils";
import { Root } from "./App";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const gridWorker = {
  id: 5,
  username: "grid.worker1",
  displayName: "网格员甲",
  cityId: 1,
  mustChangePassword: false,
  roles: [{ id: 1, role: "grid_worker", nodeId: 9, nodeName: "一网格", nodePath: "1.9", cityId: 1, grantedAt: "2026-01-01T00:00:00Z" }],
  permissions: [...roles.grid_worker.permissions],
  csrfToken: "t",
  idleTimeoutSeconds: 1800,
  passwordReset: null,
};

/** A screen as wide or as narrow as asked: antd's breakpoints (min-width) and the app's phone query (max-width) agree. */
function screenOf(narrow: boolean) {
  vi.stubGlobal("matchMedia", (query: string) => mediaQueryList(query, query.includes("max-width") ? narrow : !narrow));
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = "";
});

/** Which frame the entry loads: the light phone frame for a grid worker's field page on a phone, antd's desktop frame otherwise. */
describe("the app's frame", () => {
  it("is the light phone frame, with the bottom tab bar and no antd, for a grid worker reporting from a phone", async () => {
    screenOf(true);
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (url.startsWith("/api/auth/me") ? json(gridWorker) : json({ items: [], total: 0, defaults: [] }))));
    window.location.hash = "#/events/report";
    render(<Root />);
    await screen.findByTestId("phone-frame", undefined, { timeout: 5000 });
    await screen.findByTestId("phone-tab-bar");
    expect(screen.getByTestId("phone-tab-/events/report").getAttribute("aria-current")).toBe("page");
    expect(document.querySelector('[class*="ant-"]')).toBeNull();
  });

  it("is antd's desktop frame, with its side menu, on a wide screen", async () => {
    screenOf(false);
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (url.startsWith("/api/auth/me") ? json(gridWorker) : json({ items: [], total: 0, defaults: [] }))));
    window.location.hash = "#/events/report";
    render(<Root />);
    await screen.findByTestId("nav-menu", undefined, { timeout: 5000 });
    expect(screen.queryByTestId("phone-frame")).toBeNull();
    await waitFor(() => expect(document.querySelector(".ant-layout")).not.toBeNull());
  });
});
