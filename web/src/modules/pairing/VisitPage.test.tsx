import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import VisitPage from "./VisitPage";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const household = (pairingId: number, householdId: number, code: string) => ({ pairingId, target: "household", householdId, householdCode: code, address: null, head: null, nodeId: 9, nodeName: "下坡村", lastVisitOn: null, due: true });
const fetchMock = vi.fn(async (url: string) => {
  if (url.startsWith("/api/pairing/mine")) return json({ from: "2026-10-01", to: "2026-12-31", personId: 4, items: [household(7, 31, "H031"), household(8, 32, "H032")] });
  if (url.startsWith("/api/base-map")) return json({ tileUrl: null, subdomains: "", attribution: "", maxZoom: 18, version: 1 });
  return json({ type: "FeatureCollection", features: [] });
});

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  window.location.hash = "#/pairing/visit?household=32";
});
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockClear();
  window.location.hash = "";
});

/** 登记走访 on the light kit: the household it was opened for, and what must be filled, named in the interface's language, before anything is sent. */
describe("the visit form", () => {
  it("opens on the household asked for and names each missing field, the conflict's too once a conflict is raised", async () => {
    renderWithProviders(<VisitPage />);
    const select = (await screen.findByTestId("visit-household")) as HTMLSelectElement;
    expect(within(select).getByText("H032 · 下坡村")).toBeTruthy();
    expect(select.value).toBe("8");

    fireEvent.click(screen.getByTestId("visit-submit"));
    expect(await screen.findByText("请填写见到的人")).toBeTruthy();
    expect(screen.getByText("请填写了解到的情况")).toBeTruthy();
    expect(screen.queryByText("请填写概要")).toBeNull();

    fireEvent.click(screen.getByTestId("raise-conflict"));
    expect(await screen.findByText("请填写类别")).toBeTruthy();
    expect(screen.getByText("请填写概要")).toBeTruthy();
    expect(screen.getByText("请填写当事人")).toBeTruthy();

    fireEvent.change(screen.getByTestId("visit-met"), { target: { value: "户主" } });
    fireEvent.change(screen.getByTestId("conflict-kind"), { target: { value: "neighbours" } });
    expect(screen.queryByText("请填写见到的人")).toBeNull();
    expect(screen.queryByText("请填写类别")).toBeNull();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith("/api/pairing/visits"))).toBe(false);
    expect(screen.getByTestId("visit-page").querySelector('[class*="ant-"]')).toBeNull();
  });

  it("names a missing field in English when the interface is in English", async () => {
    renderWithProviders(<VisitPage />, { locale: "en" });
    fireEvent.click(await screen.findByTestId("visit-submit"));
    expect(await screen.findByText("Please enter Who you met")).toBeTruthy();
  });
});
