import { describe, expect, it, vi } from "vitest";

/**
 * A page whose module's messages are not loaded yet: the setup file loads every pack, so this test
 * takes fresh copies of the i18n modules (and of React with them) whose packs start empty, as on a
 * phone that has just opened the app.
 */
describe("messages loaded with their pages", () => {
  it("a page waits for its module's messages, then shows them; switching language loads the other language first", async () => {
    vi.resetModules();
    const { Suspense } = await import("react");
    const { act, cleanup, fireEvent, render, screen } = await import("@testing-library/react");
    const { I18nProvider, useI18n } = await import("./I18nProvider");
    const { loadedPacks, loadMessages } = await import("./packs");
    await loadMessages("zh", ["shell"]);

    function ReportTitle() {
      const i18n = useI18n();
      return (
        <button type="button" onClick={() => i18n.setLocale(i18n.locale === "zh" ? "en" : "zh")}>
          {i18n.t("events.report.title")}
        </button>
      );
    }
    render(
      <I18nProvider initialLocale="zh">
        <Suspense fallback={<span>waiting</span>}>
          <ReportTitle />
        </Suspense>
      </I18nProvider>,
    );
    expect(screen.getByText("waiting")).toBeTruthy();
    expect(await screen.findByText("上报网格事件")).toBeTruthy();
    expect(loadedPacks("zh").sort()).toEqual(["events", "shell"]);
    expect(loadedPacks("en")).toEqual([]);

    await act(async () => {
      fireEvent.click(screen.getByRole("button"));
    });
    expect(await screen.findByText("Report a grid event")).toBeTruthy();
    // The English of what was shown, and nothing else.
    expect(loadedPacks("en").sort()).toEqual(["events", "shell"]);
    expect(screen.queryByText("waiting")).toBeNull();
    cleanup();
  });
});
