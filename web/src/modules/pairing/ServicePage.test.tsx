import { fireEvent, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import { AuthProvider } from "../auth/AuthContext";
import ServicePage from "./ServicePage";

const deed = { id: 5, nodeId: 33, nodeName: "下坡村", title: "修缮村口便民桥", description: "加固护栏", beneficiaries: 30, doneOn: "2026-11-20", rating: null, published: false, photoIds: [], version: 1 };

/** The section's tabs, as the router switches them: the same page, another view. */
function Tabs() {
  const [view, setView] = useState<"deeds" | "calls">("deeds");
  return (
    <AuthProvider>
      <button onClick={() => setView("calls")}>next tab</button>
      <ServicePage view={view} />
    </AuthProvider>
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("the service tabs", () => {
  it("never shows the last tab's rows under the next tab's columns while the next tab loads (a deed has no shifts)", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string) => {
        if (url.startsWith("/api/auth/me")) return Promise.resolve(new Response(JSON.stringify({ error: { code: "unauthorized", message: "未登录 (signed out)" } }), { status: 401, headers: { "content-type": "application/json" } }));
        if (url.startsWith("/api/service/deeds")) return Promise.resolve(new Response(JSON.stringify({ items: [deed], total: 1, page: 1, pageSize: 20 }), { status: 200, headers: { "content-type": "application/json" } }));
        // The calls are still on their way.
        return new Promise<Response>(() => undefined);
      }),
    );
    renderWithProviders(<Tabs />);
    await screen.findByText("修缮村口便民桥");
    fireEvent.click(screen.getByText("next tab"));
    await waitFor(() => expect(screen.queryByText("修缮村口便民桥")).toBeNull());
    expect(screen.getByTestId("service-calls-page")).toBeTruthy();
    expect(errors.mock.calls.filter((call) => String(call[0]).includes("reading 'map'"))).toEqual([]);
    errors.mockRestore();
  });
});
