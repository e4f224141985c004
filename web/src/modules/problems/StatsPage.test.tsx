import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { navigate } from "../../app/router";
import { renderWithProviders } from "../../test-utils";
import StatsPage from "./StatsPage";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

const counts = (total: number, open: number) => ({ total, open, due: 0, closed: total - open, closedOnTime: 0, overdue: 0, handled: 0, reworked: 0 });
const noRates = { closure: null, onTimeClosure: null, rework: null };
const row = (nodeId: number, name: string, kind: string, total: number, open: number) => ({ nodeId, name, kind, counts: counts(total, open), rates: noRates });
const org = { id: 2, name: "第1镇", kind: "township" };

afterEach(() => {
  vi.unstubAllGlobals();
  navigate("/");
});

/** The problem statistics tab: each count opens the list of exactly its problems, by node or by responsible unit. */
describe("the problem statistics", () => {
  it("show the node table with each count opening its problems, and the unit table with the unit in the link", async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        asked.push(url);
        if (url.startsWith("/api/problems/stats/units")) return json({ org, minCases: 5, items: [row(9, "一网格", "grid", 3, 2)] });
        if (url.startsWith("/api/problems/stats")) return json({ org, minCases: 5, self: { ...row(2, "第1镇", "township", 5, 3), rates: { closure: 82.4, onTimeClosure: null, rework: null } }, children: [row(4, "1村", "village", 4, 2), row(5, "2村", "village", 1, 1)] });
        return json({ items: [], total: 0 });
      }),
    );
    act(() => navigate("/problems/stats?org=2"));
    renderWithProviders(<StatsPage />);
    const table = await screen.findByTestId("problem-stats-table");
    await waitFor(() => expect(within(table).getByText("1村")).toBeTruthy());
    expect(asked.some((url) => url.startsWith("/api/problems/stats?org=2"))).toBe(true);
    // Headings are the figures' own names, in Chinese.
    expect(within(table).getAllByText("问题总数").length).toBeGreaterThan(0);
    // A rate as a percentage; one drawn from too few cases says so rather than showing a number.
    expect(within(table).getByText("82.4%")).toBeTruthy();
    expect(within(table).getAllByText("样本过少").length).toBeGreaterThan(0);
    const drills = within(table).getAllByTestId("problem-stats-drill");
    // Eight counts a row; the second row is village 4, its second count the open problems.
    expect(drills[9]!.textContent).toBe("2");
    expect(drills[9]!.getAttribute("href")).toBe("#/problems?org=4&figure=problems.open");
    expect(within(table).getAllByTestId("problem-stats-child")[0]!.getAttribute("href")).toBe("#/problems/stats?org=4");

    act(() => navigate("/problems/stats?org=2&view=units"));
    await waitFor(() => expect(within(screen.getByTestId("problem-stats-table")).getByText("一网格")).toBeTruthy());
    const unitDrills = within(screen.getByTestId("problem-stats-table")).getAllByTestId("problem-stats-drill");
    expect(unitDrills[1]!.getAttribute("href")).toBe("#/problems?org=2&responsible=9&figure=problems.open");
  });
});
