import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { EventDetailData } from "../../api/events";
import { Toasts } from "../../components/light";
import { renderWithProviders } from "../../test-utils";
import { LightActionDialog } from "./LightActionDialog";

const event = { id: 9, version: 3, code: "SJ2026" } as EventDetailData;

/** A handler's feedback from the site on the light dialog: the result is required, in the interface's language, and goes with the after-photos. */
describe("the light action dialog", () => {
  it("asks for the result before sending, then sends it and says so", async () => {
    const submit = vi.fn(async () => ({ ...event, version: 4 }));
    const onDone = vi.fn();
    renderWithProviders(
      <>
        <LightActionDialog pending={{ action: "feedback", label: "反馈", submit }} event={event} onClose={() => undefined} onDone={onDone} onReload={() => undefined} />
        <Toasts />
      </>,
    );
    fireEvent.click(await screen.findByTestId("action-confirm"));
    expect(await screen.findByText("请填写处置结果")).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId("action-result"), { target: { value: "已清理" } });
    fireEvent.click(screen.getByTestId("action-confirm"));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ ...event, version: 4 }));
    expect(submit).toHaveBeenCalledWith({ result: "已清理", photos: [] });
    expect(await screen.findByText("已反馈")).toBeTruthy();
  });

  it("names the missing reason in English", async () => {
    const submit = vi.fn();
    renderWithProviders(<LightActionDialog pending={{ action: "refuse", label: "Refuse", submit }} event={event} onClose={() => undefined} onDone={() => undefined} onReload={() => undefined} />, { locale: "en" });
    fireEvent.click(await screen.findByTestId("action-confirm"));
    expect(await screen.findByText("Please enter Reason")).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });
});
