import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ContractDetailData } from "../../api/ledgers";
import { renderWithProviders } from "../../test-utils";
import { ContractForm } from "./ContractForm";

const contract: ContractDetailData = {
  id: 7,
  nodeId: 33,
  nodeName: "下坡村",
  code: "HT-7",
  counterpartyKind: "person",
  counterpartyName: "王**",
  counterpartyIdNumber: "1408**********1234",
  counterpartyPhone: "139****5678",
  object: "land",
  objectName: "东滩地1号",
  area: "10.00",
  unit: "亩",
  startOn: "2024-01-01",
  endOn: "2033-12-31",
  annualPriceFen: 500_000,
  paymentSchedule: "annual",
  dueFen: 1_000_000,
  receivedFen: 0,
  owedFen: 1_000_000,
  letMethod: "public_tender",
  procedure: "members_meeting",
  procedureOn: "2023-12-01",
  fileRef: "HJ-7",
  fileId: null,
  status: "active",
  checkState: "flagged",
  flagCount: 1,
  version: 3,
  abilities: { update: true, delete: true, reveal: false },
  flags: [],
};

function stubApi(response: unknown) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ method: init.method ?? "GET", url, body: init.body ? (JSON.parse(String(init.body)) as unknown) : undefined });
      return new Response(JSON.stringify(response), { status: 200, headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("correcting a contract", () => {
  it("sends only what was changed, in fen, with the version read; the masked counterparty is never written back", async () => {
    const calls = stubApi({ ...contract, receivedFen: 1_000_000, owedFen: 0, checkState: "rectified", version: 4 });
    const onSaved = vi.fn();
    renderWithProviders(<ContractForm contract={contract} onClose={() => undefined} onSaved={onSaved} />);
    const received = (await screen.findByLabelText("实收(元)")) as HTMLInputElement;
    expect(received.value).toBe("0.00");
    fireEvent.change(received, { target: { value: "10000.00" } });
    fireEvent.click(screen.getByTestId("contract-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls).toEqual([{ method: "PATCH", url: "/api/ledger/contracts/7", body: { receivedFen: 1_000_000, version: 3 } }]);
  });
});
