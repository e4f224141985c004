import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../test-utils";
import { MaskedText } from "./MaskedText";

describe("MaskedText", () => {
  it("shows the masked value and, on reveal, the full one", async () => {
    const onReveal = vi.fn().mockResolvedValue("13812345678");
    renderWithProviders(<MaskedText value="138****5678" label="手机号" canReveal onReveal={onReveal} />);
    expect(screen.getByTestId("masked-value").textContent).toBe("138****5678");

    fireEvent.click(screen.getByRole("button", { name: "查看完整手机号" }));
    await waitFor(() => expect(screen.getByTestId("masked-value").textContent).toContain("13812345678"));
    expect(onReveal).toHaveBeenCalledTimes(1);

    // and hides it again
    fireEvent.click(screen.getByRole("button", { name: "隐藏" }));
    expect(screen.getByTestId("masked-value").textContent).toBe("138****5678");
  });

  it("offers no reveal without the ability", () => {
    const onReveal = vi.fn();
    renderWithProviders(<MaskedText value="1408**********1234" label="身份证号" canReveal={false} onReveal={onReveal} />);
    expect(screen.getByTestId("masked-value").textContent).toBe("1408**********1234");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("shows a dash when there is no value", () => {
    renderWithProviders(<MaskedText value={null} label="住址" canReveal onReveal={vi.fn()} />);
    expect(screen.queryByTestId("masked-value")).toBeNull();
    expect(screen.getByText("—")).toBeTruthy();
  });

  it("keeps the masked value when the reveal is refused", async () => {
    const onReveal = vi.fn().mockRejectedValue(new Error("nope"));
    renderWithProviders(<MaskedText value="138****5678" label="手机号" canReveal onReveal={onReveal} />);
    fireEvent.click(screen.getByRole("button", { name: "查看完整手机号" }));
    await waitFor(() => expect(onReveal).toHaveBeenCalled());
    expect(screen.getByTestId("masked-value").textContent).toBe("138****5678");
  });
});
