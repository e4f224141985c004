import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ledgersApi } from "../../api/ledgers";
import { RecordFormButton } from "../../components/RecordForm";
import { useI18n } from "../../i18n";
import { renderWithProviders } from "../../test-utils";
import { movementFields } from "./recordForms";

/** The server's refusal of a payment above what is owed, as it sends it (money.test.ts checks the server says so). */
const refusal = {
  error: { code: "validation", message: "请求参数有误 (invalid body)", fields: [{ field: "amountFen", message: "超过未偿金额 1,101,234.54 元 (more than the 1,101,234.54 yuan outstanding)" }] },
};

function PaymentForm() {
  const i18n = useI18n();
  return (
    <RecordFormButton
      title="ledgers.movement.create"
      button="ledgers.movement.button"
      testId="movement-7"
      fields={movementFields(i18n)}
      initial={{ kind: "payment", on: "2026-05-02" }}
      send={(body) => ledgersApi.addMovement(7, { ...body, version: 3 } as never)}
      onSaved={() => undefined}
    />
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("a payment above what is owed", () => {
  it.each([
    ["en", "Amount (yuan)", "more than the 1,101,234.54 yuan outstanding", "超过未偿金额"],
    ["zh", "金额(元)", "超过未偿金额 1,101,234.54 元", "outstanding"],
  ] as const)("is refused under the amount in the user's language (%s), and the form stays open", async (locale, label, shown, hidden) => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(refusal), { status: 400, headers: { "content-type": "application/json" } })));
    renderWithProviders(<PaymentForm />, { locale });
    fireEvent.click(screen.getByTestId("movement-7-new"));
    fireEvent.change(await screen.findByLabelText(label), { target: { value: "1101234.55" } });
    fireEvent.click(screen.getByTestId("movement-7-save"));
    expect(await screen.findByText(shown)).toBeTruthy();
    expect(screen.queryByText(new RegExp(hidden))).toBeNull();
    expect(screen.getByTestId("movement-7-form")).toBeTruthy();
  });
});
