import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../test-utils";
import { InvalidRows } from "./InvalidRows";

const rows = [
  { row: 4, errors: [{ column: "村", message: "找不到「不存在的村」" }, { column: "联系电话", message: "11 位手机号" }] },
  { row: 7, errors: [{ column: "问题类别", message: "必填" }] },
];

const headers = () => [...screen.getByTestId("invalid").querySelectorAll("thead th")].map((cell) => cell.textContent);

describe("InvalidRows", () => {
  it("names each refused row and every column's reason", () => {
    renderWithProviders(<InvalidRows rows={rows} testId="invalid" />);
    const bodyRows = screen.getByTestId("invalid").querySelectorAll("tbody tr.ant-table-row");
    expect([...bodyRows].map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent))).toEqual([
      ["第 4 行", "村：找不到「不存在的村」联系电话：11 位手机号"],
      ["第 7 行", "问题类别：必填"],
    ]);
    expect(headers()).toEqual(["行号", "原因"]);
  });

  it("reads in English when switched", () => {
    renderWithProviders(<InvalidRows rows={rows} testId="invalid" />, { locale: "en" });
    expect(screen.getByText("Row 4")).toBeTruthy();
    expect(headers()).toEqual(["Row", "Reasons"]);
  });
});
