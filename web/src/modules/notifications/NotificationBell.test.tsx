import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test-utils";
import { NotificationBell, POLL_MS } from "./NotificationBell";

function respond(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the bell", () => {
  it("shows the unread count, asks again every minute and when the window regains focus", async () => {
    vi.useFakeTimers();
    let unread = 2;
    const fetchMock = vi.fn(async (url: string) => (url.startsWith("/api/notifications/unread-count") ? respond({ unread }) : respond({})));
    vi.stubGlobal("fetch", fetchMock);
    renderWithProviders(<NotificationBell compact={false} />);
    const bell = screen.getByTestId("bell");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(bell.getAttribute("data-unread")).toBe("2");
    expect(bell.getAttribute("aria-label")).toBe("通知（2 条未读）");

    unread = 5;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS);
    });
    expect(bell.getAttribute("data-unread")).toBe("5");
    const polls = fetchMock.mock.calls.length;

    unread = 0;
    await act(async () => {
      fireEvent.focus(window);
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(fetchMock.mock.calls.length).toBe(polls + 1);
    expect(bell.getAttribute("data-unread")).toBe("0");
    expect(bell.getAttribute("aria-label")).toBe("通知");
  });

  it("keeps the last count when a poll fails, without an error on screen", async () => {
    vi.useFakeTimers();
    let fail = false;
    vi.stubGlobal("fetch", async () => (fail ? Promise.reject(new TypeError("offline")) : respond({ unread: 3 })));
    renderWithProviders(<NotificationBell compact={false} />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    fail = true;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS);
    });
    expect(screen.getByTestId("bell").getAttribute("data-unread")).toBe("3");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
